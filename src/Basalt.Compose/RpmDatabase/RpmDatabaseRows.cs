using Basalt.Rpm.Format;
using Microsoft.Data.Sqlite;

namespace Basalt.Compose.RpmDatabase;

/// <summary>
/// Inserts the rows: for each package in install order, its header (hnum 1, 2, …, as rpm's AUTOINCREMENT hands
/// them out) and then its keys in every index table in rpm's order, so rowids match what rpm itself writes.
/// </summary>
internal static class RpmDatabaseRows
{
    public static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction,
        List<(byte[] Blob, RpmHeader Header)> installed, CancellationToken cancellationToken)
    {
        var packageInsert = Prepare(connection, transaction,
            $"INSERT INTO '{RpmDatabaseSchema.PackagesTable}' (hnum, blob) VALUES ($hnum, $blob)", "$hnum", "$blob");
        var indexInserts = RpmDatabaseSchema.Indexes
            .Select(index => Prepare(connection, transaction, index.KeyKind == RpmIndexKeyKind.Text
                // Keys are bound as bytes and cast, so file names that are not valid UTF-8 keep their exact bytes.
                ? $"INSERT INTO '{index.Name}' (key, hnum, idx) VALUES (CAST($key AS TEXT), $hnum, $idx)"
                : $"INSERT INTO '{index.Name}' (key, hnum, idx) VALUES ($key, $hnum, $idx)", "$key", "$hnum", "$idx"))
            .ToArray();
        try
        {
            for (var i = 0; i < installed.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var hnum = i + 1L;
                packageInsert.Parameters["$hnum"].Value = hnum;
                packageInsert.Parameters["$blob"].Value = installed[i].Blob;
                await packageInsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                for (var t = 0; t < indexInserts.Length; t++)
                {
                    var insert = indexInserts[t];
                    foreach (var key in RpmIndexKeys.For(RpmDatabaseSchema.Indexes[t], installed[i].Header))
                    {
                        insert.Parameters["$key"].Value = key.Key.ToArray();
                        insert.Parameters["$hnum"].Value = hnum;
                        insert.Parameters["$idx"].Value = (long)key.Index;
                        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            await packageInsert.DisposeAsync().ConfigureAwait(false);
            foreach (var insert in indexInserts)
            {
                await insert.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A reusable INSERT; parameters named $key and $blob are bound as BLOB, the others as INTEGER.</summary>
    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter, parameter is "$key" or "$blob" ? SqliteType.Blob : SqliteType.Integer);
        }

        return command;
    }
}
