using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Arena.Web.Sessions;

/// <summary>
/// Session ids and the cookie values that carry them. The server draws each id at random and hands it out
/// only protected (encrypted and signed) by ASP.NET Core Data Protection, so a client can neither choose an
/// id nor alter one it was given: anything that does not unprotect to a well-formed id is refused.
/// </summary>
public sealed class SessionTokens(IDataProtectionProvider provider)
{
    /// <summary>The Data Protection purpose of session cookies; another purpose's payloads never unprotect here.</summary>
    public const string Purpose = "Arena.Sessions.Cookie.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>A new random session id (32 lowercase hex digits).</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The cookie value for <paramref name="sessionId"/>.</summary>
    public string Protect(string sessionId) =>
        IsWellFormed(sessionId) ? _protector.Protect(sessionId) : throw new ArgumentException("A session id is 32 lowercase hex digits.", nameof(sessionId));

    /// <summary>The session id a cookie value carries, or null when it is missing, malformed, altered or protected by another key ring.</summary>
    public string? Unprotect(string? cookie)
    {
        if (string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        try
        {
            var id = _protector.Unprotect(cookie);
            return IsWellFormed(id) ? id : null;
        }
        catch (CryptographicException)
        {
            // Not base64url, tampered with, or from a key this ring does not hold: not a session we issued.
            return null;
        }
    }

    private static bool IsWellFormed(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);
}
