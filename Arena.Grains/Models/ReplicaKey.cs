namespace Arena.Models;

/// <summary>
/// One replica of a model: the model id, and the GPU node that serves it, or none for a model reached
/// at a configured base URL (any silo may call it). The ModelGrain key is <c>model</c> or <c>model@node</c>.
/// </summary>
public readonly record struct ReplicaKey(string ModelId, string? Node)
{
    public string GrainKey => Node is null ? ModelId : $"{ModelId}@{Node}";

    public static ReplicaKey Parse(string grainKey)
    {
        var at = grainKey.LastIndexOf('@');
        return at <= 0 || at == grainKey.Length - 1
            ? new ReplicaKey(grainKey, null)
            : new ReplicaKey(grainKey[..at], grainKey[(at + 1)..]);
    }

    public override string ToString() => GrainKey;
}
