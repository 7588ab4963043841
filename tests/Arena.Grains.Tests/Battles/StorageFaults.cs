using Orleans.Storage;

namespace Arena.Grains.Tests.Battles;

/// <summary>
/// Write failures a test arms for one battle: its first writes go through, the next ones fail as a database that
/// is down would, before anything reaches it (so its stored version stays as it was). Shared by every silo.
/// </summary>
public sealed class StorageFaults
{
    private readonly Dictionary<Guid, Plan> _plans = [];

    /// <summary>Lets <paramref name="passing"/> writes of the battle through, then fails <paramref name="failing"/> (int.MaxValue: until healed).</summary>
    public void Arm(Guid battleId, int passing, int failing)
    {
        lock (_plans)
        {
            _plans[battleId] = new Plan { Passing = passing, Failing = failing };
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

    /// <summary>Throws if this write of the battle is one to fail.</summary>
    internal void Check(string stateName, GrainId grainId)
    {
        if (stateName != "battle" || !grainId.TryGetGuidKey(out var id, out _))
        {
            return;
        }

        lock (_plans)
        {
            if (!_plans.TryGetValue(id, out var plan))
            {
                return;
            }

            if (plan.Passing > 0)
            {
                plan.Passing--;
                return;
            }

            if (plan.Failing > 0)
            {
                plan.Failing--;
                plan.Failed++;
                foreach (var waiter in plan.Waiters.Where(w => w.Count <= plan.Failed))
                {
                    waiter.Done.TrySetResult();
                }

                throw new TimeoutException("Injected: the database did not answer.");
            }
        }
    }

    private sealed class Plan
    {
        public int Passing { get; set; }

        public int Failing { get; set; }

        public int Failed { get; set; }

        public List<(int Count, TaskCompletionSource Done)> Waiters { get; } = [];
    }
}

/// <summary>The grain storage with <see cref="StorageFaults"/> injected in front of every write.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.Check(stateName, grainId);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
