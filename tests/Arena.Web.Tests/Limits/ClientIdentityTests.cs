using System.Net;
using Arena.Web.Limits;

namespace Arena.Web.Tests.Limits;

/// <summary>Which partition a client address is limited in.</summary>
public sealed class ClientIdentityTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void PartitionOf_Address_IsTheAddressOrItsIpv6Prefix(string address, string partition) =>
        Assert.Equal(partition, ClientIdentity.PartitionOf(IPAddress.Parse(address)));

    [Fact]
    public void PartitionOf_NoAddress_IsUnknown() => Assert.Equal(ClientIdentity.UnknownAddress, ClientIdentity.PartitionOf(null));

    [Theory]
    [InlineData(60, "a minute")]
    [InlineData(3600, "an hour")]
    [InlineData(86400, "a day")]
    [InlineData(600, "per 10 minutes")]
    [InlineData(7200, "per 2 hours")]
    [InlineData(30, "per 30 s")]
    public void Describe_Window_ReadsAsEnglish(int seconds, string words) =>
        Assert.Equal(words, RetryAfter.Describe(TimeSpan.FromSeconds(seconds)));
}
