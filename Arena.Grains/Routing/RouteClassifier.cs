using System.Globalization;
using System.Text.RegularExpressions;

namespace Arena.Routing;

/// <summary>
/// Semantic-router style classifier: the message's cosine similarity to every labelled example, a category's score
/// is the mean of its top-k similarities, the scores become probabilities (softmax), and the route with more
/// probability wins. Session context and a few precise rules come first.
/// </summary>
public sealed partial class RouteClassifier
{
    public const string DataAnalysis = "data_analysis";
    public const string ArenaInfo = "arena_info";
    public const string Coding = "coding";
    public const string Math = "math";
    public const string CreativeWriting = "creative_writing";
    public const string Knowledge = "knowledge";
    public const string Advice = "advice";
    public const string ChitChat = "chit_chat";

    private const double RuleConfidence = 0.95;

    private readonly IEmbedder _embedder;
    private readonly RouterOptions _options;
    private readonly RouteExample[] _examples;
    private readonly float[][] _vectors;
    private readonly string[] _categories;
    private readonly Dictionary<string, string> _routeOf;

    public RouteClassifier(IEmbedder embedder, IReadOnlyList<RouteExample> examples, RouterOptions options)
    {
        if (examples.Count == 0)
        {
            throw new ArgumentException("At least one example is needed.", nameof(examples));
        }

        _embedder = embedder;
        _options = options;
        _examples = [.. examples];
        _vectors = embedder.Embed([.. examples.Select(e => e.Text)]);
        _categories = [.. examples.Select(e => e.Category).Distinct(StringComparer.Ordinal)];
        _routeOf = examples.GroupBy(e => e.Category, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Route).Distinct().Single(), StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Categories => _categories;

    public string RouteOf(string category) => _routeOf[category];

    /// <summary>The options the classifier was built with.</summary>
    public RouterOptions Options => _options;

    public RouteDecision Classify(string message, RouteContext context) => Classify(message, context, query: null);

    /// <summary>
    /// <see cref="Classify(string, RouteContext)"/> with the message's embedding awaited rather than computed on this
    /// thread: concurrent messages are then embedded together (<see cref="IEmbedder.EmbedAsync"/>), at a third of the
    /// cost each. A message that a rule settles is not embedded at all.
    /// </summary>
    public async Task<RouteDecision> ClassifyAsync(string message, RouteContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        var query = MatchRule(message) is null ? await _embedder.EmbedAsync(message) : null;
        return Classify(message, context, query);
    }

    private RouteDecision Classify(string message, RouteContext context, float[]? query)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);

        if (context.DataLoaded || context.WorkflowActive)
        {
            var why = context.DataLoaded && context.WorkflowActive
                ? "a dataset is loaded and a workflow is active"
                : context.DataLoaded ? "a dataset is loaded" : "a workflow is active";
            // The context decides the route; the message still has its own category (a poem asked for
            // during a data session is creative writing), which the statistics count.
            var category = (MatchRule(message) ?? ClassifySemantically(message, query)).Category;
            return new RouteDecision(Routes.Assistant, category, 1.0, $"session context: {why}");
        }

        if (MatchRule(message) is { } rule)
        {
            return rule;
        }

