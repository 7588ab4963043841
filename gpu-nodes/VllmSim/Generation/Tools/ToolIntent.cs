namespace VllmSim.Generation.Tools;

/// <summary>
/// A tool the message asks for, with the arguments read from it. <paramref name="Missing"/> says what could not
/// be determined (e.g. "the column to aggregate"); such an intent needs the dataset's schema first.
/// </summary>
internal sealed record ToolIntent(string Tool, JsonObject Arguments, string? Missing = null)
{
    public bool Complete => Missing is null;

    public bool SameCall(ToolIntent other) => Tool == other.Tool && JsonNode.DeepEquals(Arguments, other.Arguments);
}
