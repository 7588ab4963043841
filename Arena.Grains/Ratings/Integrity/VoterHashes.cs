using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Arena.Ratings.Integrity;

/// <summary>One-way hashes that let the rigging detector tell voters and prompts apart without knowing them.</summary>
public static class VoterHashes
{
    /// <summary>
    /// The hash of a first prompt, after trimming, lower-casing and collapsing white space, so that a prompt sent
    /// again with other spacing or capitals is still the same prompt.
    /// </summary>
    public static string Prompt(string prompt)
    {
        var normalised = string.Join(' ', prompt.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)))[..16];
    }

    /// <summary>
    /// The hash of a client address: IPv4 whole (IPv4-mapped IPv6 as IPv4), IPv6 by its /64 prefix (one subscriber's
    /// network, whose addresses a client may rotate freely). Empty when the address is unknown, or loopback and
    /// <paramref name="ignoreLoopback"/> is set. Keyed (HMAC-SHA256) when <paramref name="key"/> is set.
    /// </summary>
    public static string Client(IPAddress? address, string? key, bool ignoreLoopback = true)
    {
        if (address is null || (ignoreLoopback && IPAddress.IsLoopback(address)))
        {
            return "";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var text = address.AddressFamily == AddressFamily.InterNetworkV6
            ? "v6:" + Convert.ToHexStringLower(bytes, 0, 8)
            : "v4:" + address;
        var data = Encoding.UTF8.GetBytes(text);
        var hash = string.IsNullOrEmpty(key) ? SHA256.HashData(data) : HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), data);
        return Convert.ToHexStringLower(hash)[..16];
    }
}
