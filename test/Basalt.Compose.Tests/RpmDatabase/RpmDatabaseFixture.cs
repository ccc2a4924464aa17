using System.Buffers.Binary;
using Basalt.Compose.RpmDatabase;
using Basalt.Rpm.Format;
using Basalt.TestInfrastructure;
using Microsoft.Data.Sqlite;

namespace Basalt.Compose.Tests.RpmDatabase;

/// <summary>
/// Real packages covering what the database must carry: RSA/DSA/PGP-signed (signature tags merged into the header),
/// IMA file signatures, a relocatable package (INSTPREFIXES), scriptlets and (file) triggers, file capabilities,
/// translations, many files (389-ds-base-devel) and packages in rpm 6's format. Plus helpers to run rpm on a root.
/// </summary>
internal static class RpmDatabaseFixture
{
    public const string DbPath = "/usr/lib/sysimage/rpm";

    public const long InstallTime = 1_700_000_000;

    public static readonly string[] PackagePaths =
    [
        "rpms/rpm-rs/historical@2aa5d15/test_assets/389-ds-base-devel-1.3.8.4-15.el7.x86_64.rpm",
        "rpms/rpm-rs/historical@be7afd6/test_assets/monkeysphere-0.37-1.el7.noarch.rpm",
        "rpms/cavaliergopher-rpm/testdata/centos-release-7-2.1511.el7.centos.2.10.x86_64.rpm",
        "rpms/rpm-rs/historical@2aa5d15/test_assets/rpm-sign-4.15.1-1.fc31.x86_64.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v4/signed/rpm-basic-with-ima-2.3.4-5.el9.noarch.rpm",
        "rpms/rpm/tests/data/RPMS/hello-2.0-1.x86_64-signed.rpm",
        "rpms/cavaliergopher-rpm/testdata/epel-release-7-5.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-file-attrs-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-scriptlets-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-i18n-1.0-1.noarch.rpm",
        "rpms/rpm-rs/tests/assets/RPMS/v6/rpm-file-types-1.0-1.noarch.rpm",
        "rpms/rpm/tests/data/RPMS/hlinktest-1.0-1.noarch-v3sig.rpm",
    ];

    public static string[] Files => Array.ConvertAll(PackagePaths, Fixtures.Path);

    public static IReadOnlyList<RpmPackageHeaders> ReadHeaders() => Array.ConvertAll(Files, RpmPackageHeaders.Read);

    /// <summary>Builds our database for <paramref name="packages"/> and places it in <paramref name="root"/> where rpm looks.</summary>
    public static async Task<byte[]> WriteIntoRootAsync(IReadOnlyList<RpmPackageHeaders> packages, string root, string scratch)
    {
        var bytes = await RpmDatabaseWriter.BuildAsync(packages, InstallTime, scratch, TestContext.Current.CancellationToken);
        var directory = Path.Combine(root, DbPath.TrimStart('/'));
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, "rpmdb.sqlite"), bytes, TestContext.Current.CancellationToken);
        return bytes;
    }

    /// <summary>Runs rpm against the database under <paramref name="root"/>.</summary>
    public static ToolResult Rpm(string root, params string[] arguments) =>
        ExternalTool.Run(ExternalTool.Require("rpm", "rpm"), ["--root", root, "--dbpath", DbPath, .. arguments]);

    /// <summary>Runs rpm on package files (no database involved, keys not needed).</summary>
    public static ToolResult RpmQueryFile(string file, string queryFormat) =>
        ExternalTool.Run(ExternalTool.Require("rpm", "rpm"), ["-qp", "--nosignature", "--nodigest", "--qf", queryFormat, file])
            .EnsureSuccess($"rpm -qp {file}");

    /// <summary>Lets rpm itself record the packages (--justdb: nothing is unpacked, no scriptlets run).</summary>
    public static void RpmInstallJustDb(string root, IEnumerable<string> files)
    {
        Rpm(root, ["-i", "--justdb", "--nodeps", "--noscripts", "--notriggers", "--nosignature", "--nodigest",
            "--ignorearch", "--ignoreos", .. files]).EnsureSuccess("rpm -i --justdb");
    }

    /// <summary>Every binary package of RPM-INVENTORY.tsv that rpm reads.</summary>
    public static IReadOnlyList<string> EveryBinaryPackage() =>
        InventoryRows().Where(r => r.Kind == "bin" && r.Error.Length == 0).Select(r => Fixtures.Path(r.Path)).ToList();

    /// <summary>
    /// The first binary package of every name in RPM-INVENTORY.tsv that rpm reads, except centos-release-as, whose
    /// /etc/issue conflicts with centos-release's (rpm would refuse the transaction).
    /// </summary>
    public static IReadOnlyList<string> OnePackagePerName()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return InventoryRows()
            .Where(r => r.Kind == "bin" && r.Error.Length == 0 && r.Name != "centos-release-as" && seen.Add(r.Name))
            .Select(r => Fixtures.Path(r.Path))
            .ToList();
    }

    private static IEnumerable<(string Path, string Name, string Kind, string Error)> InventoryRows() =>
        File.ReadLines(Fixtures.Path("rpms/RPM-INVENTORY.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Select(columns => (columns[0], columns[3], columns[8], columns[18]));

    public static SqliteConnection OpenReadOnly(string databaseFile)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }

    public static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        }

        return rows;
    }

    /// <summary>Installed header blobs by package name, with INSTALLTIME and INSTALLTID zeroed (rpm takes them from the clock).</summary>
    public static Dictionary<string, byte[]> NormalizedBlobs(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT n.key, p.blob FROM Packages p JOIN Name n ON n.hnum = p.hnum";
        using var reader = command.ExecuteReader();
        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var blob = (byte[])reader.GetValue(1);
            byte[] withMagic = [0x8E, 0xAD, 0xE8, 0x01, 0, 0, 0, 0, .. blob];
            var header = RpmHeader.Parse(withMagic, "database blob");
            var dataStart = 8 + (header.Entries.Count * 16);
            foreach (var tag in new[] { RpmTag.InstallTime, RpmTag.InstallTid })
            {
                var entry = header.Find(tag) ?? throw new InvalidDataException($"blob of '{reader.GetString(0)}' lacks {tag}");
                BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(dataStart + entry.Offset), 0);
            }

            blobs.Add(reader.GetString(0), blob);
        }

        return blobs;
    }
}
