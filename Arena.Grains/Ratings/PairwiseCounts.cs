using Arena.Battles;

namespace Arena.Ratings;

/// <summary>
/// The sufficient statistics of Bradley–Terry: for each unordered pair of models (I &lt; J), the wins of I,
/// the wins of J and the ties (tie and both-bad both count as a tie). Models are known by string id and
/// indexed in order of first appearance. Stored in grain state: type and member ids are stored; keep them
/// stable. Mutate only through <see cref="Add(string, string, BattleOutcome, long)"/> and
/// <see cref="Merge"/>; the lookup indexes are rebuilt from the lists when needed.
/// </summary>
[GenerateSerializer]
public sealed class PairwiseCounts
{
    [NonSerialized]
    private Dictionary<string, int>? _modelIndex;

    [NonSerialized]
    private Dictionary<long, int>? _pairIndex;

    [NonSerialized]
    private List<string>? _indexedModels;

    [NonSerialized]
    private List<PairCount>? _indexedPairs;

    /// <summary>Model ids; a model's position here is its index in <see cref="Pairs"/>.</summary>
    [Id(0)]
    public List<string> Models { get; set; } = [];

    /// <summary>One entry per compared pair, in order of first comparison.</summary>
    [Id(1)]
    public List<PairCount> Pairs { get; set; } = [];

    /// <summary>The number of votes counted.</summary>
    public long TotalVotes => Pairs.Sum(p => p.Total);

    /// <summary>Counts from a sequence of votes, all at once.</summary>
    public static PairwiseCounts FromVotes(IEnumerable<(string ModelA, string ModelB, BattleOutcome Outcome)> votes)
    {
        ArgumentNullException.ThrowIfNull(votes);
        var counts = new PairwiseCounts();
        foreach (var (a, b, outcome) in votes)
        {
            counts.Add(a, b, outcome);
        }

        return counts;
    }

    /// <summary>The index of a model, or -1 if it has never been seen.</summary>
    public int IndexOf(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        EnsureIndex();
        return _modelIndex!.GetValueOrDefault(model, -1);
    }

    /// <summary>The index of a model, adding it (with no comparisons) if it is new.</summary>
    public int GetOrAddModel(string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        EnsureIndex();
        if (_modelIndex!.TryGetValue(model, out var index))
        {
            return index;
        }

        index = Models.Count;
        Models.Add(model);
        _modelIndex.Add(model, index);
        return index;
    }

