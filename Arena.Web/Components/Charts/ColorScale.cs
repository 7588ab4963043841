using System.Globalization;

namespace Arena.Web.Components.Charts;

/// <summary>The charts' colour scales, tuned for the dark theme, and the text colour that reads on each.</summary>
public static class ColorScale
{
    private static readonly Rgb Loss = new(220, 64, 64);
    private static readonly Rgb Even = new(58, 64, 80);
    private static readonly Rgb Win = new(22, 163, 110);
    private static readonly Rgb Few = new(30, 36, 52);
    private static readonly Rgb Many = new(124, 156, 255);

    /// <summary>Red (0) through a neutral grey (0.5) to green (1), for a win rate.</summary>
    public static string Diverging(double share)
    {
        var t = Math.Clamp(share, 0, 1);
        return (t < 0.5 ? Rgb.Mix(Loss, Even, t * 2) : Rgb.Mix(Even, Win, (t - 0.5) * 2)).Hex;
    }

    /// <summary>From the surface colour (0) to the accent (1), for counts; square-root spaced so small counts still show.</summary>
    public static string Sequential(double value, double max) =>
        Rgb.Mix(Few, Many, max <= 0 ? 0 : Math.Sqrt(Math.Clamp(value / max, 0, 1))).Hex;

    /// <summary>Dark ink on light fills, light ink on dark ones.</summary>
    public static string InkOn(string hex)
    {
        var c = Rgb.Parse(hex);
        var luminance = (0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B) / 255;
        return luminance > 0.55 ? "#0b0d12" : "#f3f5f9";
    }

    private readonly record struct Rgb(double R, double G, double B)
    {
        public string Hex => string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round(R):x2}{(int)Math.Round(G):x2}{(int)Math.Round(B):x2}");

        public static Rgb Mix(Rgb from, Rgb to, double t) =>
            new(from.R + (to.R - from.R) * t, from.G + (to.G - from.G) * t, from.B + (to.B - from.B) * t);

        public static Rgb Parse(string hex) => new(
            int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}
