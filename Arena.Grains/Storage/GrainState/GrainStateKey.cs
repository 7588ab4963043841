namespace Arena.Storage.GrainState;

/// <summary>
/// The natural key of a grain's stored state in <c>arena_grain_state</c>: a Guid key as its two halves (little-endian
/// bytes 0–7 and 8–15), an integer key in <c>grain_id_n1</c>, and a string key, or a key extension, in
/// <c>grain_id_ext</c> ('' when there is none). Rows written by Orleans' ADO.NET provider have the same key.
/// </summary>
internal readonly record struct GrainStateKey(string ServiceId, string StateName, long N0, long N1, string Extension)
{
    public static GrainStateKey Of(string serviceId, string stateName, GrainId grainId)
    {
        if (stateName.Contains('`', StringComparison.Ordinal))
        {
            // Orleans' provider rewrote generic type names; Arena's states have plain names and keep them as they are.
            throw new ArgumentException($"State name '{stateName}' is a generic type name; name the state plainly.", nameof(stateName));
        }

        if (grainId.TryGetGuidKey(out var guid, out var extension))
        {
            Span<byte> bytes = stackalloc byte[16];
            guid.TryWriteBytes(bytes);
            return new GrainStateKey(serviceId, stateName, BitConverter.ToInt64(bytes[..8]), BitConverter.ToInt64(bytes[8..]), extension ?? "");
        }

        if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            return new GrainStateKey(serviceId, stateName, 0, integer, extension ?? "");
        }

        return new GrainStateKey(serviceId, stateName, 0, 0, grainId.Key.ToString());
    }

    public override string ToString() => $"{StateName} of {N0}/{N1}/{Extension}";
}
