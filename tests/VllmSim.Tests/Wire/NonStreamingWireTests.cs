using System.Net;
using System.Text.Json.Nodes;
using VllmSim.Tests.Infrastructure;

namespace VllmSim.Tests.Wire;

[Collection(SimulatorCollection.Name)]
public sealed class NonStreamingWireTests(SimulatorFixture fixture)
{
    [Fact]
    public async Task ChatCompletion_NonStreaming_ReturnsVllmShape()
    {
        using var response = await fixture.Http.SendAsync(Sse.ChatRequest(Sse.Body("sim-mistral-7b", "What is Kubernetes?", stream: false)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.StartsWith("chatcmpl-", (string?)body["id"], StringComparison.Ordinal);
        Assert.Equal("chat.completion", (string?)body["object"]);
        Assert.True((long)body["created"]! > 1_600_000_000);
        Assert.Equal("sim-mistral-7b", (string?)body["model"]);
        var choice = body["choices"]!.AsArray().Single()!;
        Assert.Equal(0, (int)choice["index"]!);
        Assert.Equal("assistant", (string?)choice["message"]!["role"]);
        Assert.Contains("kubernetes", ((string?)choice["message"]!["content"])!, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(choice["message"]!["tool_calls"]!.AsArray());
        Assert.True(choice.AsObject().ContainsKey("logprobs"));
        Assert.Null(choice["logprobs"]);
        Assert.Equal("stop", (string?)choice["finish_reason"]);
        var usage = body["usage"]!;
        Assert.Equal((int)usage["prompt_tokens"]! + (int)usage["completion_tokens"]!, (int)usage["total_tokens"]!);
        Assert.True((int)usage["completion_tokens"]! > 0);
    }

    [Fact]
    public async Task Models_List_ReturnsVllmModelCards()
    {
        var body = JsonNode.Parse(await fixture.Http.GetStringAsync("/v1/models"))!;

        Assert.Equal("list", (string?)body["object"]);
        var cards = body["data"]!.AsArray();
        Assert.Equal(
            ["sim-gpt-4o", "sim-llama-3.1-8b", "sim-mistral-7b", "sim-qwen-2.5-7b", "sim-assistant"],
            cards.Select(c => (string?)c!["id"]));
        Assert.All(cards, c =>
        {
            Assert.Equal("model", (string?)c!["object"]);
            Assert.Equal("vllm", (string?)c["owned_by"]);
            Assert.Equal((string?)c["id"], (string?)c["root"]);
            Assert.True(c.AsObject().ContainsKey("parent"));
            Assert.Null(c["parent"]);
            Assert.True((int)c["max_model_len"]! > 0);
        });
    }

    [Fact]
    public async Task Health_Get_Returns200WithEmptyBody()
    {
        using var response = await fixture.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Version_Get_ReturnsVersion()
    {
        var body = JsonNode.Parse(await fixture.Http.GetStringAsync("/version"))!;

        Assert.False(string.IsNullOrEmpty((string?)body["version"]));
    }

    [Fact]
    public async Task Metrics_AfterRequests_ExposeVllmNamesWithModelLabel()
    {
        using var _ = await fixture.Http.SendAsync(Sse.ChatRequest(Sse.Body("sim-llama-3.1-8b", "Hello there", stream: false)));

        var text = await fixture.Http.GetStringAsync("/metrics");

        string[] names =
        [
            "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:time_to_first_token_seconds_bucket",
            "vllm:inter_token_latency_seconds_bucket", "vllm:e2e_request_latency_seconds_count", "vllm:prompt_tokens_total",
            "vllm:generation_tokens_total", "vllm:request_success_total",
        ];
        Assert.All(names, n => Assert.Contains(n + "{", text, StringComparison.Ordinal));
        Assert.Contains("# TYPE vllm:time_to_first_token_seconds histogram", text, StringComparison.Ordinal);
        var success = text.Split('\n').Single(l => l.StartsWith("vllm:request_success_total{", StringComparison.Ordinal)
            && l.Contains("model_name=\"sim-llama-3.1-8b\"", StringComparison.Ordinal) && l.Contains("finished_reason=\"stop\"", StringComparison.Ordinal));
        Assert.True(double.Parse(success.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }
}
