using System.Net;
using Arena.Ratings.Integrity;

namespace Arena.Grains.Tests.Ratings.Integrity;

public sealed class VoterHashesTests
{
    [Fact]
    public void Client_Ipv6InOneSlash64_IsOneVoter()
    {
        var a = VoterHashes.Client(IPAddress.Parse("2001:db8:1:2::1"), null);
        var b = VoterHashes.Client(IPAddress.Parse("2001:db8:1:2:ffff:eeee:dddd:cccc"), null);
        var other = VoterHashes.Client(IPAddress.Parse("2001:db8:1:3::1"), null);

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
    }

    [Fact]
    public void Client_MappedIpv4_IsTheIpv4Address()
    {
        Assert.Equal(VoterHashes.Client(IPAddress.Parse("203.0.113.7"), null), VoterHashes.Client(IPAddress.Parse("::ffff:203.0.113.7"), null));
    }

    [Fact]
    public void Client_WithAKey_HidesTheAddressBehindTheKey()
    {
        var address = IPAddress.Parse("203.0.113.7");
        var plain = VoterHashes.Client(address, null);
        var keyed = VoterHashes.Client(address, "k1");

        Assert.NotEqual(plain, keyed);
        Assert.NotEqual(keyed, VoterHashes.Client(address, "k2"));
        Assert.Equal(keyed, VoterHashes.Client(address, "k1"));
        Assert.DoesNotContain("203", keyed, StringComparison.Ordinal);
        Assert.Equal(16, keyed.Length);
    }

    [Fact]
    public void Client_LoopbackOrUnknown_HasNoHash()
    {
        Assert.Equal("", VoterHashes.Client(IPAddress.Loopback, null));
        Assert.Equal("", VoterHashes.Client(IPAddress.IPv6Loopback, null));
        Assert.Equal("", VoterHashes.Client(null, null));
        Assert.NotEqual("", VoterHashes.Client(IPAddress.Loopback, null, ignoreLoopback: false));
    }

    [Fact]
    public void Prompt_SpacingAndCase_AreTheSamePrompt()
    {
        Assert.Equal(VoterHashes.Prompt("Which model are you?"), VoterHashes.Prompt("  which   MODEL are\nyou? "));
        Assert.NotEqual(VoterHashes.Prompt("Which model are you?"), VoterHashes.Prompt("Which model are they?"));
    }
}
