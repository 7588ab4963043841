using System.Runtime.CompilerServices;
using Arena.Routing;

namespace Arena.Grains.Tests.Routing;

/// <summary>One MiniLM model and one classifier for all routing tests (loading takes a second or two).</summary>
internal static class RouterTestData
{
    private static readonly Lazy<MiniLmEmbedder> LazyEmbedder = new(() => new MiniLmEmbedder());

    private static readonly Lazy<RouteClassifier> LazyClassifier = new(() =>
        new RouteClassifier(Embedder, RouteExamples.LoadBuiltIn(), new RouterOptions()));

    public static IEmbedder Embedder => LazyEmbedder.Value;

    public static RouteClassifier Classifier => LazyClassifier.Value;

    public static IReadOnlyList<RouteExample> HeldOut() =>
        RouteExamples.Parse(File.ReadAllText(Path.Combine(Here(), "Data", "heldout.tsv")));

    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
