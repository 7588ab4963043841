using System.Text;

namespace Arena.Assistant;

/// <summary>
/// Puts streamed tool calls back together: pieces carry the call's index; the first piece of a call
/// usually carries its id and name, and later ones more of its JSON arguments.
/// </summary>
public sealed class ToolCallAssembler
{
    private readonly SortedDictionary<int, Call> _calls = [];

    public int Count => _calls.Count;

    public void Add(ToolCallDelta delta)
    {
        if (!_calls.TryGetValue(delta.Index, out var call))
        {
            _calls[delta.Index] = call = new Call();
        }

        if (!string.IsNullOrEmpty(delta.Id))
        {
            call.Id = delta.Id;
        }

        if (!string.IsNullOrEmpty(delta.Name))
        {
            call.Name = delta.Name; // servers send a call's name whole, in one piece
        }

        call.Arguments.Append(delta.ArgumentsFragment);
    }

    /// <summary>The calls in index order; a call the server sent no id for gets one of ours.</summary>
    public IReadOnlyList<RequestedToolCall> Build() =>
        _calls.Select(c => new RequestedToolCall(
            c.Value.Id ?? $"call_{c.Key}",
            c.Value.Name,
            c.Value.Arguments.ToString())).ToArray();

    private sealed class Call
    {
        public string? Id { get; set; }

        public string Name { get; set; } = "";

        public StringBuilder Arguments { get; } = new();
    }
}
