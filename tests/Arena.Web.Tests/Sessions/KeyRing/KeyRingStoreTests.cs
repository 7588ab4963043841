using Arena.Storage;
using Arena.Web.Sessions.KeyRing;
using Microsoft.Extensions.Configuration;

namespace Arena.Web.Tests.Sessions.KeyRing;

/// <summary>Where the settings put the key ring: the database unless a directory is named, and a clear refusal when neither works.</summary>
public sealed class KeyRingStoreTests
{
    [Fact]
    public void From_NothingSet_IsTheEmbeddedSqliteFile()
    {
        var store = Assert.IsType<KeyRingStore.InDatabase>(KeyRingStore.From(Settings()));

        Assert.Equal(DatabaseKind.Sqlite, store.Kind);
        Assert.Equal("Data Source=data/arena.db", store.ConnectionString);
        Assert.Equal(Path.GetFullPath(Path.Combine("data", "keys")), store.FormerDirectory.FullName);
    }

    [Fact]
    public void From_ClusterProfile_IsThePostgresDatabase()
    {
        const string connectionString = "Host=127.0.0.1;Port=5432;Database=arena;Username=arena";

        var store = Assert.IsType<KeyRingStore.InDatabase>(KeyRingStore.From(Settings(("Arena:Profile", "cluster"), ("ConnectionStrings:arena", connectionString))));

        Assert.Equal(DatabaseKind.PostgreSql, store.Kind);
        Assert.Equal(connectionString, store.ConnectionString);
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("cluster")]
    public void From_KeysDirectorySet_IsThatDirectoryWhateverTheProfile(string profile)
    {
        var store = KeyRingStore.From(Settings(("Arena:Profile", profile), ("ConnectionStrings:arena", "Host=db"), ("Arena:DataProtection:KeysDirectory", "shared/keys")));

        Assert.Equal(Path.GetFullPath("shared/keys"), Assert.IsType<KeyRingStore.InDirectory>(store).Directory.FullName);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=arena;Mode=Memory;Cache=Shared")]
    public void From_InMemorySqlite_IsInMemory(string connectionString) =>
        Assert.IsType<KeyRingStore.InMemory>(KeyRingStore.From(Settings(("ConnectionStrings:arena", connectionString))));

    [Fact]
    public void From_ClusterWithoutConnectionString_NamesTheSettingToFix()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KeyRingStore.From(Settings(("Arena:Profile", "cluster"))));

        Assert.Contains("ConnectionStrings:arena", error.Message, StringComparison.Ordinal);
        Assert.Contains("Arena:DataProtection:KeysDirectory", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cluster", "Hots=db")]
    [InlineData("embedded", "Data Sauce=arena.db")]
    public void From_MalformedConnectionString_NamesTheSetting(string profile, string connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KeyRingStore.From(Settings(("Arena:Profile", profile), ("ConnectionStrings:arena", connectionString))));

        Assert.StartsWith("ConnectionStrings:arena is not a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_UnknownProfile_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KeyRingStore.From(Settings(("Arena:Profile", "clustre"))));

        Assert.Contains("'clustre' is not a profile", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
