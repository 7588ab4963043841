extern alias ArenaWeb;

using Arena.Web.Tests.Hosting;
using ArenaWeb::Arena.Web.Streams;

namespace Arena.Web.Tests.Streams;

/// <summary>Event stream settings out of bounds stop the start with the setting's path, its value and the bounds.</summary>
public sealed class EventStreamSettingsTests
{
    [Theory]
    [InlineData("HeartbeatInterval", "00:00:00")]
    [InlineData("RetryHint", "-00:00:01")]
    [InlineData("HeartbeatInterval", "00:10:00")]
    [InlineData("IdleReread", "01:00:00")]
    public void Validate_OutOfBounds_NamesTheSettingAndItsBounds(string key, string value)
    {
        var options = new EventStreamOptions();
        typeof(EventStreamOptions).GetProperty(key)!.SetValue(options, TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var result = new EventStreamOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Arena:Streams:{key} is {value}; it must be between ", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.True(new EventStreamOptionsValidator().Validate(null, new EventStreamOptions()).Succeeded);

    [Theory]
    [InlineData("00:00:00", "Arena:Streams:HeartbeatInterval is 00:00:00; it must be between ")]
    [InlineData("soon", "'Arena:Streams:HeartbeatInterval'")]
    public async Task Start_BadHeartbeatInterval_FailsNamingTheSetting(string value, string expected)
    {
        await using var host = new ArenaHost(0.02, new Dictionary<string, string> { ["Arena:Streams:HeartbeatInterval"] = value });

        var failure = await Assert.ThrowsAnyAsync<Exception>(host.StartAsync);

        Assert.Contains(expected, failure.ToString(), StringComparison.Ordinal);
    }
}
