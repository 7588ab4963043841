using Arena.Storage;
using Arena.Web.Tests.Sessions.KeyRing;

namespace Arena.Web.Tests.Sessions;

/// <summary>The Data Protection keys a test host stored in its SQLite file (<c>arena.db</c> in its data directory).</summary>
internal static class KeyRows
{
    public static async Task<List<string>> ReadAsync(string dataDirectory)
    {
        var rows = await KeyRingDatabases.ReadRowsAsync(DatabaseKind.Sqlite, $"Data Source={Path.Combine(dataDirectory, "arena.db")}");
        return rows.Select(r => r.Name).ToList();
    }
}
