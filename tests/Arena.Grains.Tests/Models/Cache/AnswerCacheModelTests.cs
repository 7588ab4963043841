using Arena.Models;
using Arena.Models.Cache;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arena.Grains.Tests.Models.Cache;

/// <summary>The answer cache at the model grain: what is kept, what matches, and the pace of a replay.</summary>
[Collection(CachedArenaCollection.Name)]
public sealed class AnswerCacheModelTests(CachedArenaFixture arena)
{
    [Fact]
    public async Task GenerateAsync_SameRequestTwice_SecondNeverReachesTheServerAndIsMarkedCached()
    {
        var request = Request("Tell me about owls. " + Guid.NewGuid().ToString("N"));
        var (firstText, first) = await GenerateAsync(CachedArenaFixture.Cached, request);
        var before = await arena.RequestsServedAsync(CachedArenaFixture.Cached);

        var (secondText, second) = await GenerateAsync(CachedArenaFixture.Cached, request);

        Assert.Equal(before, await arena.RequestsServedAsync(CachedArenaFixture.Cached));
        Assert.False(first.Completion!.Cached);
        Assert.True(second.Completion!.Cached);
        Assert.Equal(firstText, secondText);
        Assert.Equal(first.Completion.OutputTokens, second.Completion.OutputTokens);
        Assert.Equal(first.Completion.FinishReason, second.Completion.FinishReason);
    }

    [Theory]
    [InlineData("temperature")]
    [InlineData("max_tokens")]
    [InlineData("seed")]
    [InlineData("conversation")]
    public async Task GenerateAsync_DifferentSettingOrConversation_Misses(string change)
    {
        var request = Request("Describe a lighthouse. " + Guid.NewGuid().ToString("N"));
        await GenerateAsync(CachedArenaFixture.Cached, request);
        var changed = change switch
        {
            "temperature" => request with { Temperature = 0.3f },
            "max_tokens" => request with { MaxOutputTokens = 50 },
            "seed" => request with { Seed = 11 },
            _ => request with { Messages = [new ChatMessage(ChatRole.System, "Be brief."), .. request.Messages] },
        };
        var before = await arena.RequestsServedAsync(CachedArenaFixture.Cached);

        var (_, last) = await GenerateAsync(CachedArenaFixture.Cached, changed);

        Assert.True(await arena.RequestsServedAsync(CachedArenaFixture.Cached) > before);
        Assert.False(last.Completion!.Cached);
    }

    [Fact]
    public async Task GenerateAsync_ModelNotOptedIn_NeverCached()
    {
        var request = Request("What is a comet? " + Guid.NewGuid().ToString("N"));
        await GenerateAsync(CachedArenaFixture.Live, request);
        var before = await arena.RequestsServedAsync(CachedArenaFixture.Live);

        var (_, last) = await GenerateAsync(CachedArenaFixture.Live, request);

        Assert.True(await arena.RequestsServedAsync(CachedArenaFixture.Live) > before);
        Assert.False(last.Completion!.Cached);
    }

    [Fact]
    public async Task GenerateAsync_SameQuestionToAnotherModel_NotServedAcrossModels()
    {
        var request = Request("What is a glacier? " + Guid.NewGuid().ToString("N"));
        await GenerateAsync(CachedArenaFixture.Cached, request);
        var key = AnswerCacheKey.Of(Catalog.Find(CachedArenaFixture.Cached)!, Sized(request));

        // The same key asked for another model finds nothing: the model is checked as well as hashed.
        Assert.NotNull(await Store.FindAsync(key, CachedArenaFixture.Cached, DateTimeOffset.MinValue));
        Assert.Null(await Store.FindAsync(key, CachedArenaFixture.Broken, DateTimeOffset.MinValue));
        Assert.NotEqual(key, AnswerCacheKey.Of(Catalog.Find(CachedArenaFixture.Broken)!, Sized(request)));
    }

