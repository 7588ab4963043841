using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Arena.Grains.Tests.Battles;
using VllmSim;

namespace Arena.Grains.Tests.Models;

/// <summary>
/// Models that misbehave in the ways the model tier must handle: one whose server is down (its port
/// has nothing listening until a test starts one), one that always answers 429, one that never sends
/// a first token, and two healthy ones. Probes run every 100 ms and three failures in a row open a circuit.
/// </summary>
public sealed class ModelTierFixture : ArenaClusterFixture
{
    public const string Down = "sim-down";
    public const string RateLimited = "sim-429";
    public const string Silent = "sim-silent";
    public const string HealthyA = "sim-ok-a";
    public const string HealthyB = "sim-ok-b";
    public const string Stalling = "sim-stall";

    public int DownPort { get; } = FreePort();

    public static readonly string[] Healthy = [HealthyA, HealthyB];

    protected override List<SimModelOptions> Models() =>
    [
        new() { Id = HealthyA, Style = AnswerStyles.Terse, MaxTokens = 40 },
        new() { Id = HealthyB, Style = AnswerStyles.Chatty, MaxTokens = 40 },
        new() { Id = Down, Style = AnswerStyles.Terse, MaxTokens = 40 },
        new() { Id = RateLimited, Style = AnswerStyles.Terse, Failures = new() { RateLimitRate = 1.0 } },
        new() { Id = Silent, Style = AnswerStyles.Terse, TtftMs = 600_000, TtftStdMs = 0 },
        new() { Id = Stalling, Style = AnswerStyles.Chatty, TtftMs = 1, TtftStdMs = 0, InterTokenMs = 1, InterTokenStdMs = 0, Failures = new() { StallRate = 1.0 } },
    ];

    protected override double TimeScale => 1.0;

    protected override string? BaseUrlOf(string modelId) =>
        modelId == Down ? $"http://127.0.0.1:{DownPort.ToString(CultureInfo.InvariantCulture)}/v1" : null;

    protected override IEnumerable<(string Key, string? Value)> ExtraSettings() =>
    [
        ("Arena:Health:ProbeInterval", "00:00:00.100"),
        ("Arena:Health:FailureThreshold", "3"),
        ("Arena:Generation:FirstTokenTimeout", "00:00:05"),
        ("Arena:Generation:QueueTimeout", "00:00:02"),
        // Generous enough that a loaded CI machine never pauses a healthy answer this long.
        ("Arena:Generation:IdleTokenTimeout", "00:00:05"),
        // The rate-limited and silent models only serve direct tests, never battles.
        ("Arena:Models:3:InArena", "false"),
        ("Arena:Models:4:InArena", "false"),
        ("Arena:Models:4:MaxConcurrency", "1"),
        ("Arena:Models:5:InArena", "false"),
    ];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ModelTierCollection : ICollectionFixture<ModelTierFixture>
{
    public const string Name = "model tier";
}
