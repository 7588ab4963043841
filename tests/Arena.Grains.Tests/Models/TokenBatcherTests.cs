using System.Threading.Channels;
using Arena.Models;
using Microsoft.Extensions.Time.Testing;

namespace Arena.Grains.Tests.Models;

public sealed class TokenBatcherTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task ReadBatchesAsync_FirstToken_SentWithoutWaiting()
    {
        var (time, channel, batches) = Start(maxTokens: 32);

        channel.Writer.TryWrite(new ModelUpdate("Hello"));
        var first = await batches.MoveNextAsync();

        Assert.True(first);
        Assert.Equal("Hello", batches.Current.Text);
        Assert.Equal(1, batches.Current.Tokens);
        Assert.False(batches.Current.Last);
        Assert.Equal(TimeSpan.Zero, time.GetUtcNow() - Start0);
    }

    [Fact]
    public async Task ReadBatchesAsync_TokensSoonAfterAFlush_HeldUntilTheIntervalThenSentTogether()
    {
        var (time, channel, batches) = Start(maxTokens: 32);
        channel.Writer.TryWrite(new ModelUpdate("One"));
        Assert.True(await batches.MoveNextAsync());

        channel.Writer.TryWrite(new ModelUpdate(" two"));
        channel.Writer.TryWrite(new ModelUpdate(" three"));
        var next = batches.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);

        time.Advance(Interval);
        Assert.True(await next);
        Assert.Equal(" two three", batches.Current.Text);
        Assert.Equal(2, batches.Current.Tokens);
    }

    [Fact]
    public async Task ReadBatchesAsync_FullBatch_SentBeforeTheInterval()
    {
        var (_, channel, batches) = Start(maxTokens: 3);
        channel.Writer.TryWrite(new ModelUpdate("a"));
        Assert.True(await batches.MoveNextAsync());

        foreach (var t in new[] { "b", "c", "d" })
        {
            channel.Writer.TryWrite(new ModelUpdate(t));
        }

        Assert.True(await batches.MoveNextAsync());
        Assert.Equal("bcd", batches.Current.Text);
    }

    [Fact]
    public async Task ReadBatchesAsync_StreamEnds_LastBatchCarriesFinishAndUsage()
    {
        var (_, channel, batches) = Start(maxTokens: 32);
        channel.Writer.TryWrite(new ModelUpdate("a"));
        Assert.True(await batches.MoveNextAsync());

        channel.Writer.TryWrite(new ModelUpdate("b"));
        channel.Writer.TryWrite(new ModelUpdate("", FinishReason: "stop"));
        channel.Writer.TryWrite(new ModelUpdate("", InputTokens: 7, OutputTokens: 2));
        channel.Writer.Complete();

        Assert.True(await batches.MoveNextAsync());
        Assert.Equal("b", batches.Current.Text);
        Assert.True(batches.Current.Last);
        Assert.Equal(new ModelUpdate("", "stop", 7, 2), batches.Current.Final);
        Assert.False(await batches.MoveNextAsync());
    }

    [Fact]
    public async Task ReadBatchesAsync_ErrorUpdate_CarriedOnTheLastBatch()
    {
        var (_, channel, batches) = Start(maxTokens: 32);
        channel.Writer.TryWrite(new ModelUpdate("", Error: new ModelFailure(ModelFailure.ServerError, "boom")));
        channel.Writer.Complete();

        Assert.True(await batches.MoveNextAsync());
        Assert.True(batches.Current.Last);
        Assert.Equal("boom", batches.Current.Final?.Error?.Message);
        Assert.Equal("", batches.Current.Text);
    }

    private static readonly DateTimeOffset Start0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (FakeTimeProvider Time, Channel<ModelUpdate> Channel, IAsyncEnumerator<TokenBatcher.Batch> Batches) Start(int maxTokens)
    {
        var time = new FakeTimeProvider(Start0);
        var channel = Channel.CreateUnbounded<ModelUpdate>();
        var batches = TokenBatcher.ReadBatchesAsync(channel.Reader, Interval, maxTokens, time).GetAsyncEnumerator();
        return (time, channel, batches);
    }
}
