using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;

namespace Arena.Models;

/// <summary>
/// Groups a model's token updates into batches: a token that arrives after a quiet spell goes out at
/// once, later ones wait at most <c>interval</c> or until <c>maxTokens</c> are pending. This bounds the
/// event rate on Orleans streams without delaying the first token.
/// </summary>
public static class TokenBatcher
{
    /// <summary>A batch of text; the last batch of a stream also carries the updates that ended it.</summary>
    public readonly record struct Batch(string Text, int Tokens, bool Last, ModelUpdate? Final);

    public static async IAsyncEnumerable<Batch> ReadBatchesAsync(
        ChannelReader<ModelUpdate> reader,
        TimeSpan interval,
        int maxTokens,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pending = new Pending();
        long? lastFlush = null;
        var open = true;

        while (open)
        {
            open = await reader.WaitToReadAsync(cancellationToken);
            pending.Drain(reader);
            if (pending.Tokens == 0 && open)
            {
                continue;
            }

            // Hold back while the last flush is recent, unless the batch is full or the stream ended.
            while (open && pending.Tokens < maxTokens && lastFlush is { } last && interval - time.GetElapsedTime(last) is var remaining && remaining > TimeSpan.Zero)
            {
                var more = reader.WaitToReadAsync(cancellationToken).AsTask();
                var due = Task.Delay(remaining, time, cancellationToken);
                if (await Task.WhenAny(more, due) == more)
                {
                    open = await more;
                    pending.Drain(reader);
                }
            }

            if (pending.Tokens > 0 || !open)
            {
                yield return pending.Take(last: !open);
                lastFlush = time.GetTimestamp();
            }
        }
    }

    private sealed class Pending
    {
        private readonly StringBuilder _text = new();
        private ModelUpdate? _final;

        public int Tokens { get; private set; }

        public void Drain(ChannelReader<ModelUpdate> reader)
        {
            while (reader.TryRead(out var update))
            {
                if (update.Text.Length > 0)
                {
                    _text.Append(update.Text);
                    Tokens++;
                }

                if (update.FinishReason is not null || update.Error is not null || update.InputTokens is not null)
                {
                    _final = new ModelUpdate(
                        "",
                        update.FinishReason ?? _final?.FinishReason,
                        update.InputTokens ?? _final?.InputTokens,
                        update.OutputTokens ?? _final?.OutputTokens,
                        update.Error ?? _final?.Error,
                        update.Cached || _final?.Cached == true);
                }
            }
        }

        public Batch Take(bool last)
        {
            var batch = new Batch(_text.ToString(), Tokens, last, last ? _final : null);
            _text.Clear();
            Tokens = 0;
            return batch;
        }
    }
}
