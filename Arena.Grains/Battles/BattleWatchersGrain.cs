using Arena.Streams;
using Microsoft.Extensions.Logging;
using Orleans.BroadcastChannel;
using Orleans.Placement;

namespace Arena.Battles;

/// <summary>The watchers of one battle, fed from its broadcast channel.</summary>
[ImplicitChannelSubscription(ArenaNames.BattleStreamNamespace)]
[PreferLocalPlacement]
public sealed class BattleWatchersGrain(TimeProvider time, ILogger<BattleWatchersGrain> logger) : EventWatchersGrain<BattleEvent>(time, logger);
