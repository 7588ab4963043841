using Arena.Streams;
using Microsoft.Extensions.Logging;
using Orleans.BroadcastChannel;
using Orleans.Placement;

namespace Arena.Assistant;

/// <summary>The watchers of one assistant conversation, fed from its broadcast channel.</summary>
[ImplicitChannelSubscription(ArenaNames.AssistantStreamNamespace)]
[PreferLocalPlacement]
public sealed class AssistantWatchersGrain(TimeProvider time, ILogger<AssistantWatchersGrain> logger) : EventWatchersGrain<AssistantEvent>(time, logger);
