namespace Arena.Routing;

/// <summary>A labelled utterance: the route and category it belongs to.</summary>
public sealed record RouteExample(string Route, string Category, string Text);

/// <summary>Reads labelled utterances in the form <c>route&lt;TAB&gt;category&lt;TAB&gt;utterance</c>.</summary>
public static class RouteExamples
{
    public const string ResourceName = "Arena.Routing.Data.examples.tsv";

    /// <summary>The examples shipped with Arena.</summary>
    public static IReadOnlyList<RouteExample> LoadBuiltIn()
    {
        using var stream = typeof(RouteExamples).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses TSV lines; blank lines and lines starting with <c>#</c> are skipped.</summary>
    public static IReadOnlyList<RouteExample> Parse(string tsv)
    {
        var examples = new List<RouteExample>();
        var lineNumber = 0;
        foreach (var raw in tsv.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t', 3);
            if (parts.Length != 3 || parts[0] is not (Routes.Arena or Routes.Assistant) || parts[1].Length == 0 || parts[2].Trim().Length == 0)
            {
                throw new FormatException($"Line {lineNumber} is not 'route<TAB>category<TAB>utterance': {line}");
            }

            examples.Add(new RouteExample(parts[0], parts[1], parts[2].Trim()));
        }

        return examples;
    }
}
