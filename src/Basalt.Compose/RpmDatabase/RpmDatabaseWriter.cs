using Basalt.Rpm.Format;
using Microsoft.Data.Sqlite;

namespace Basalt.Compose.RpmDatabase;

/// <summary>
/// Writes the rpm database of an image the way rpm &gt;= 4.16 keeps it: one SQLite file (rpmdb.sqlite) with the
/// installed header of every package in the Packages table and the index tables rpm looks names, files and
/// capabilities up in (<see cref="RpmDatabaseSchema"/>), so `rpm -qa`, `rpm -qf` and `rpm -q --whatprovides` work
/// on the image without rpm ever having run. The file is in rollback-journal (DELETE) mode, not WAL, so rpm can
/// read it from a read-only /usr as any user; rpm switches a database to WAL itself the first time it writes to it.
/// </summary>
public static class RpmDatabaseWriter
{
    /// <summary>The path of the database inside the image (%_dbpath of rpm &gt;= 4.16 distributions).</summary>
    public const string ImagePath = RpmDatabaseSchema.DefaultDbPath + "/" + RpmDatabaseSchema.FileName;

    /// <summary>
    /// rpm's %_transaction_color on 64-bit multilib platforms (x86_64, aarch64): ELF32 (1) and ELF64 (2) files
    /// may both be installed. rpm records it as INSTALLCOLOR.
    /// </summary>
    public const uint DefaultTransactionColor = 3;

    /// <summary>Builds the database for <paramref name="packages"/> (in install order) and returns the bytes of rpmdb.sqlite.</summary>
    /// <param name="installTime">The SOURCE_DATE_EPOCH written as INSTALLTIME and INSTALLTID (seconds, 0..2^32-1).</param>
    /// <param name="scratchDirectory">An existing folder for the temporary database file, which is removed afterwards.</param>
    public static Task<byte[]> BuildAsync(IReadOnlyList<RpmPackageHeaders> packages, long installTime, string scratchDirectory, CancellationToken cancellationToken) =>
        BuildAsync(packages, installTime, DefaultTransactionColor, scratchDirectory, cancellationToken);

    /// <inheritdoc cref="BuildAsync(IReadOnlyList{RpmPackageHeaders}, long, string, CancellationToken)"/>
    /// <param name="transactionColor">INSTALLCOLOR: 3 on 64-bit multilib platforms, 0 or 1 elsewhere (rpm's %_transaction_color).</param>
    public static async Task<byte[]> BuildAsync(IReadOnlyList<RpmPackageHeaders> packages, long installTime, uint transactionColor,
        string scratchDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentException.ThrowIfNullOrEmpty(scratchDirectory);
        // INSTALLTIME and INSTALLTID are INT32 tags that rpm reads as unsigned seconds.
        ArgumentOutOfRangeException.ThrowIfNegative(installTime);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(installTime, uint.MaxValue);
        if (!Directory.Exists(scratchDirectory))
        {
            throw new DirectoryNotFoundException($"Scratch directory '{scratchDirectory}' does not exist.");
        }

        // Build every header first: a package rpm would refuse fails before anything touches the disk.
        var stamp = new InstallStamp((uint)installTime, (uint)installTime, transactionColor);
        var installed = new List<(byte[] Blob, RpmHeader Header)>(packages.Count);
        foreach (var package in packages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            installed.Add(InstalledHeader.Build(package, stamp));
        }

        var path = Path.Combine(scratchDirectory, $"rpmdb-{Guid.NewGuid():N}.sqlite");
        try
        {
            await WriteAsync(path, installed, cancellationToken).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + "-journal");
        }
    }

    private static async Task WriteAsync(string path, List<(byte[] Blob, RpmHeader Header)> installed, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // A pooled connection would keep the file open after Dispose.
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Fixed before the first table exists: page size and encoding decide the file's bytes; DELETE journal
            // mode keeps the file readable on read-only media; synchronous=OFF because this is a scratch file.
            await ExecuteAsync(connection, null, $"PRAGMA page_size = {RpmDatabaseSchema.PageSize}", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, "PRAGMA encoding = 'UTF-8'", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = DELETE", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, "PRAGMA synchronous = OFF", cancellationToken).ConfigureAwait(false);

            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var statement in RpmDatabaseSchema.CreateStatements())
                {
                    await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
                }

                await RpmDatabaseRows.InsertAsync(connection, transaction, installed, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            // No VACUUM: one transaction into a fresh file leaves no free pages, the bytes already depend only on
            // the statements, and VACUUM would move every index after the tables in sqlite_master, unlike rpm.
        }
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
