using Arena.Ratings.Integrity;
using Microsoft.Extensions.Options;

namespace Arena.Web.Integrity;

/// <summary>
/// The one-way hash of a request's client address (<see cref="HttpContext.Connection"/>'s remote address, which the
/// forwarded-headers middleware sets from known proxies only), as battles record it for the rigging detector.
/// </summary>
public sealed class ClientAddress(IOptions<IntegrityOptions> options)
{
    /// <summary>The hash of the address <paramref name="http"/> came from; empty when it is unknown or ignored (loopback).</summary>
    public string Hash(HttpContext? http) =>
        VoterHashes.Client(http?.Connection.RemoteIpAddress, options.Value.AddressHashKey, options.Value.IgnoreLoopback);
}
