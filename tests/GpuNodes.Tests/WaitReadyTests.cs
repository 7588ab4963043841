using VllmSim;

namespace GpuNodes.Tests;

/// <summary>wait-ready.sh against real VllmSim servers (two, since each vLLM serves on its own port).</summary>
public sealed class WaitReadyTests : IAsyncLifetime
{
    private RunningSimulator _first = null!;
    private RunningSimulator _second = null!;

    public async Task InitializeAsync()
    {
        _first = await VllmSimServer.StartAsync(new SimulatorOptions(), "http://127.0.0.1:0");
        _second = await VllmSimServer.StartAsync(new SimulatorOptions(), "http://127.0.0.1:0");
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task Exits_zero_when_every_model_answers_health_and_is_listed()
    {
        using var dir = new TempDir();
        var models = dir.Write("models.conf",
            $"id=sim-gpt-4o hf_model=openai/sim port={_first.BaseAddress.Port}\n" +
            $"id=sim-mistral-7b hf_model=mistralai/sim port={_second.BaseAddress.Port}\n");

        var result = await Scripts.BashAsync("wait-ready.sh", ["--timeout", "30", "--interval", "0.1", models]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"ready: sim-gpt-4o at {_first.OpenAIEndpoint}", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"ready: sim-mistral-7b at {_second.OpenAIEndpoint}", result.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("all 2 model(s) ready\n", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_out_naming_the_model_its_server_does_not_serve()
    {
        using var dir = new TempDir();
        var models = dir.Write("models.conf",
            $"id=sim-gpt-4o hf_model=openai/sim port={_first.BaseAddress.Port}\n" +
            $"id=sim-not-served hf_model=nobody/sim port={_second.BaseAddress.Port}\n");

        var result = await Scripts.BashAsync("wait-ready.sh", ["--timeout", "1", "--interval", "0.1", models]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            $"not ready after 1s: model sim-not-served at {_second.OpenAIEndpoint}: GET {_second.BaseAddress}v1/models does not list model 'sim-not-served' (it lists: ",
            result.StdErr,
            StringComparison.Ordinal);
        Assert.DoesNotContain("model sim-gpt-4o at", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_out_naming_the_endpoint_where_nothing_listens()
    {
        using var dir = new TempDir();
        using var closed = Scripts.ClosedPort(out var port);
        var models = dir.Write("models.conf", $"id=sim-llama-3.1-8b hf_model=meta/sim port={port}\n");

        var result = await Scripts.BashAsync("wait-ready.sh", ["--timeout", "1", "--interval", "0.1", models]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            $"not ready after 1s: model sim-llama-3.1-8b at http://127.0.0.1:{port}/v1: GET http://127.0.0.1:{port}/health failed:",
            result.StdErr,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_the_api_key_from_the_environment_and_says_when_it_is_wrong()
    {
        var key = "sim-key-" + Guid.NewGuid().ToString("N");
        await using var guarded = await VllmSimServer.StartAsync(new SimulatorOptions { ApiKey = key }, "http://127.0.0.1:0");
        using var dir = new TempDir();
        var models = dir.Write("models.conf", $"id=sim-qwen-2.5-7b hf_model=qwen/sim port={guarded.BaseAddress.Port}\n");

        var right = await Scripts.BashAsync(
            "wait-ready.sh", ["--timeout", "30", "--interval", "0.1", models], new Dictionary<string, string> { ["ARENA_VLLM_API_KEY"] = key });
        var wrong = await Scripts.BashAsync(
            "wait-ready.sh", ["--timeout", "1", "--interval", "0.1", models], new Dictionary<string, string> { ["ARENA_VLLM_API_KEY"] = "not-" + key });

        Assert.True(right.ExitCode == 0, right.ToString());
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("v1/models answered 401: set ARENA_VLLM_API_KEY to the key vLLM was started with", wrong.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(key, right.StdOut + right.StdErr + wrong.StdOut + wrong.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_invalid_models_file_before_polling()
    {
        using var dir = new TempDir();
        var models = dir.Write("models.conf", "id=a hf_model=x/a port=8000\nid=b hf_model=x/b port=8000\n");

        var result = await Scripts.BashAsync("wait-ready.sh", ["--timeout", "30", models]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(models + ":2: duplicate port 8000", result.StdErr, StringComparison.Ordinal);
    }
}