    [Fact]
    public async Task GenerateAsync_DirectCaller_NeverCached()
    {
        var request = Request("What is a volcano? " + Guid.NewGuid().ToString("N")) with { Purpose = GenerationPurpose.Direct };
        await GenerateAsync(CachedArenaFixture.Cached, request);
        var before = await arena.RequestsServedAsync(CachedArenaFixture.Cached);

        var (_, last) = await GenerateAsync(CachedArenaFixture.Cached, request);

        Assert.True(await arena.RequestsServedAsync(CachedArenaFixture.Cached) > before);
        Assert.False(last.Completion!.Cached);
        Assert.Null(await Store.FindAsync(AnswerCacheKey.Of(Catalog.Find(CachedArenaFixture.Cached)!, Sized(request)), CachedArenaFixture.Cached, DateTimeOffset.MinValue));
    }

    [Fact]
    public async Task GenerateAsync_FailedMidAnswer_NotCached()
    {
        var request = Request("Tell me a story. " + Guid.NewGuid().ToString("N"));
        var (_, first) = await GenerateAsync(CachedArenaFixture.Broken, request);
        var before = await arena.RequestsServedAsync(CachedArenaFixture.Broken);

        var (_, second) = await GenerateAsync(CachedArenaFixture.Broken, request);

        Assert.NotNull(first.Error);
        Assert.NotNull(second.Error);
        Assert.True(await arena.RequestsServedAsync(CachedArenaFixture.Broken) > before);
        Assert.Null(await Store.FindAsync(AnswerCacheKey.Of(Catalog.Find(CachedArenaFixture.Broken)!, Sized(request)), CachedArenaFixture.Broken, DateTimeOffset.MinValue));
    }

    [Fact]
    public async Task GenerateAsync_StoppedBeforeTheEnd_NotCached()
    {
        var request = Request("Explain photosynthesis in detail. " + Guid.NewGuid().ToString("N"));
        using var stop = new CancellationTokenSource();
        await foreach (var chunk in arena.Client.GetGrain<IModelGrain>(CachedArenaFixture.Slow).GenerateAsync(request, stop.Token))
        {
            if (chunk.Text.Length > 0)
            {
                await stop.CancelAsync();
                break;
            }
        }

        Assert.Null(await Store.FindAsync(AnswerCacheKey.Of(Catalog.Find(CachedArenaFixture.Slow)!, Sized(request)), CachedArenaFixture.Slow, DateTimeOffset.MinValue));
    }

    [Fact]
    public async Task Store_NewInstanceOnTheSameDatabase_ReadsWhatWasRecorded()
    {
        var request = Request("What is a fjord? " + Guid.NewGuid().ToString("N"));
        var (text, _) = await GenerateAsync(CachedArenaFixture.Cached, request);
        var key = AnswerCacheKey.Of(Catalog.Find(CachedArenaFixture.Cached)!, Sized(request));

        // As a restarted process would: a new store over the same database file.
        var reopened = new AdoNetAnswerCacheStore(Options.Create(Services.GetRequiredService<IOptions<AnswerCacheStoreOptions>>().Value));
        var found = await reopened.FindAsync(key, CachedArenaFixture.Cached, DateTimeOffset.MinValue);

        Assert.NotNull(found);
        Assert.Equal(text, string.Concat(found.Updates.Select(u => u.Text)));
        Assert.Equal("stop", found.FinishReason);
        Assert.Null(await reopened.FindAsync(key, CachedArenaFixture.Cached, found.CreatedAt.AddTicks(1)));
    }

