using Arena.Web.Sessions.KeyRing;
using Microsoft.AspNetCore.DataProtection;

namespace Arena.Web.Sessions;

/// <summary>
/// Data Protection, which signs session cookies (and antiforgery tokens and Blazor's component state), with its key ring
/// where <see cref="KeyRingStore.From"/> says: Arena's database unless <c>Arena:DataProtection:KeysDirectory</c> names a
/// directory, so that every web host on the database reads what another signed and a restart keeps every session; its keys
/// encrypted at rest as <see cref="KeyRingEncryption"/> says.
/// </summary>
public static class SessionKeys
{
    /// <summary>The application name all of Arena's web nodes share, so that they can read each other's cookies given one key ring.</summary>
    public const string ApplicationName = "Arena";

    /// <summary>Registers Data Protection with Arena's key storage, and the session services over it.</summary>
    public static IServiceCollection AddArenaSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<NewSessionLimiter>();
        services.AddSingleton<SessionTokens>();
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        var store = KeyRingStore.From(configuration);
        if (KeyRingEncryption.From(configuration, store) is { } certificate)
        {
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        switch (store)
        {
            case KeyRingStore.InDirectory files:
                protection.PersistKeysToFileSystem(files.Directory);
                break;
            case KeyRingStore.InDatabase database:
                protection.PersistKeysToArenaDatabase(database.Kind, database.ConnectionString, database.FormerDirectory);
                break;
            default:
                // An in-memory SQLite database keeps nothing across a restart; its sessions need not outlive it either.
                protection.UseEphemeralDataProtectionProvider();
                break;
        }

        return services;
    }
}
