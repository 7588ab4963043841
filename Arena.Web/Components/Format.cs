using System.Globalization;

namespace Arena.Web.Components;

/// <summary>How numbers read on Arena's pages.</summary>
public static class Format
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>An Elo rating with one decimal, e.g. <c>1516.0</c>.</summary>
    public static string Rating(double rating) => rating.ToString("F1", Culture);

    /// <summary>A signed rating change with one decimal and a real minus sign: <c>+12.3</c>, <c>−12.3</c>, <c>±0.0</c>.</summary>
    public static string Delta(double delta)
    {
        var magnitude = Math.Abs(delta).ToString("F1", Culture);
        return magnitude == "0.0" ? "±0.0" : (delta > 0 ? "+" : "\u2212") + magnitude;
    }

    /// <summary>The CSS class that colours a rating change.</summary>
    public static string DeltaClass(double delta) => Delta(delta) switch
    {
        ['+', ..] => "delta-up",
        ['\u2212', ..] => "delta-down",
        _ => "delta-flat",
    };

    /// <summary>A 95% interval around a rating as distances from it: <c>+31.2 / −28.7</c>.</summary>
    public static string Interval(double rating, double lower, double upper) =>
        "+" + Math.Max(0, upper - rating).ToString("F1", Culture) + " / \u2212" + Math.Max(0, rating - lower).ToString("F1", Culture);

    /// <summary>A share as a percentage with one decimal, or a dash when there is nothing to divide.</summary>
    public static string Percent(int part, int whole) =>
        whole == 0 ? "—" : (100.0 * part / whole).ToString("F1", Culture) + "%";

    /// <summary>A duration in milliseconds as people read it: <c>420 ms</c>, <c>2.4 s</c>.</summary>
    public static string Duration(double ms) =>
        ms < 1000 ? ms.ToString("F0", Culture) + " ms" : (ms / 1000).ToString("F1", Culture) + " s";

    /// <summary>How long ago something happened: <c>just now</c>, <c>5 min ago</c>, <c>3 h ago</c>, or the date.</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now)
    {
        var age = now - then;
        return age.TotalMinutes switch
        {
            < 1 => "just now",
            < 60 => ((int)age.TotalMinutes).ToString(Culture) + " min ago",
            < 24 * 60 => ((int)age.TotalHours).ToString(Culture) + " h ago",
            _ => then.ToString("d MMM", Culture),
        };
    }

    /// <summary>True for the simulated models, whose ids say so (e.g. <c>sim-llama-3.1-8b</c>).</summary>
    public static bool IsSimulated(string model) => model.StartsWith("sim-", StringComparison.Ordinal);
}
