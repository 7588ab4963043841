using System.Text.Json.Nodes;
using VllmSim.Tests.Infrastructure;

namespace VllmSim.Tests.Wire;

[Collection(SimulatorCollection.Name)]
public sealed class StreamingWireTests(SimulatorFixture fixture)
{
    [Fact]
    public async Task ChatStream_WithoutUsage_SendsRoleThenContentThenFinishThenDone()
    {
        var events = await Sse.StreamAsync(fixture.Http, Sse.Body("sim-llama-3.1-8b", "Why is the sky blue?", stream: true));

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!.AsObject()).ToList();
        Assert.All(chunks, c =>
        {
            Assert.Equal("chat.completion.chunk", (string?)c["object"]);
            Assert.StartsWith("chatcmpl-", (string?)c["id"], StringComparison.Ordinal);
            Assert.Equal("sim-llama-3.1-8b", (string?)c["model"]);
            Assert.False(c.ContainsKey("usage"));
        });
        Assert.Single(chunks.Select(c => (string?)c["id"]).Distinct());

        var first = chunks[0]["choices"]![0]!;
        Assert.Equal("assistant", (string?)first["delta"]!["role"]);
        Assert.Equal("", (string?)first["delta"]!["content"]);
        Assert.Null(first["finish_reason"]);

        var content = chunks[1..^1];
        Assert.True(content.Count > 10);
        Assert.All(content, c =>
        {
            Assert.Null(c["choices"]![0]!["finish_reason"]);
            Assert.False(string.IsNullOrEmpty((string?)c["choices"]![0]!["delta"]!["content"]));
        });

        var last = chunks[^1]["choices"]![0]!;
        Assert.Equal("stop", (string?)last["finish_reason"]);
        Assert.Empty(last["delta"]!.AsObject());
    }

    [Fact]
    public async Task ChatStream_WithIncludeUsage_EveryChunkHasNullUsageAndUsageChunkComesLast()
    {
        var body = Sse.Body("sim-qwen-2.5-7b", "How do I learn to play guitar?", stream: true, new { stream_options = new { include_usage = true } });
        var events = await Sse.StreamAsync(fixture.Http, body);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!.AsObject()).ToList();
        Assert.All(chunks[..^1], c =>
        {
            Assert.True(c.ContainsKey("usage"));
            Assert.Null(c["usage"]);
        });

        var usageChunk = chunks[^1];
        Assert.Empty(usageChunk["choices"]!.AsArray());
        var usage = usageChunk["usage"]!;
        var contentTokens = chunks.Count(c => c["choices"]!.AsArray().Count > 0 && c["choices"]![0]!["delta"]!["content"] is { } s && (string?)s != "");
        Assert.Equal(contentTokens, (int)usage["completion_tokens"]!);
        Assert.True((int)usage["prompt_tokens"]! > 0);
        Assert.Equal((int)usage["prompt_tokens"]! + contentTokens, (int)usage["total_tokens"]!);
        Assert.Equal("stop", (string?)chunks[^2]["choices"]![0]!["finish_reason"]);
    }

    [Fact]
    public async Task ChatStream_MaxTokens_StopsAtLimitWithFinishReasonLength()
    {
        var body = Sse.Body("sim-gpt-4o", "Explain how photosynthesis works in plants.", stream: true, new { max_tokens = 5 });
        var events = await Sse.StreamAsync(fixture.Http, body);

        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.Equal(5, chunks.Count(c => c["choices"]![0]!["delta"]!["content"] is { } s && (string?)s != ""));
        Assert.Equal("length", (string?)chunks[^1]["choices"]![0]!["finish_reason"]);
    }

    [Fact]
    public async Task ChatStream_StopString_TruncatesBeforeItAndReportsStopReason()
    {
        var full = await Sse.StreamAsync(fixture.Http, Sse.Body("sim-gpt-4o", "Tell me about coffee brewing", stream: true, new { seed = 3 }));
        var fullText = Text(full);
        Assert.Contains("###", fullText, StringComparison.Ordinal);

        var cut = await Sse.StreamAsync(fixture.Http, Sse.Body("sim-gpt-4o", "Tell me about coffee brewing", stream: true, new { seed = 3, stop = new[] { "###" } }));
        var cutText = Text(cut);
        Assert.Equal(fullText[..fullText.IndexOf("###", StringComparison.Ordinal)], cutText);
        var final = JsonNode.Parse(cut[^2])!["choices"]![0]!;
        Assert.Equal("stop", (string?)final["finish_reason"]);
        Assert.Equal("###", (string?)final["stop_reason"]);
    }

    internal static string Text(List<string> events) => string.Concat(events
        .Where(e => e != "[DONE]")
        .Select(e => JsonNode.Parse(e)!["choices"]!.AsArray())
        .Where(c => c.Count > 0)
        .Select(c => (string?)c[0]!["delta"]!["content"] ?? ""));
}
