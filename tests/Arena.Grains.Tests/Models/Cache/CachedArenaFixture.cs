using System.Globalization;
using System.Text.RegularExpressions;
using Arena.Grains.Tests.Battles;
using VllmSim;

namespace Arena.Grains.Tests.Models.Cache;

/// <summary>
/// Two models in the arena, one opted in to the answer cache and one not, plus opted-in models that
/// always fail mid-answer or answer slowly (direct calls only). Requests that reach VllmSim are counted from its own /metrics.
/// </summary>
public sealed partial class CachedArenaFixture : ArenaClusterFixture
{
    public const string Cached = "sim-cached";
    public const string Live = "sim-live";
    public const string Broken = "sim-cached-broken";
    public const string Slow = "sim-cached-slow";

    protected override List<SimModelOptions> Models() =>
    [
        new() { Id = Cached, Style = AnswerStyles.Terse, MaxTokens = 60 },
        new() { Id = Live, Style = AnswerStyles.Chatty, MaxTokens = 60 },
        new() { Id = Broken, Style = AnswerStyles.Terse, TtftMs = 1, TtftStdMs = 0, InterTokenMs = 1, InterTokenStdMs = 0, Failures = new() { MidStreamErrorRate = 1.0 } },
        // 100 ms between tokens at the fixture's time scale: a stop lands in the middle of the answer.
        new() { Id = Slow, Style = AnswerStyles.Chatty, MaxTokens = 60, InterTokenMs = 5000, InterTokenStdMs = 0 },
    ];

    protected override IEnumerable<(string Key, string? Value)> ExtraSettings() =>
    [
        ("Arena:Models:0:CacheAnswers", "true"),
        ("Arena:Models:2:CacheAnswers", "true"),
        ("Arena:Models:2:InArena", "false"),
        ("Arena:Models:3:CacheAnswers", "true"),
        ("Arena:Models:3:InArena", "false"),
        ("Arena:Health:FailureThreshold", "1000"),
    ];

    /// <summary>Requests VllmSim started answering for a model (its time-to-first-token histogram's count), read from its /metrics.</summary>
    public async Task<long> RequestsServedAsync(string model)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(Simulator.BaseAddress, "/metrics"));
        var line = text.Split('\n').Single(l => l.StartsWith("vllm:time_to_first_token_seconds_count{", StringComparison.Ordinal) && l.Contains($"model_name=\"{model}\"", StringComparison.Ordinal));
        return (long)double.Parse(ValueOf().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\}\s+([0-9.eE+-]+)$")]
    private static partial Regex ValueOf();
}

[CollectionDefinition(Name)]
public sealed class CachedArenaCollection : ICollectionFixture<CachedArenaFixture>
{
    public const string Name = "cached arena";
}
