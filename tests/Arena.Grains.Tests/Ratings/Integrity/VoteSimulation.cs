using Arena.Battles;
using Arena.Ratings;

namespace Arena.Grains.Tests.Ratings.Integrity;

/// <summary>Votes for integrity tests: fresh model and voter names per test, times on a simulated clock.</summary>
internal sealed class VoteSimulation(int seed)
{
    private readonly Random _random = new(seed);
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    public DateTimeOffset Now { get; private set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string Model(string name) => $"{name}-{_tag}";

    public string Session(int i) => $"s{i}-{_tag}";

    public string Client(int i) => $"c{i}-{_tag}";

    public void Advance(TimeSpan by) => Now += by;

    public (string A, string B) Pair(IReadOnlyList<string> models)
    {
        var a = _random.Next(models.Count);
        var b = (a + 1 + _random.Next(models.Count - 1)) % models.Count;
        return (models[a], models[b]);
    }

    /// <summary>An honest vote between two models of the given strengths (Bradley–Terry on the Elo scale), with 10% ties.</summary>
    public BattleOutcome Honest(double strengthA, double strengthB)
    {
        if (_random.NextDouble() < 0.1)
        {
            return BattleOutcome.Tie;
        }

        var pA = 1.0 / (1.0 + Math.Pow(10, (strengthB - strengthA) / 400.0));
        return _random.NextDouble() < pA ? BattleOutcome.A : BattleOutcome.B;
    }

    public VoteRecord Vote(string a, string b, BattleOutcome outcome, string session, string client = "", string? prompt = null) =>
        new(Guid.NewGuid(), a, b, outcome, "general", Now, BattleMode.Anonymous, session, null, client,
            prompt ?? Guid.NewGuid().ToString("N")[..16]);
}
