using Arena.Routing;

namespace Arena.Grains.Tests.Routing;

/// <summary>
/// The router's embedding batches: texts that arrive while a batch is being embedded go together into the next one,
/// each caller gets its own vector, and a failed batch fails its callers only.
/// </summary>
public sealed class EmbeddingBatcherTests
{
    [Fact]
    public async Task TextsArrivingDuringABatch_AreEmbeddedTogetherInTheNext_EachGettingItsOwnVector()
    {
        var batches = new List<string[]>();
        using var firstStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var batcher = new EmbeddingBatcher(texts =>
        {
            lock (batches)
            {
                batches.Add([.. texts]);
            }

            firstStarted.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return [.. texts.Select(t => new[] { (float)t.Length, t[^1] })];
        });

        var first = batcher.EmbedAsync("t0");
        Assert.True(firstStarted.Wait(TimeSpan.FromSeconds(30)), "The first text was not embedded at once.");
        var queued = Enumerable.Range(1, 9).Select(i => batcher.EmbedAsync($"text-{i}")).ToArray();
        release.Set();
        var vectors = await Task.WhenAll(queued);

        Assert.Equal(new[] { 2f, '0' }, await first);
        Assert.Equal([["t0"], [.. Enumerable.Range(1, 9).Select(i => $"text-{i}")]], batches);
        for (var i = 0; i < vectors.Length; i++)
        {
            Assert.Equal(new[] { 6f, (char)('1' + i) }, vectors[i]);
        }
    }

    [Fact]
    public async Task AFailedBatch_FailsItsCallers_AndTheNextTextIsEmbeddedAgain()
    {
        var fail = true;
        var batcher = new EmbeddingBatcher(texts => fail ? throw new InvalidOperationException("model broke") : [.. texts.Select(_ => new[] { 1f })]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.EmbedAsync("a"));
        fail = false;
        var vector = await batcher.EmbedAsync("b");

        Assert.Equal("model broke", error.Message);
        Assert.Equal(new[] { 1f }, vector);
    }

    [Fact]
    public async Task PastTheQueueBound_ATextIsRefusedAtOnceAsBusy_AndTheQueuedOnesAreStillEmbedded()
    {
        using var firstStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var batcher = new EmbeddingBatcher(texts =>
        {
            firstStarted.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return [.. texts.Select(t => new[] { (float)t.Length })];
        }, maxQueued: 2);

        var running = batcher.EmbedAsync("a");
        Assert.True(firstStarted.Wait(TimeSpan.FromSeconds(30)), "The first text was not embedded at once.");
        var queued = new[] { batcher.EmbedAsync("bb"), batcher.EmbedAsync("ccc") };
        var refused = await Assert.ThrowsAsync<ArenaException>(() => batcher.EmbedAsync("dddd"));
        release.Set();

        Assert.Equal((ArenaErrorKind.Unavailable, EmbeddingBatcher.RetryAfter), (refused.Kind, refused.RetryAfter));
        Assert.Contains("busy", refused.Message, StringComparison.Ordinal);
        var vectors = await Task.WhenAll([running, .. queued]);
        Assert.Equal([1f, 2f, 3f], vectors.Select(v => v[0]));
        Assert.Equal(5f, (await batcher.EmbedAsync("eeeee"))[0]);
    }
}
