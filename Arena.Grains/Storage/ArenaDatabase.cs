using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Arena.Storage;

/// <summary>Connections and parameters for Arena's own tables (the vote ledger, datasets), in either database.</summary>
public static class ArenaDatabase
{
    /// <summary>Opens a connection; on SQLite, runs <paramref name="sqlitePragmas"/> first (e.g. a busy timeout).</summary>
    public static async Task<DbConnection> OpenAsync(DatabaseKind kind, string connectionString, string sqlitePragmas, CancellationToken cancellationToken)
    {
        DbConnection connection = kind switch
        {
            DatabaseKind.Sqlite => new SqliteConnection(connectionString),
            DatabaseKind.PostgreSql => new NpgsqlConnection(connectionString),
            _ => throw new InvalidOperationException($"Unknown database kind {kind}."),
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (kind == DatabaseKind.Sqlite && sqlitePragmas.Length > 0)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = sqlitePragmas;
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    /// <summary>Adds a named parameter to the command and returns its name.</summary>
    public static string Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return name;
    }

    /// <summary>A time as <paramref name="kind"/> stores it: ISO 8601 UTC text in SQLite (fixed width, so it sorts), timestamptz in PostgreSQL.</summary>
    public static object TimeValue(DatabaseKind kind, DateTimeOffset time) =>
        kind == DatabaseKind.Sqlite ? time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) : time.ToUniversalTime();

    /// <summary>A time read back from a column written with <see cref="TimeValue"/>, in UTC.</summary>
    public static DateTimeOffset ReadTime(object value) => value switch
    {
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time.ToUniversalTime(),
        var other => throw new InvalidDataException($"Unexpected time value {other}."),
    };
}
