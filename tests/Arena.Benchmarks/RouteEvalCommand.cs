using System.Globalization;
using Arena.Routing;
using Arena.Tests.Shared;

namespace Arena.Benchmarks;

/// <summary>
/// <c>route-eval [path] [--sweep]</c>: the router on a labelled TSV set (by default the repo's held-out set) with
/// the built-in examples and default options. Prints route and per-category accuracy, the confusion matrix and
/// confidence statistics; <c>--sweep</c> adds accuracy and calibration per softmax temperature. Exits 1 when
/// route accuracy is below 95%.
/// </summary>
public static class RouteEvalCommand
{
    public const double RequiredRouteAccuracy = 0.95;

    private static readonly double[] Temperatures = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2];

    public static int Run(string[] args)
    {
        var sweep = args.Contains("--sweep");
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? DefaultHeldOut();
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"No labelled set at '{path}'. Pass a TSV of route<TAB>category<TAB>message lines.");
            return 2;
        }

        var set = RouteExamples.Parse(File.ReadAllText(path));
        Console.WriteLine($"labelled set: {Path.GetFullPath(path)}");
        using var embedder = new MiniLmEmbedder();
        var classifier = new RouteClassifier(embedder, RouteExamples.LoadBuiltIn(), new RouterOptions());
        var scored = RouteEvaluation.Score(classifier, set);
        var evaluation = RouteEvaluation.Decide(classifier, scored, classifier.Options.Temperature, classifier.Options.MinConfidence);

        Console.WriteLine(evaluation.Report());
        if (sweep)
        {
            Console.WriteLine(RouteEvaluation.Sweep(classifier, scored, Temperatures, classifier.Options.MinConfidence));
        }

        var passed = evaluation.RouteAccuracy >= RequiredRouteAccuracy;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(passed ? "PASS" : "FAIL")}: route accuracy {evaluation.RouteAccuracy:P1} (required {RequiredRouteAccuracy:P0})"));
        return passed ? 0 : 1;
    }

    /// <summary>The held-out set in the repository that holds the running build.</summary>
    private static string DefaultHeldOut()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Arena.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "Arena.Grains.Tests", "Routing", "Data", "heldout.tsv");
            }
        }

        return Path.Combine("tests", "Arena.Grains.Tests", "Routing", "Data", "heldout.tsv");
    }
}
