using Arena.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Arena.Web.Sessions.KeyRing;

/// <summary>Keeps the Data Protection key ring in Arena's database (<see cref="DatabaseXmlRepository"/>).</summary>
public static class DatabaseKeyRingExtensions
{
    /// <summary>
    /// Stores keys in <c>arena_data_protection_keys</c> of the database at <paramref name="connectionString"/>, and copies in
    /// the key files of <paramref name="formerDirectory"/> (if any) on first use, so that cookies signed before the move still read.
    /// </summary>
    public static IDataProtectionBuilder PersistKeysToArenaDatabase(
        this IDataProtectionBuilder builder, DatabaseKind kind, string connectionString, DirectoryInfo? formerDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddSingleton(services => new DatabaseXmlRepository(
            kind,
            connectionString,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILogger<DatabaseXmlRepository>>(),
            formerDirectory));
        builder.Services.AddOptions<KeyManagementOptions>().Configure<DatabaseXmlRepository>((options, repository) => options.XmlRepository = repository);
        return builder;
    }
}
