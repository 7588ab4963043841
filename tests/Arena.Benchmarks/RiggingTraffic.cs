using System.Globalization;
using Arena.Battles;
using Arena.Ratings;
using Arena.Ratings.Integrity;

namespace Arena.Benchmarks;

/// <summary>One vote of the drill, honest or rigged, at its simulated time.</summary>
public sealed record DrillVote(VoteRecord Vote, bool Rigged);

/// <summary>
/// The drill's traffic, drawn once from a seed so that every run replays the same votes: honest users voting by the
/// models' true strengths (Bradley–Terry on the Elo scale, some ties), on battles between uniformly drawn pairs.
/// </summary>
public sealed class RiggingTraffic(int seed)
{
    private static readonly string[] Topics =
    [
        "tides", "photosynthesis", "compound interest", "the French revolution", "black holes", "sourdough bread", "vaccines",
        "the stock market", "plate tectonics", "machine learning", "jazz", "the immune system", "volcanoes", "recursion",
        "inflation", "the water cycle", "chess openings", "climate change", "quantum computing", "the printing press",
        "bees", "blockchains", "sleep", "the Roman empire", "electric cars", "gravity", "coffee", "octopuses", "tea", "rainbows",
    ];

    private static readonly string[] Forms =
    [
        "Explain {0} to a child.", "What is the most surprising fact about {0}?", "Give me three tips about {0}.",
        "Write a short poem about {0}.", "Summarise the history of {0}.", "Why does {0} matter?", "Compare {0} with something familiar.",
        "What are common misconceptions about {0}?", "How would you teach {0} in ten minutes?", "List pros and cons of {0}.",
    ];

    private readonly Random _random = new(seed);

    public DateTimeOffset Start { get; } = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Every prompt the drill's users write (topics × forms).</summary>
    public static IReadOnlyList<string> Prompts { get; } =
        Topics.SelectMany(t => Forms.Select(f => string.Format(CultureInfo.InvariantCulture, f, t))).ToArray();

    public (string A, string B) Pair(IReadOnlyList<string> models) => ModelPairing.Draw(models.Select(m => (m, 1.0)).ToArray(), _random);

    public string Prompt() => Prompts[_random.Next(Prompts.Count)];

    /// <summary>
    /// Honest users over <paramref name="span"/>: each arrives at a random time with its own session, on one of
    /// <paramref name="addresses"/> addresses (some shared, as behind a home router), and casts 5 to 35 votes one to
    /// five minutes apart.
    /// </summary>
    public List<DrillVote> Honest(IReadOnlyDictionary<string, double> strengths, int users, int addresses, TimeSpan span)
    {
        var models = strengths.Keys.ToArray();
        var votes = new List<DrillVote>();
        for (var u = 0; u < users; u++)
        {
            var session = $"honest-{u}";
            var client = Hash($"honest-address-{_random.Next(addresses)}");
            var time = Start + span * _random.NextDouble();
            var count = 5 + _random.Next(31);
            for (var i = 0; i < count; i++)
            {
                time += TimeSpan.FromSeconds(60 + _random.Next(240));
                var (a, b) = Pair(models);
                var outcome = Outcome(strengths[a], strengths[b]);
                votes.Add(new DrillVote(Vote(a, b, outcome, session, client, Prompt(), time), Rigged: false));
            }
        }

        return votes;
    }

    /// <summary>A hash like the web host's for a simulated address.</summary>
    public static string Hash(string address) => VoterHashes.Client(System.Net.IPAddress.Parse(AddressOf(address)), null);

    public static VoteRecord Vote(string a, string b, BattleOutcome outcome, string session, string client, string prompt, DateTimeOffset time) =>
        new(Guid.NewGuid(), a, b, outcome, "general", time, BattleMode.Anonymous, session, null, client, VoterHashes.Prompt(prompt));

    private BattleOutcome Outcome(double a, double b)
    {
        if (_random.NextDouble() < 0.08)
        {
            return BattleOutcome.Tie;
        }

        return _random.NextDouble() < 1.0 / (1.0 + Math.Pow(10, (b - a) / 400.0)) ? BattleOutcome.A : BattleOutcome.B;
    }

    /// <summary>A stable documentation-range IPv4 address for a name (198.18.0.0/15, the benchmarking range).</summary>
    private static string AddressOf(string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        return $"198.{18 + (hash[0] & 1)}.{hash[1]}.{hash[2]}";
    }
}
