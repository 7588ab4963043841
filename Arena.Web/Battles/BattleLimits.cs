using System.ComponentModel.DataAnnotations;

namespace Arena.Web.Battles;

/// <summary>Bounds on what a client may send (configuration section <c>Arena:Limits</c>).</summary>
public sealed class BattleLimits
{
    public const string Section = "Arena:Limits";

    /// <summary>The longest prompt accepted, in characters.</summary>
    [Range(1, 1_000_000)]
    public int MaxPromptChars { get; set; } = 8_000;
}
