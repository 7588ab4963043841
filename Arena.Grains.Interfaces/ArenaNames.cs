namespace Arena;

/// <summary>Provider and stream names shared by hosts and grains.</summary>
public static class ArenaNames
{
    /// <summary>
    /// The grain storage provider for Arena's own grains. Not the stream provider's name: Orleans' stream pub/sub
    /// takes a storage named like its stream provider before <see cref="PubSubStore"/>, and would then write every
    /// battle's subscription into the database, one commit on each battle's first token.
    /// </summary>
    public const string Storage = "arena-state";

    /// <summary>The storage provider Orleans' stream pub/sub uses.</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>The stream provider that carries battle events.</summary>
    public const string StreamProvider = "arena";

    /// <summary>The stream namespace of battle events; the stream key is the battle id.</summary>
    public const string BattleStreamNamespace = "battle";

    /// <summary>The stream namespace of assistant events; the stream key is the conversation id.</summary>
    public const string AssistantStreamNamespace = "assistant";
}
