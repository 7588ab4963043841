using System.Globalization;

namespace Arena.Web.Components.Charts;

/// <summary>Numbers as SVG attributes want them: invariant, two decimals at most.</summary>
public static class Svg
{
    /// <summary>A coordinate, e.g. <c>12.5</c>.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}
