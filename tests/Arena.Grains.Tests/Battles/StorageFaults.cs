using Orleans.Storage;

namespace Arena.Grains.Tests.Battles;

/// <summary>
/// Write failures a test arms for one battle (or assistant conversation): its first writes go through, the next ones fail as a database that
/// is down would, before anything reaches it (so its stored version stays as it was), or, when they land, after
/// the write committed (its answer lost on the way back). Shared by every silo.
/// </summary>
public sealed class StorageFaults
{
    private readonly Dictionary<Guid, Plan> _plans = [];

    /// <summary>
    /// Lets <paramref name="passing"/> writes of the battle through, then fails <paramref name="failing"/> (int.MaxValue: until
    /// healed); <paramref name="landing"/> failures are committed first.
    /// </summary>
    public void Arm(Guid battleId, int passing, int failing, bool landing = false)
    {
        lock (_plans)
        {
            _plans[battleId] = new Plan { Passing = passing, Failing = failing, Landing = landing };
        }
    }

    /// <summary>The battle's writes all go through from now on.</summary>
    public void Heal(Guid battleId)
    {
        lock (_plans)
        {
            _plans[battleId].Failing = 0;
        }
    }

    /// <summary>How many of the battle's writes failed so far.</summary>
    public int Failed(Guid battleId)
    {
        lock (_plans)
        {
            return _plans.TryGetValue(battleId, out var plan) ? plan.Failed : 0;
        }
    }

    /// <summary>Completes once <paramref name="count"/> of the battle's writes have failed.</summary>
    public Task FailedAsync(Guid battleId, int count)
    {
        lock (_plans)
        {
            var plan = _plans[battleId];
            if (plan.Failed >= count)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            plan.Waiters.Add((count, waiter));
            return waiter.Task;
        }
    }

    /// <summary>Whether this write of the battle fails, and if so whether it lands first.</summary>
    internal (bool Fails, bool Lands) Check(string stateName, GrainId grainId)
    {
        if (stateName is not ("battle" or "assistant") || !grainId.TryGetGuidKey(out var id, out _))
        {
            return (false, false);
        }

        lock (_plans)
        {
            if (!_plans.TryGetValue(id, out var plan))
            {
                return (false, false);
            }

            if (plan.Passing > 0)
            {
                plan.Passing--;
                return (false, false);
            }

            if (plan.Failing > 0)
            {
                plan.Failing--;
                plan.Failed++;
                foreach (var waiter in plan.Waiters.Where(w => w.Count <= plan.Failed))
                {
                    waiter.Done.TrySetResult();
                }

                return (true, plan.Landing);
            }

            return (false, false);
        }
    }

    private sealed class Plan
    {
        public int Passing { get; set; }

        public int Failing { get; set; }

        public int Failed { get; set; }

        public bool Landing { get; init; }

        public List<(int Count, TaskCompletionSource Done)> Waiters { get; } = [];
    }
}

/// <summary>The grain storage with <see cref="StorageFaults"/> injected in front of every write.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (fails, lands) = faults.Check(stateName, grainId);
        if (fails && lands)
        {
            // Committed, but the version it got never reaches the activation.
            var etag = grainState.ETag;
            await inner.WriteStateAsync(stateName, grainId, grainState);
            grainState.ETag = etag;
        }

        if (fails)
        {
            throw new TimeoutException("Injected: the database did not answer.");
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