    /// <summary>Counts <paramref name="count"/> votes with outcome <paramref name="outcome"/> between A and B.</summary>
    public void Add(string modelA, string modelB, BattleOutcome outcome, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (string.Equals(modelA, modelB, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A model cannot be compared with itself ('{modelA}').", nameof(modelB));
        }

        var a = GetOrAddModel(modelA);
        var b = GetOrAddModel(modelB);
        var pair = GetOrAddPair(a, b);
        var aIsI = a < b;
        switch (outcome)
        {
            case BattleOutcome.A when aIsI:
            case BattleOutcome.B when !aIsI:
                pair.WinsI += count;
                break;
            case BattleOutcome.A:
            case BattleOutcome.B:
                pair.WinsJ += count;
                break;
            case BattleOutcome.Tie:
            case BattleOutcome.BothBad:
                pair.Ties += count;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome.");
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> to this one (model ids are matched by name).</summary>
    public void Merge(PairwiseCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var model in other.Models)
        {
            GetOrAddModel(model);
        }

        foreach (var p in other.Pairs)
        {
            var a = GetOrAddModel(other.Models[p.I]);
            var b = GetOrAddModel(other.Models[p.J]);
            var pair = GetOrAddPair(a, b);
            pair.WinsI += a < b ? p.WinsI : p.WinsJ;
            pair.WinsJ += a < b ? p.WinsJ : p.WinsI;
            pair.Ties += p.Ties;
        }
    }

    /// <summary>The counts between two models as (wins of A, wins of B, ties); zeros if never compared.</summary>
    public (long WinsA, long WinsB, long Ties) Get(string modelA, string modelB)
    {
        var a = IndexOf(modelA);
        var b = IndexOf(modelB);
        if (a < 0 || b < 0 || a == b || !_pairIndex!.TryGetValue(Key(a, b), out var index))
        {
            return (0, 0, 0);
        }

        var p = Pairs[index];
        return a < b ? (p.WinsI, p.WinsJ, p.Ties) : (p.WinsJ, p.WinsI, p.Ties);
    }

    /// <summary>A model's record over all its comparisons.</summary>
    public ModelRecord RecordOf(int model)
    {
        long wins = 0, losses = 0, ties = 0;
        foreach (var p in Pairs)
        {
            if (p.I == model)
            {
                (wins, losses, ties) = (wins + p.WinsI, losses + p.WinsJ, ties + p.Ties);
            }
            else if (p.J == model)
            {
                (wins, losses, ties) = (wins + p.WinsJ, losses + p.WinsI, ties + p.Ties);
            }
        }

        return new ModelRecord(wins, losses, ties);
    }

    /// <summary>A deep copy.</summary>
    public PairwiseCounts Clone() => new()
    {
        Models = [.. Models],
        Pairs = Pairs.Select(p => new PairCount { I = p.I, J = p.J, WinsI = p.WinsI, WinsJ = p.WinsJ, Ties = p.Ties }).ToList(),
    };

    private PairCount GetOrAddPair(int a, int b)
    {
        EnsureIndex();
        var key = Key(a, b);
        if (_pairIndex!.TryGetValue(key, out var index))
        {
            return Pairs[index];
        }

        var pair = new PairCount { I = Math.Min(a, b), J = Math.Max(a, b) };
        _pairIndex.Add(key, Pairs.Count);
        Pairs.Add(pair);
        return pair;
    }

    private static long Key(int a, int b) => ((long)Math.Min(a, b) << 32) | (uint)Math.Max(a, b);

    private void EnsureIndex()
    {
        if (_modelIndex is null || !ReferenceEquals(_indexedModels, Models) || _modelIndex.Count != Models.Count)
        {
            _modelIndex = new Dictionary<string, int>(Models.Count, StringComparer.Ordinal);
            for (var i = 0; i < Models.Count; i++)
            {
                _modelIndex.Add(Models[i], i);
            }

            _indexedModels = Models;
        }

        if (_pairIndex is null || !ReferenceEquals(_indexedPairs, Pairs) || _pairIndex.Count != Pairs.Count)
        {
            _pairIndex = new Dictionary<long, int>(Pairs.Count);
            for (var k = 0; k < Pairs.Count; k++)
            {
                var p = Pairs[k];
                if (p.I < 0 || p.J >= Models.Count || p.I >= p.J)
                {
                    throw new InvalidDataException($"Pair {k} ({p.I}, {p.J}) is not a pair of known models with I < J.");
                }

                _pairIndex.Add(Key(p.I, p.J), k);
            }

            _indexedPairs = Pairs;
        }
    }
}

/// <summary>The counts of one unordered pair of models, by model index, with <see cref="I"/> &lt; <see cref="J"/>.</summary>
[GenerateSerializer]
public sealed class PairCount
{
    [Id(0)]
    public int I { get; set; }

    [Id(1)]
    public int J { get; set; }

    /// <summary>Votes that model I won.</summary>
    [Id(2)]
    public long WinsI { get; set; }

    /// <summary>Votes that model J won.</summary>
    [Id(3)]
    public long WinsJ { get; set; }

    /// <summary>Ties and both-bad votes.</summary>
    [Id(4)]
    public long Ties { get; set; }

    public long Total => WinsI + WinsJ + Ties;
}

/// <summary>A model's wins, losses and ties over all its comparisons.</summary>
public readonly record struct ModelRecord(long Wins, long Losses, long Ties)
{
    public long Votes => Wins + Losses + Ties;
}
