extern alias ArenaWeb;

using System.Net;
using NewSessionLimiter = ArenaWeb::Arena.Web.Sessions.NewSessionLimiter;

namespace Arena.Web.Tests.Sessions;

/// <summary>Which client addresses share one allowance of new sessions.</summary>
public sealed class NewSessionPartitionTests
{
    [Fact]
    public void PartitionKey_IPv6_CountsPerSlash64()
    {
        var key = NewSessionLimiter.PartitionKey(IPAddress.Parse("2001:db8:1:2::1"));

        Assert.Equal(key, NewSessionLimiter.PartitionKey(IPAddress.Parse("2001:db8:1:2:ffff:eeee:dddd:cccc")));
        Assert.NotEqual(key, NewSessionLimiter.PartitionKey(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void PartitionKey_IPv4_CountsPerAddressAlsoWhenMapped()
    {
        Assert.Equal("192.0.2.7", NewSessionLimiter.PartitionKey(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.NotEqual(NewSessionLimiter.PartitionKey(IPAddress.Parse("192.0.2.7")), NewSessionLimiter.PartitionKey(IPAddress.Parse("192.0.2.8")));
    }
}
