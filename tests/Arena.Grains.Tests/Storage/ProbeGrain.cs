namespace Arena.Grains.Tests.Storage;

/// <summary>Test grain that exposes its persisted state, its ETag and its activation.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Sets the value and writes state.</summary>
    Task WriteAsync(string value);

    /// <summary>Returns what this activation holds.</summary>
    Task<ProbeSnapshot> GetAsync();

    /// <summary>Clears state in storage.</summary>
    Task ClearAsync();

    /// <summary>Deactivates this activation after the call.</summary>
    Task DeactivateAsync();

    /// <summary>Registers (or updates) a reminder with a long period.</summary>
    Task RegisterReminderAsync(string name);

    /// <summary>Reads a reminder back from the reminder table; null when absent.</summary>
    Task<string?> GetReminderNameAsync(string name);
}

[GenerateSerializer, Immutable]
public sealed record ProbeSnapshot(
    [property: Id(0)] string? Value,
    [property: Id(1)] string? ETag,
    [property: Id(2)] bool RecordExists,
    [property: Id(3)] Guid ActivationId);

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}

public sealed class ProbeGrain(
    [PersistentState("probe", ProbeGrain.StorageName)] IPersistentState<ProbeState> state)
    : Grain, IProbeGrain, IRemindable
{
    /// <summary>Each test cluster registers its provider under this name.</summary>
    public const string StorageName = "probe-store";

    private readonly IPersistentState<ProbeState> _state = state;
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task WriteAsync(string value)
    {
        _state.State.Value = value;
        await _state.WriteStateAsync();
    }

    public Task<ProbeSnapshot> GetAsync() =>
        Task.FromResult(new ProbeSnapshot(_state.State.Value, _state.Etag, _state.RecordExists, _activationId));

    public Task ClearAsync() => _state.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task RegisterReminderAsync(string name) =>
        await this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<string?> GetReminderNameAsync(string name) =>
        (await this.GetReminder(name))?.ReminderName;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