    [Fact]
    public async Task ReplayAsync_RecordedAnswer_EachPieceExactlyAtItsRecordedTimeOnAFakeClock()
    {
        var request = Request("Describe a desert at night. " + Guid.NewGuid().ToString("N"));
        await GenerateAsync(CachedArenaFixture.Cached, request);
        var recorded = await Store.FindAsync(AnswerCacheKey.Of(Catalog.Find(CachedArenaFixture.Cached)!, Sized(request)), CachedArenaFixture.Cached, DateTimeOffset.MinValue);
        Assert.NotNull(recorded);
        Assert.True(recorded.Updates.Count > 3);
        Assert.True(recorded.TimeToFirstTokenMs > 0);

        var clock = new FakeTimeProvider();
        var start = clock.GetTimestamp();
        await using var replay = CachingChatModelClient.ReplayAsync(recorded, clock).GetAsyncEnumerator();
        foreach (var expected in recorded.Updates)
        {
            var next = replay.MoveNextAsync();
            var due = TimeSpan.FromMilliseconds(expected.AtMs) - clock.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                // Not a moment before its time: a microsecond short of it, the piece has not come. A piece
                // due within that microsecond has no such moment left (recorded offsets are real timings).
                if (due > TimeSpan.FromMicroseconds(1))
                {
                    clock.Advance(due - TimeSpan.FromMicroseconds(1));
                }

                Assert.False(next.IsCompleted);

                // At its time, rounded up to the millisecond (timers count whole milliseconds), it has.
                var asked = TimeSpan.FromMilliseconds(expected.AtMs) - due;
                clock.Advance(asked + TimeSpan.FromMilliseconds(Math.Ceiling(due.TotalMilliseconds)) - clock.GetElapsedTime(start));
            }

            Assert.True(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(expected.Text, replay.Current.Text);
            var late = clock.GetElapsedTime(start) - TimeSpan.FromMilliseconds(expected.AtMs);
            Assert.InRange(late, TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        }

        var end = replay.MoveNextAsync();
        var untilEnd = TimeSpan.FromMilliseconds(recorded.EndMs) - clock.GetElapsedTime(start);
        if (untilEnd > TimeSpan.Zero)
        {
            clock.Advance(TimeSpan.FromMilliseconds(Math.Ceiling(untilEnd.TotalMilliseconds)));
        }

        Assert.True(await end.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(replay.Current.Cached);
        Assert.Equal(recorded.OutputTokens, replay.Current.OutputTokens);
        Assert.False(await replay.MoveNextAsync());
    }

    [Fact]
    public void Key_SameQuestion_SameKeyAndAnySettingChangesIt()
    {
        var model = Catalog.Find(CachedArenaFixture.Cached)!;
        var request = Request("Hello") with { MaxOutputTokens = 100 };

        Assert.Equal(AnswerCacheKey.Of(model, request), AnswerCacheKey.Of(model, request with { Messages = [new ChatMessage(ChatRole.User, "Hello")] }));
        Assert.Equal(AnswerCacheKey.Of(model, request), AnswerCacheKey.Of(model, request with { Purpose = GenerationPurpose.NamedBattle }));
        Assert.Equal(64, AnswerCacheKey.Of(model, request).Length);
        string[] others =
        [
            AnswerCacheKey.Of(model, request with { Temperature = 0f }),
            AnswerCacheKey.Of(model, request with { MaxOutputTokens = 101 }),
            AnswerCacheKey.Of(model, request with { Seed = 0 }),
            AnswerCacheKey.Of(model, request with { Messages = [new ChatMessage(ChatRole.Assistant, "Hello")] }),
            AnswerCacheKey.Of(model, request with { Messages = [new ChatMessage(ChatRole.User, "Hello "), ] }),
            AnswerCacheKey.Of(Catalog.Find(CachedArenaFixture.Live)!, request),
        ];
        Assert.DoesNotContain(AnswerCacheKey.Of(model, request), others);
        Assert.Equal(others.Length, others.Distinct().Count());
    }

    private IServiceProvider Services => arena.SiloServices;

    private ModelCatalog Catalog => Services.GetRequiredService<ModelCatalog>();

    private IAnswerCacheStore Store => Services.GetRequiredService<IAnswerCacheStore>();

    private static GenerationRequest Request(string prompt) =>
        new([new ChatMessage(ChatRole.User, prompt)], Purpose: GenerationPurpose.BlindBattle);

    /// <summary>The request as the model grain sends it: with the configured answer length when none is set.</summary>
    private GenerationRequest Sized(GenerationRequest request) =>
        request with { MaxOutputTokens = request.MaxOutputTokens ?? Services.GetRequiredService<IOptions<GenerationOptions>>().Value.MaxOutputTokens };

    private async Task<(string Text, GenerationChunk Final)> GenerateAsync(string model, GenerationRequest request)
    {
        var text = "";
        await foreach (var chunk in arena.Client.GetGrain<IModelGrain>(model).GenerateAsync(request))
        {
            text += chunk.Text;
            if (chunk.IsFinal)
            {
                return (text, chunk);
            }
        }

        throw new InvalidOperationException("The generation ended without a final chunk.");
    }
}
