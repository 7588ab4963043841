using Arena.Battles;

namespace Arena.Ratings.Rebuild;

/// <summary>
/// The votes that move ratings, as read for a rebuild: in ledger order, each as small integers (models and
/// categories by their index in <see cref="Models"/> and <see cref="Categories"/>, in order of first appearance).
/// Rows that do not count (named battles, excluded votes) or that a quarantine holds back are counted but not kept.
/// </summary>
public sealed class RatedVotes
{
    private int[] _a = new int[1024];
    private int[] _b = new int[1024];
    private int[] _category = new int[1024];
    private BattleOutcome[] _outcome = new BattleOutcome[1024];

    public NameTable Models { get; } = new();

    public NameTable Categories { get; } = new();

    /// <summary>The votes kept.</summary>
    public int Count { get; private set; }

    /// <summary>Every ledger row read, kept or not.</summary>
    public long Rows { get; set; }

    /// <summary>Counted votes that a quarantine held back.</summary>
    public long Held { get; set; }

    /// <summary>The sequence number of the last row read (0 when none).</summary>
    public long LastSeq { get; set; }

    public ReadOnlySpan<int> A => _a.AsSpan(0, Count);

    public ReadOnlySpan<int> B => _b.AsSpan(0, Count);

    public ReadOnlySpan<int> Category => _category.AsSpan(0, Count);

    public ReadOnlySpan<BattleOutcome> Outcome => _outcome.AsSpan(0, Count);

    /// <summary>Appends the rows read after these (a later part of the same ledger), renumbering its names into these tables.</summary>
    public void Append(RatedVotes later)
    {
        ArgumentNullException.ThrowIfNull(later);
        var models = later.Models.Names.Select(n => Models.IdOf(n.AsSpan())).ToArray();
        var categories = later.Categories.Names.Select(n => Categories.IdOf(n.AsSpan())).ToArray();
        var (a, b, category, outcome) = (later._a, later._b, later._category, later._outcome);
        for (var n = 0; n < later.Count; n++)
        {
            Add(models[a[n]], models[b[n]], outcome[n], categories[category[n]]);
        }

        Rows += later.Rows;
        Held += later.Held;
        if (later.Rows > 0)
        {
            LastSeq = later.LastSeq;
        }
    }

    public void Add(int modelA, int modelB, BattleOutcome outcome, int category)
    {
        if (modelA == modelB)
        {
            throw new InvalidDataException($"A ledger row compares model '{Models[modelA]}' with itself.");
        }

        if (Count == _a.Length)
        {
            var size = _a.Length * 2;
            Array.Resize(ref _a, size);
            Array.Resize(ref _b, size);
            Array.Resize(ref _category, size);
            Array.Resize(ref _outcome, size);
        }

        _a[Count] = modelA;
        _b[Count] = modelB;
        _category[Count] = category;
        _outcome[Count] = outcome;
        Count++;
    }
}
