namespace Arena.Web.Components.Charts;

/// <summary>Maps a data domain onto a pixel range, linearly.</summary>
public readonly record struct LinearScale(double DomainMin, double DomainMax, double RangeMin, double RangeMax)
{
    /// <summary>The pixel position of <paramref name="value"/>; the domain's middle when the domain is a point.</summary>
    public double this[double value] => DomainMax == DomainMin
        ? (RangeMin + RangeMax) / 2
        : RangeMin + (value - DomainMin) / (DomainMax - DomainMin) * (RangeMax - RangeMin);
}
