using System.ComponentModel.DataAnnotations;

namespace Arena.Models.Cache;

/// <summary>
/// The answer cache (configuration section <c>Arena:AnswerCache</c>). Which models take part is a
/// setting of each model (<c>Arena:Models:n:CacheAnswers</c>); these settings bound the cache and say
/// which callers besides blind battles may be served from it.
/// </summary>
public sealed class AnswerCacheOptions
{
    public const string Section = "Arena:AnswerCache";

    /// <summary>Whether named battles (models chosen by the user) may be answered from the cache.</summary>
    public bool NamedBattles { get; set; }

    /// <summary>The most answers kept, over all models; past it the oldest recordings are deleted.</summary>
    [Range(1, 100_000_000)]
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>How long a recorded answer is served; older ones are never served and are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Whether a request of this purpose to this model may be answered from the cache.</summary>
    public bool Allows(ModelDefinition model, GenerationPurpose purpose) => model.CacheAnswers && purpose switch
    {
        GenerationPurpose.BlindBattle => true,
        GenerationPurpose.NamedBattle => NamedBattles,
        _ => false,
    };
}
