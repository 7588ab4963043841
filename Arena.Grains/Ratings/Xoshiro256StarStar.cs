namespace Arena.Ratings;

/// <summary>
/// A uniform random source: the draws <see cref="Binomial"/> needs, implemented by value types so the
/// generic samplers inline the generator.
/// </summary>
internal interface IUniformSource
{
    /// <summary>A uniform double in [0, 1).</summary>
    double NextDouble();
}

/// <summary>Adapts <see cref="Random"/> (the public sampling API) to <see cref="IUniformSource"/>.</summary>
internal readonly struct SystemRandomSource(Random random) : IUniformSource
{
    public double NextDouble() => random.NextDouble();
}

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018): 256 bits of state, period 2^256 − 1, four words of state
/// and a handful of shifts per draw. Seeded through SplitMix64 from a seed and a stream number, so each
/// bootstrap round has its own generator whatever thread runs it. A mutable struct: pass it by ref.
/// </summary>
internal struct Xoshiro256StarStar : IUniformSource
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>The generator for stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(int seed, long stream)
    {
        var x = ((ulong)(uint)seed << 32) ^ ((ulong)stream * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1): the top 53 bits.</summary>
    public double NextDouble() => (long)(NextUInt64() >> 11) * (1.0 / (1L << 53)); // Through long: one signed conversion.

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), exactly (Lemire's multiply-and-reject).</summary>
    public ulong NextBelow(ulong bound)
    {
        var high = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0UL - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return high;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
