using Arena.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace Arena.Web.Sessions;

/// <summary>
/// Where the Data Protection key ring that signs session cookies lives. It is persisted, so a restart keeps
/// every session: in <c>Arena:DataProtection:KeysDirectory</c> when set, else in the embedded profile in
/// <c>keys/</c> beside the SQLite file, else in <c>data/keys</c>. This is the one place a shared store
/// (e.g. the cluster database, through an <c>IXmlRepository</c>) would plug in.
/// </summary>
public static class SessionKeys
{
    public const string Section = "Arena:DataProtection";

    /// <summary>The key naming the key ring's directory; relative paths are taken from the working directory, like the SQLite file's.</summary>
    public const string DirectoryKey = Section + ":KeysDirectory";

    /// <summary>The application name all of Arena's web nodes share, so that they can read each other's cookies given one key ring.</summary>
    public const string ApplicationName = "Arena";

    /// <summary>Registers Data Protection with Arena's key storage, and the session services over it.</summary>
    public static IServiceCollection AddArenaSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<NewSessionLimiter>();
        services.AddSingleton<SessionTokens>();
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (KeysDirectory(configuration) is { } keys)
        {
            protection.PersistKeysToFileSystem(keys);
        }
        else
        {
            // An in-memory SQLite database keeps nothing across a restart; its sessions need not outlive it either.
            protection.UseEphemeralDataProtectionProvider();
        }

        return services;
    }

    /// <summary>The key ring's directory, or null for an embedded profile on an in-memory database.</summary>
    public static DirectoryInfo? KeysDirectory(IConfiguration configuration)
    {
        if (configuration[DirectoryKey] is { Length: > 0 } configured)
        {
            return new DirectoryInfo(Path.GetFullPath(configured));
        }

        var profile = configuration[ProfileOptions.ProfileKey];
        if (!string.IsNullOrWhiteSpace(profile) && !string.Equals(profile, ProfileOptions.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            return new DirectoryInfo(Path.GetFullPath(Path.Combine("data", "keys")));
        }

        var sqlite = new SqliteConnectionStringBuilder(configuration.GetConnectionString(ProfileOptions.ConnectionStringName) ?? ProfileOptions.DefaultSqlite);
        if (sqlite.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(sqlite.DataSource) || sqlite.DataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) ?? Path.GetFullPath(".");
        return new DirectoryInfo(Path.Combine(directory, "keys"));
    }
}
