namespace Arena.Storage.GroupCommit;

/// <summary>
/// One write for a <see cref="GroupCommitter"/>: its commands run inside the group's transaction, and its caller
/// hears of it only once that transaction committed (or failed). A write may run more than once (a failed group
/// is retried write by write), each time in a new transaction.
/// </summary>
internal abstract class GroupedWrite
{
    /// <summary>Runs the write's commands in the group's transaction.</summary>
    public abstract Task ExecuteAsync(GroupTransaction transaction);

    /// <summary>The transaction committed: answers the caller.</summary>
    public abstract void Complete();

    /// <summary>The transaction failed: fails the caller.</summary>
    public abstract void Fail(Exception exception);
}

/// <summary>A grouped write whose caller awaits a result of <typeparamref name="T"/>.</summary>
internal abstract class GroupedWrite<T> : GroupedWrite
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    /// <summary>Completes with the result once the write's transaction committed.</summary>
    public Task<T> Done => _done.Task;

    public sealed override async Task ExecuteAsync(GroupTransaction transaction) => _result = await RunAsync(transaction);

    public sealed override void Complete() => _done.TrySetResult(_result);

    public sealed override void Fail(Exception exception) => _done.TrySetException(exception);

    /// <summary>The write's commands; the result is handed to the caller after the commit.</summary>
    protected abstract Task<T> RunAsync(GroupTransaction transaction);
}
