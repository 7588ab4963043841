using System.Text.Json;
using Arena.Assistant;

namespace Arena.Grains.Tests.Assistant;

/// <summary>A test tool the simulated model picks for "calibrate the gauge"; it always refuses.</summary>
public sealed class BrokenGaugeTool : IAssistantTool
{
    public const string Refusal = "The gauge is offline for maintenance; try again tomorrow.";

    public string Name => "calibrate_gauge";

    public string Description => "Calibrates the pressure gauge.";

    public bool IsAvailable(ToolContext context) => true;

    public BinaryData ParametersSchema(ToolContext context) => BinaryData.FromString("""{"type":"object","properties":{},"required":[]}""");

    public Task<string> InvokeAsync(ToolContext context, JsonElement arguments, CancellationToken cancellationToken) =>
        throw new ToolException(Refusal);
}

/// <summary>A test tool the simulated model picks for "wait for the signal"; it runs until released or cancelled.</summary>
public sealed class GateTool : IAssistantTool
{
    private TaskCompletionSource _entered = New();
    private TaskCompletionSource _cancelled = New();
    private TaskCompletionSource<string> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "wait_for_signal";

    public string Description => "Waits until the operator sends the signal.";

    /// <summary>Completes when a call has started.</summary>
    public Task Entered => _entered.Task;

    /// <summary>Completes when a running call saw its cancellation.</summary>
    public Task Cancelled => _cancelled.Task;

    /// <summary>Prepares for the next call.</summary>
    public void Reset()
    {
        _entered = New();
        _cancelled = New();
        _release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release(string result) => _release.TrySetResult(result);

    public bool IsAvailable(ToolContext context) => true;

    public BinaryData ParametersSchema(ToolContext context) => BinaryData.FromString("""{"type":"object","properties":{},"required":[]}""");

    public async Task<string> InvokeAsync(ToolContext context, JsonElement arguments, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        using var registration = cancellationToken.Register(() => _cancelled.TrySetResult());
        return await _release.Task.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
