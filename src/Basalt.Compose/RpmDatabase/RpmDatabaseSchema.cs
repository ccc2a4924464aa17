using Basalt.Rpm.Format;

namespace Basalt.Compose.RpmDatabase;

/// <summary>How an index table stores its key: rpm declares the key column by the tag's class.</summary>
internal enum RpmIndexKeyKind
{
    /// <summary>String-class tags: the key is the string's bytes (no NUL), stored as TEXT.</summary>
    Text,

    /// <summary>Other tags (INSTALLTID, SIGMD5): the value's bytes, stored as BLOB.</summary>
    Blob,
}

/// <summary>One index table of the rpm database: the tag it indexes and which SQL indexes rpm puts on it.</summary>
internal sealed record RpmIndexTable(string Name, RpmTag Tag, RpmIndexKeyKind KeyKind, bool HasKeyIndex, bool HasHnumIndex);

/// <summary>
/// The layout of rpm's SQLite database (rpm &gt;= 4.16, lib/backend/sqlite.c; the list of indexes is rpmdb.c's
/// dbiTags). The statements are exactly the text rpm 4.18 leaves in sqlite_master, so `sqlite3 .schema` of our
/// database and of one rpm wrote compare equal. rpm leaves user_version and application_id at 0 and checks neither.
/// </summary>
internal static class RpmDatabaseSchema
{
    /// <summary>The file name inside %_dbpath.</summary>
    public const string FileName = "rpmdb.sqlite";

    /// <summary>Where rpm &gt;= 4.16 distributions keep the database (%_dbpath).</summary>
    public const string DefaultDbPath = "/usr/lib/sysimage/rpm";

    public const string PackagesTable = "Packages";

    /// <summary>SQLite's default, which rpm keeps; fixed here so the bytes never depend on the library's default.</summary>
    public const int PageSize = 4096;

    /// <summary>The index tables in rpm's dbiTags order, which is also the order rpm creates and fills them in.</summary>
    public static readonly IReadOnlyList<RpmIndexTable> Indexes =
    [
        new("Name", RpmTag.Name, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: false),
        new("Basenames", RpmTag.BaseNames, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
        new("Group", RpmTag.Group, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: false),
        new("Requirename", RpmTag.RequireName, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
        new("Providename", RpmTag.ProvideName, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
        new("Conflictname", RpmTag.ConflictName, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
        new("Obsoletename", RpmTag.ObsoleteName, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
        new("Triggername", RpmTag.TriggerName, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
        new("Dirnames", RpmTag.DirNames, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
        new("Installtid", RpmTag.InstallTid, RpmIndexKeyKind.Blob, HasKeyIndex: false, HasHnumIndex: false),
        new("Sigmd5", RpmTag.SigMd5, RpmIndexKeyKind.Blob, HasKeyIndex: false, HasHnumIndex: false),
        new("Sha1header", RpmTag.Sha1Header, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: false),
        new("Filetriggername", RpmTag.FileTriggerName, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
        new("Transfiletriggername", RpmTag.TransFileTriggerName, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
        new("Recommendname", RpmTag.RecommendName, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
        new("Suggestname", RpmTag.SuggestName, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
        new("Supplementname", RpmTag.SupplementName, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
        new("Enhancename", RpmTag.EnhanceName, RpmIndexKeyKind.Text, HasKeyIndex: true, HasHnumIndex: true),
    ];

    /// <summary>The CREATE statements in the order rpm issues them (a table, then its indexes).</summary>
    public static IEnumerable<string> CreateStatements()
    {
        yield return $"CREATE TABLE '{PackagesTable}' (hnum INTEGER PRIMARY KEY AUTOINCREMENT,blob BLOB NOT NULL)";
        foreach (var index in Indexes)
        {
            // rpm quotes the column type as a string literal ('TEXT'); SQLite takes it as the declared type.
            var keyType = index.KeyKind == RpmIndexKeyKind.Text ? "TEXT" : "BLOB";
            yield return $"CREATE TABLE '{index.Name}' (key '{keyType}' NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL, " +
                         $"FOREIGN KEY (hnum) REFERENCES '{PackagesTable}'(hnum))";
            if (index.HasKeyIndex)
            {
                yield return $"CREATE INDEX '{index.Name}_key_idx' ON '{index.Name}'(key ASC)";
            }

            if (index.HasHnumIndex)
            {
                yield return $"CREATE INDEX '{index.Name}_hnum_idx' ON '{index.Name}'(hnum ASC)";
            }
        }
    }
}
