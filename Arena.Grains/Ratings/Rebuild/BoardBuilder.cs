using Arena.Battles;

namespace Arena.Ratings.Rebuild;

/// <summary>
/// One leaderboard view (overall or a category) built from rated votes by model index: the same Elo updates,
/// counts and pair counts as <see cref="RatingBoard.Apply"/> in the same order, with models and pairs numbered in
/// order of first appearance as <see cref="RatingBoard"/> numbers them, so the board it yields equals the one the
/// votes would have built one by one.
/// </summary>
internal sealed class BoardBuilder
{
    private readonly int[] _local;
    private readonly List<int> _models = [];
    private readonly double[] _rating;
    private readonly int[] _wins;
    private readonly int[] _losses;
    private readonly int[] _ties;
    private readonly Dictionary<long, int> _pairIndex = [];
    private readonly List<PairCount> _pairs = [];
    private long _votes;

    public BoardBuilder(int modelCount)
    {
        _local = new int[modelCount];
        Array.Fill(_local, -1);
        _rating = new double[modelCount];
        _wins = new int[modelCount];
        _losses = new int[modelCount];
        _ties = new int[modelCount];
    }

    public void Apply(int a, int b, BattleOutcome outcome, double scoreA, EloOptions options)
    {
        var localA = Local(a, options);
        var localB = Local(b, options);
        (_rating[a], _rating[b]) = Elo.Update(_rating[a], _rating[b], scoreA, options);

        var pair = Pair(localA, localB);
        var aIsI = localA < localB;
        switch (outcome)
        {
            case BattleOutcome.A:
                _wins[a]++;
                _losses[b]++;
                if (aIsI)
                {
                    pair.WinsI++;
                }
                else
                {
                    pair.WinsJ++;
                }

                break;
            case BattleOutcome.B:
                _losses[a]++;
                _wins[b]++;
                if (aIsI)
                {
                    pair.WinsJ++;
                }
                else
                {
                    pair.WinsI++;
                }

                break;
            default:
                _ties[a]++;
                _ties[b]++;
                pair.Ties++;
                break;
        }

        _votes++;
    }

    public RatingBoard ToBoard(NameTable names)
    {
        var board = new RatingBoard { Votes = _votes };
        foreach (var model in _models)
        {
            board.Models[names[model]] = new StandingState { Rating = _rating[model], Wins = _wins[model], Losses = _losses[model], Ties = _ties[model] };
        }

        board.Counts = new PairwiseCounts { Models = _models.Select(m => names[m]).ToList(), Pairs = _pairs };
        return board;
    }

    private int Local(int model, EloOptions options)
    {
        if (_local[model] < 0)
        {
            _local[model] = _models.Count;
            _models.Add(model);
            _rating[model] = options.InitialRating;
        }

        return _local[model];
    }

    private PairCount Pair(int localA, int localB)
    {
        var (i, j) = localA < localB ? (localA, localB) : (localB, localA);
        var key = ((long)i << 32) | (uint)j;
        if (_pairIndex.TryGetValue(key, out var index))
        {
            return _pairs[index];
        }

        var pair = new PairCount { I = i, J = j };
        _pairIndex.Add(key, _pairs.Count);
        _pairs.Add(pair);
        return pair;
    }
}
