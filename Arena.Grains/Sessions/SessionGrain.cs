namespace Arena.Sessions;

/// <summary>
/// One user's session: the battles it started (newest first, up to a bound), its datasets' descriptions
/// (their rows are in the dataset store), and the assistant conversation under way.
/// </summary>
public sealed partial class SessionGrain(
    [PersistentState("session", ArenaNames.Storage)] IPersistentState<SessionState> state,
    TimeProvider time) : Grain, ISessionGrain
{
    /// <summary>How many battles a session remembers.</summary>
    public const int MaxBattles = 200;

    /// <summary>How many datasets a session may hold at once.</summary>
    public const int MaxDatasets = 10;

    /// <summary>How long a workflow stays active after its last message.</summary>
    public static readonly TimeSpan WorkflowLease = TimeSpan.FromMinutes(30);

    public async Task AddBattleAsync(SessionBattle battle)
    {
        ConfirmOpenBattle(battle.BattleId);
        if (state.State.Battles.Any(b => b.BattleId == battle.BattleId))
        {
            return;
        }

        state.State.Battles.Insert(0, battle);
        if (state.State.Battles.Count > MaxBattles)
        {
            state.State.Battles.RemoveRange(MaxBattles, state.State.Battles.Count - MaxBattles);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<SessionBattle>> GetBattlesAsync() =>
        Task.FromResult<IReadOnlyList<SessionBattle>>(state.State.Battles.ToArray());

    public async Task AddDatasetAsync(DatasetInfo dataset)
    {
        var datasets = state.State.Datasets;
        if (datasets.Any(d => d.Id == dataset.Id))
        {
            return;
        }

        if (datasets.Any(d => string.Equals(d.Name, dataset.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw ArenaException.Conflict($"This session already has a dataset called '{dataset.Name}'; remove it first or rename the file.");
        }

        if (datasets.Count >= MaxDatasets)
        {
            throw ArenaException.Invalid($"A session holds at most {MaxDatasets} datasets; remove one first.");
        }

        datasets.Add(dataset);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            datasets.Remove(dataset);
            throw;
        }
    }

    public async Task<DatasetInfo> RemoveDatasetAsync(Guid datasetId)
    {
        var dataset = state.State.Datasets.FirstOrDefault(d => d.Id == datasetId)
            ?? throw ArenaException.NotFound($"This session has no dataset {datasetId}.");
        var index = state.State.Datasets.IndexOf(dataset);
        state.State.Datasets.RemoveAt(index);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Datasets.Insert(index, dataset);
            throw;
        }

        return dataset;
    }

    public Task<SessionContext> GetContextAsync() =>
        Task.FromResult(new SessionContext(state.State.Datasets.ToArray(), state.State.Conversation, state.State.WorkflowActiveUntil));

    public async Task<Guid> ContinueWorkflowAsync()
    {
        var now = time.GetUtcNow();
        var context = await GetContextAsync();
        var conversation = context.WorkflowActive(now) ? context.Conversation!.Value : Guid.NewGuid();
        state.State.Conversation = conversation;
        state.State.WorkflowActiveUntil = now + WorkflowLease;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Conversation = context.Conversation;
            state.State.WorkflowActiveUntil = context.WorkflowActiveUntil;
            throw;
        }

        return conversation;
    }

    public async Task EndWorkflowAsync()
    {
        if (state.State.Conversation is null)
        {
            return;
        }

        state.State.Conversation = null;
        state.State.WorkflowActiveUntil = null;
        await state.WriteStateAsync();
    }
}
