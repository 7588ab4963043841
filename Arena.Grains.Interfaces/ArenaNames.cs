namespace Arena;

/// <summary>Provider and stream names shared by hosts and grains.</summary>
public static class ArenaNames
{
    /// <summary>The grain storage provider for Arena's own grains.</summary>
    public const string Storage = "arena-state";

    /// <summary>The broadcast channel provider that carries battle and assistant events from their grain to its watchers.</summary>
    public const string EventChannels = "arena-events";

    /// <summary>The channel namespace of battle events; the channel key is the battle id.</summary>
    public const string BattleStreamNamespace = "battle";

    /// <summary>The channel namespace of assistant events; the channel key is the conversation id.</summary>
    public const string AssistantStreamNamespace = "assistant";

    /// <summary>
    /// How long a watcher's registration with <see cref="Streams.IEventWatchersGrain{TEvent}"/> lasts unless renewed: longer than
    /// any turn streams, since a watcher renews only when it reads the transcript again.
    /// </summary>
    public static readonly TimeSpan WatchLease = TimeSpan.FromMinutes(15);
}
