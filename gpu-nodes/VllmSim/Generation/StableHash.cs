using System.Text;

namespace VllmSim.Generation;

/// <summary>FNV-1a over UTF-8: the same text gives the same seed in every process (unlike string.GetHashCode).</summary>
internal static class StableHash
{
    public static ulong Of(params string[] parts)
    {
        var hash = 14695981039346656037UL;
        foreach (var part in parts)
        {
            foreach (var b in Encoding.UTF8.GetBytes(part))
            {
                hash = (hash ^ b) * 1099511628211UL;
            }

            hash = (hash ^ 0x1F) * 1099511628211UL;
        }

        return hash;
    }

    public static int ToSeed(ulong hash) => (int)(hash ^ (hash >> 32));
}
