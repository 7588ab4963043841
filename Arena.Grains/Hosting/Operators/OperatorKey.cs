using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Net.Http.Headers;

namespace Arena.Hosting.Operators;

/// <summary>
/// The operator key, from the environment variable <c>ARENA_OPERATOR_KEY</c>. Operators send it in the
/// <c>X-Operator-Key</c> header or as <c>Authorization: Bearer</c> (how Prometheus sends credentials).
/// Without the variable every operator endpoint is closed.
/// </summary>
public sealed class OperatorKey
{
    public const string Variable = "ARENA_OPERATOR_KEY";
    public const string Header = "X-Operator-Key";

    private readonly byte[]? _hash;

    public OperatorKey(IConfiguration configuration)
    {
        var key = configuration[Variable];
        _hash = string.IsNullOrEmpty(key) ? null : Hash(key);
    }

    /// <summary>Whether a key is configured, so that operator endpoints are open to its holder.</summary>
    public bool Enabled => _hash is not null;

    /// <summary>
    /// A short fingerprint of the configured key, kept in the operator cookie so that a changed key
    /// signs everyone out. It is a prefix of the key's SHA-256, so it does not reveal the key.
    /// </summary>
    public string? Fingerprint => _hash is null ? null : Convert.ToHexString(_hash, 0, 8);

    /// <summary>Whether <paramref name="given"/> is the key, compared in constant time (both sides are hashed to the same length first).</summary>
    public bool Matches(string? given) =>
        _hash is not null && given is not null && CryptographicOperations.FixedTimeEquals(Hash(given), _hash);

    /// <summary>The key a request sends: <c>X-Operator-Key</c>, else a bearer token; null when it sends neither.</summary>
    public static string? Given(HttpRequest request)
    {
        var header = request.Headers[Header].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : null;
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