        return ClassifySemantically(message, query);
    }

    /// <summary>Rules for what embeddings see poorly: code, stack traces, the user's own data, bare arithmetic.</summary>
    public static RouteDecision? MatchRule(string message)
    {
        if (message.Contains("```", StringComparison.Ordinal) || StackTrace().IsMatch(message))
        {
            return new RouteDecision(Routes.Arena, Coding, RuleConfidence, "rule: code block or stack trace");
        }

        if (OwnData().IsMatch(message))
        {
            return new RouteDecision(Routes.Assistant, DataAnalysis, RuleConfidence, "rule: mentions the user's file, dataset or columns");
        }

        if (Leaderboard().IsMatch(message))
        {
            return new RouteDecision(Routes.Assistant, ArenaInfo, RuleConfidence, "rule: asks about the arena's leaderboard or ratings");
        }

        if (Arithmetic().IsMatch(message))
        {
            return new RouteDecision(Routes.Arena, Math, RuleConfidence, "rule: arithmetic expression");
        }

        return null;
    }

    /// <summary>The message's score per category (mean of its top-k cosine similarities), with the nearest examples.</summary>
    public CategoryScores Score(string message) => Score(_embedder.Embed(message));

    private CategoryScores Score(float[] query)
    {
        var k = _options.TopK;

        // Per category: the k best similarities (with their example indices, for the reason).
        var best = _categories.ToDictionary(c => c, _ => new List<(float Sim, int Index)>(), StringComparer.Ordinal);
        for (var i = 0; i < _examples.Length; i++)
        {
            best[_examples[i].Category].Add((Dot(query, _vectors[i]), i));
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var nearest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, sims) in best)
        {
            sims.Sort((a, b) => b.Sim.CompareTo(a.Sim));
            scores[name] = sims.Take(k).Average(s => (double)s.Sim);
            nearest[name] = string.Join("; ", sims.Take(k).Select(s =>
                $"\"{_examples[s.Index].Text}\" ({s.Sim.ToString("0.00", CultureInfo.InvariantCulture)})"));
        }

        return new CategoryScores(scores, nearest);
    }

    /// <summary>
    /// Turns category scores into a decision: a softmax at <paramref name="temperature"/> gives each category a
    /// probability, the assistant's route mass is the sum over its categories, and the message goes to the
    /// assistant only when that mass reaches <paramref name="minConfidence"/>; otherwise to the arena.
    /// The confidence is the chosen route's mass.
    /// </summary>
    public RouteDecision Decide(CategoryScores scored, double temperature, double minConfidence)
    {
        var scores = scored.Scores;
        var max = scores.Values.Max();
        var weights = scores.ToDictionary(p => p.Key, p => System.Math.Exp((p.Value - max) / temperature), StringComparer.Ordinal);
        var total = weights.Values.Sum();
        var assistantMass = weights.Where(p => _routeOf[p.Key] == Routes.Assistant).Sum(p => p.Value) / total;

        var route = assistantMass > 0.5 ? Routes.Assistant : Routes.Arena;
        var confidence = route == Routes.Assistant ? assistantMass : 1 - assistantMass;
        var category = BestIn(scores, route);
        var reason = $"{category} (score {scores[category].ToString("0.00", CultureInfo.InvariantCulture)}); nearest examples: {scored.Nearest[category]}";

        if (route == Routes.Assistant && assistantMass < minConfidence)
        {
            var arenaCategory = BestIn(scores, Routes.Arena);
            return new RouteDecision(Routes.Arena, arenaCategory, System.Math.Round(1 - assistantMass, 4),
                $"low confidence ({confidence.ToString("0.00", CultureInfo.InvariantCulture)} < {minConfidence.ToString("0.00", CultureInfo.InvariantCulture)}) for {category}; sent to the arena as {arenaCategory}");
        }

        return new RouteDecision(route, category, System.Math.Round(confidence, 4), reason);
    }

    private RouteDecision ClassifySemantically(string message, float[]? query) =>
        Decide(Score(query ?? _embedder.Embed(message)), _options.Temperature, _options.MinConfidence);

    private string BestIn(IReadOnlyDictionary<string, double> scores, string route) =>
        scores.Where(p => _routeOf[p.Key] == route).MaxBy(p => p.Value).Key
        ?? scores.MaxBy(p => p.Value).Key;

    private static float Dot(float[] a, float[] b)
    {
        var n = System.Math.Min(a.Length, b.Length);
        float sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    [GeneratedRegex(@"Traceback \(most recent call last\)|^\s+at [\w.<>`]+\(.*\)|\b\w+(Exception|Error): |\berror CS\d{4}\b|\bSegmentation fault\b", RegexOptions.Multiline)]
    private static partial Regex StackTrace();

    [GeneratedRegex(@"\b(uploaded|attached|my|this|the|our)\s+(csv|tsv|xlsx?|excel|spreadsheet|dataset|data set|data file|file|table|sheet)s?\b(?!\s+format)|\bcolumns?\b|\bthe data\b|\bmy data\b|\bthis data\b|\.csv\b", RegexOptions.IgnoreCase)]
    private static partial Regex OwnData();

    [GeneratedRegex(@"\bleaderboard\b|\belo\b|\bwin rate\b|\bhead[- ]to[- ]head\b", RegexOptions.IgnoreCase)]
    private static partial Regex Leaderboard();

    [GeneratedRegex(@"^\s*(what\s+is|what's|compute|calculate|evaluate|solve)?\s*[-+(]?\s*\d[\d.,]*\s*(?:[-+*/^×÷%]\s*\(?\s*\d[\d.,]*\s*\)?\s*)+[=?]?\s*[?.!]?\s*$|\b\d+\s*[x×*]\s*\d+\s*[-+]\s*\d+", RegexOptions.IgnoreCase)]
    private static partial Regex Arithmetic();
}

/// <summary>A message's score per category (cosine means) and, per category, its nearest examples as text.</summary>
public sealed record CategoryScores(IReadOnlyDictionary<string, double> Scores, IReadOnlyDictionary<string, string> Nearest);
