extern alias ArenaWeb;

using Arena.Storage;
using Arena.Web.Sessions;
using Arena.Web.Sessions.KeyRing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SessionTokens = ArenaWeb::Arena.Web.Sessions.SessionTokens;

using static Arena.Web.Tests.Sessions.KeyRing.KeyRingHosts;

namespace Arena.Web.Tests.Sessions.KeyRing;

/// <summary>
/// Web hosts composed the app's way (<see cref="SessionKeys.AddArenaSessions"/> over the profile's settings) on one
/// database: a session cookie one issues is read by another and by a host started later, and nothing else is.
/// </summary>
[Collection(KeyRingCollection.Name)]
public sealed class SharedKeyRingTests(KeyRingDatabases databases)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task TwoHosts_OneDatabase_EachReadsTheOthersCookie(DatabaseKind kind)
    {
        var settings = await SettingsAsync(kind);
        await using var first = Host(settings);
        await using var second = Host(settings);
        var id = SessionTokens.NewId();
        var other = SessionTokens.NewId();

        var cookie = Tokens(first).Protect(id);
        var reply = Tokens(second).Protect(other);

        Assert.Equal(id, Tokens(second).Unprotect(cookie));
        Assert.Equal(other, Tokens(first).Unprotect(reply));
        Assert.Single(await KeyRingDatabases.ReadRowsAsync(kind, settings["ConnectionStrings:arena"]!));
    }

    /// <summary>
    /// The restarted host shares nothing with the old one but the database, as on a new machine or container: a copy of
    /// the SQLite file alone in another directory, or the same PostgreSQL database; and no key file is left anywhere.
    /// </summary>
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task Restart_NewHostOnTheDatabase_ReadsACookieTheOldOneIssued(DatabaseKind kind)
    {
        var settings = await SettingsAsync(kind);
        var id = SessionTokens.NewId();
        string cookie;
        await using (var before = Host(settings))
        {
            cookie = Tokens(before).Protect(id);
        }

        SqliteConnection.ClearAllPools();
        var formerDirectory = Assert.IsType<KeyRingStore.InDatabase>(KeyRingStore.From(Configuration(settings))).FormerDirectory;
        Assert.False(formerDirectory.Exists && formerDirectory.EnumerateFiles().Any(), $"key files were written to {formerDirectory.FullName}");
        if (kind == DatabaseKind.Sqlite)
        {
            settings["ConnectionStrings:arena"] = MoveSqliteDatabase(settings["ConnectionStrings:arena"]!);
        }

        await using var after = Host(settings);

        Assert.Equal(id, Tokens(after).Unprotect(cookie));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task TwoHosts_TamperedOrForeignCookie_IsRefusedByTheOther(DatabaseKind kind)
    {
        var settings = await SettingsAsync(kind);
        await using var first = Host(settings);
        await using var second = Host(settings);
        await using var foreign = Host(await SettingsAsync(kind)); // same application name and purpose, another database's keys
        var id = SessionTokens.NewId();
        var cookie = Tokens(first).Protect(id);
        var middle = cookie.Length / 2;
        var tampered = cookie[..middle] + (cookie[middle] == 'A' ? 'B' : 'A') + cookie[(middle + 1)..];

        Assert.Null(Tokens(second).Unprotect(tampered));
        Assert.Null(Tokens(second).Unprotect(Tokens(foreign).Protect(id)));
        Assert.Null(Tokens(second).Unprotect(id));
        Assert.Equal(id, Tokens(second).Unprotect(cookie));
    }

    /// <summary>The settings of a host of <paramref name="kind"/>'s profile on a new, empty database (the cluster's with its key-ring certificate).</summary>
    private async Task<Dictionary<string, string?>> SettingsAsync(DatabaseKind kind) => new(kind == DatabaseKind.PostgreSql ? databases.Certificates.KeyRingSettings() : [])
    {
        ["Arena:Profile"] = kind == DatabaseKind.PostgreSql ? "cluster" : "embedded",
        ["ConnectionStrings:arena"] = await databases.CreateAsync(kind),
    };

    /// <summary>Moves the SQLite file (alone) to a new directory: the connection string of the moved file.</summary>
    private static string MoveSqliteDatabase(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var moved = Path.Combine(Path.GetDirectoryName(file)!, "moved", Path.GetFileName(file));
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        File.Move(file, moved);
        return $"Data Source={moved}";
    }
}
