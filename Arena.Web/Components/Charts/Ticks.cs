namespace Arena.Web.Components.Charts;

/// <summary>Round axis ticks (steps of 1, 2 or 5 times a power of ten) and the domain they span.</summary>
public static class Ticks
{
    /// <summary>
    /// About <paramref name="count"/> round values covering [<paramref name="min"/>, <paramref name="max"/>];
    /// the first tick is at or below min and the last at or above max, so the axis encloses the data.
    /// </summary>
    public static IReadOnlyList<double> Nice(double min, double max, int count = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentException("The domain must be finite.");
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max - min < 1e-9)
        {
            // One value: a small round range around it.
            min -= 1;
            max += 1;
        }

        var step = Step((max - min) / Math.Max(1, count));
        var first = Math.Floor(min / step) * step;
        var last = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var i = 0; first + i * step <= last + step / 2; i++)
        {
            ticks.Add(Math.Round(first + i * step, 10));
        }

        return ticks;
    }

    /// <summary>The round step (1, 2 or 5 times a power of ten) nearest above <paramref name="rough"/>.</summary>
    public static double Step(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        var nice = fraction switch
        {
            <= 1 => 1,
            <= 2 => 2,
            <= 5 => 5,
            _ => 10,
        };
        return nice * power;
    }
}
