using System.Xml.Linq;
using Arena.Storage;
using Arena.Web.Sessions.KeyRing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arena.Web.Tests.Sessions.KeyRing;

/// <summary>The key ring's table in Arena's database: our schema, every element read back, each name stored once.</summary>
[Collection(KeyRingCollection.Name)]
public sealed class DatabaseXmlRepositoryTests(KeyRingDatabases databases)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task StoreElement_SameNameTwice_StoresItOnceAndKeepsTheFirst(DatabaseKind kind)
    {
        var connectionString = await databases.CreateAsync(kind);
        var repository = Repository(kind, connectionString);

        repository.StoreElement(Key("first"), "key-1");
        repository.StoreElement(Key("first"), "key-1");
        repository.StoreElement(Key("second"), "key-1");

        var row = Assert.Single(await KeyRingDatabases.ReadRowsAsync(kind, connectionString));
        Assert.Equal("key-1", row.Name);
        Assert.Equal("first", row.Xml.Attribute("id")?.Value);
        Assert.Equal("first", Assert.Single(repository.GetAllElements()).Attribute("id")?.Value);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task GetAllElements_AnotherRepositoryOnTheDatabase_ReadsEveryStoredElement(DatabaseKind kind)
    {
        var connectionString = await databases.CreateAsync(kind);
        var writer = Repository(kind, connectionString);
        writer.StoreElement(Key("a"), "key-a");
        writer.StoreElement(Key("b"), "key-b");
        writer.StoreElement(new XElement("revocation", new XAttribute("id", "r")), "revocation-1");

        var read = Repository(kind, connectionString).GetAllElements();

        Assert.Equal(["a", "b", "r"], read.Select(e => e.Attribute("id")!.Value).Order(StringComparer.Ordinal));
        Assert.Equal(Key("a").ToString(), read.Single(e => e.Attribute("id")!.Value == "a").ToString());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task GetAllElements_FreshDatabase_CreatesOurTableAndReadsNothing(DatabaseKind kind)
    {
        var connectionString = await databases.CreateAsync(kind);

        Assert.Empty(Repository(kind, connectionString).GetAllElements());

        Assert.Equal(ExpectedColumns(kind), await KeyRingDatabases.ReadColumnsAsync(kind, connectionString, DatabaseXmlRepository.Table));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task ArenaSchema_AppliedBySilosAndThenByTheRepository_IsOneTableOfOurs(DatabaseKind kind)
    {
        var connectionString = await databases.CreateAsync(kind);

        await ArenaSchema.ApplyAsync(kind, connectionString);
        Repository(kind, connectionString).StoreElement(Key("a"), "key-a");
        await ArenaSchema.ApplyAsync(kind, connectionString);

        Assert.Equal(ExpectedColumns(kind), await KeyRingDatabases.ReadColumnsAsync(kind, connectionString, DatabaseXmlRepository.Table));
        Assert.Equal("key-a", Assert.Single(await KeyRingDatabases.ReadRowsAsync(kind, connectionString)).Name);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task FormerDirectory_KeyFiles_AreCopiedInOnceEach(DatabaseKind kind)
    {
        var connectionString = await databases.CreateAsync(kind);
        var former = Directory.CreateDirectory(Path.Combine(databases.Directory, "former-" + Guid.NewGuid().ToString("N")));
        await File.WriteAllTextAsync(Path.Combine(former.FullName, "key-old.xml"), Key("old").ToString());

        var first = Repository(kind, connectionString, former).GetAllElements();
        var second = Repository(kind, connectionString, former).GetAllElements();

        Assert.Equal("old", Assert.Single(first).Attribute("id")?.Value);
        Assert.Single(second);
        Assert.Equal("key-old", Assert.Single(await KeyRingDatabases.ReadRowsAsync(kind, connectionString)).Name);
    }

    [Fact]
    public async Task StoreElement_BlankName_IsRefused()
    {
        var repository = Repository(DatabaseKind.Sqlite, await databases.CreateAsync(DatabaseKind.Sqlite));

        Assert.Throws<ArgumentException>(() => repository.StoreElement(Key("a"), " "));
    }

    [Fact]
    public void GetAllElements_DatabaseUnreachable_SaysWhichTableCouldNotBeRead()
    {
        var port = Arena.Tests.Shared.TestPorts.Take(1)[0];
        var repository = Repository(DatabaseKind.PostgreSql, $"Host=127.0.0.1;Port={port};Username=postgres;Password=x;Database=none;Timeout=2");

        var error = Assert.Throws<InvalidOperationException>(() => repository.GetAllElements());

        Assert.Contains(DatabaseXmlRepository.Table, error.Message, StringComparison.Ordinal);
    }

    private static DatabaseXmlRepository Repository(DatabaseKind kind, string connectionString, DirectoryInfo? former = null) =>
        new(kind, connectionString, TimeProvider.System, NullLogger<DatabaseXmlRepository>.Instance, former);

    private static XElement Key(string id) =>
        new("key", new XAttribute("id", id), new XAttribute("version", 1), new XElement("creationDate", "2026-12-04T00:00:00Z"));

    private static string[] ExpectedColumns(DatabaseKind kind) => kind == DatabaseKind.Sqlite
        ? ["friendly_name text not-null primary-key", "xml text not-null", "created_at text not-null"]
        : ["friendly_name text not-null primary-key", "xml text not-null", "created_at timestamp with time zone not-null"];
}
