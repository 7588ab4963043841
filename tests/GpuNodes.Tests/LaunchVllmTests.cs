namespace GpuNodes.Tests;

public sealed class LaunchVllmTests
{
    private static readonly string _apiKey = "test-key-" + Guid.NewGuid().ToString("N");

    private static Dictionary<string, string> WithKey => new() { ["ARENA_VLLM_API_KEY"] = _apiKey };

    [Fact]
    public async Task DryRun_prints_the_exact_vllm_command_of_each_model_and_never_the_key()
    {
        var result = await Scripts.BashAsync("launch-vllm.sh", ["--dry-run", Scripts.ExampleModels], WithKey);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                "CUDA_VISIBLE_DEVICES=0 vllm serve meta-llama/Llama-3.1-8B-Instruct --served-model-name llama-3.1-8b-instruct"
                    + " --host 127.0.0.1 --port 8000 --gpu-memory-utilization 0.90 --max-model-len 8192"
                    + " --tensor-parallel-size 1 --max-num-seqs 64 --api-key ***",
                "CUDA_VISIBLE_DEVICES=1,2 vllm serve Qwen/Qwen2.5-14B-Instruct --served-model-name qwen-2.5-14b-instruct"
                    + " --host 127.0.0.1 --port 8001 --gpu-memory-utilization 0.92 --max-model-len 16384"
                    + " --tensor-parallel-size 2 --max-num-seqs 128 --api-key ***",
            ],
            result.OutLines);
        Assert.DoesNotContain(_apiKey, result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_applies_defaults_and_quotes_words_the_shell_would_split()
    {
        using var dir = new TempDir();
        var models = dir.Write("models.conf", "id=tiny hf_model=/srv/models/it's-tiny port=9000\n");

        var result = await Scripts.BashAsync(
            "launch-vllm.sh", ["--dry-run", "--host", "0.0.0.0", "--vllm", "/opt/my venv/bin/vllm", models], WithKey);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                "'/opt/my venv/bin/vllm' serve '/srv/models/it'\\''s-tiny' --served-model-name tiny --host 0.0.0.0 --port 9000"
                    + " --gpu-memory-utilization 0.90 --tensor-parallel-size 1 --max-num-seqs 64 --api-key ***",
            ],
            result.OutLines);
    }

    [Fact]
    public async Task DryRun_of_one_model_prints_only_that_model()
    {
        var result = await Scripts.BashAsync(
            "launch-vllm.sh", ["--dry-run", "--model", "qwen-2.5-14b-instruct", Scripts.ExampleModels], WithKey);

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.OutLines);
        Assert.Contains(" --served-model-name qwen-2.5-14b-instruct ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_not_in_the_file_is_refused()
    {
        var result = await Scripts.BashAsync(
            "launch-vllm.sh", ["--dry-run", "--model", "no-such-model", Scripts.ExampleModels], WithKey);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("model 'no-such-model' is not in", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_api_key_variable_nothing_is_started()
    {
        var result = await Scripts.BashAsync("launch-vllm.sh", ["--vllm", "/bin/false", Scripts.ExampleModels]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("the API key variable ARENA_VLLM_API_KEY is empty", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public async Task SiloEnv_prints_the_node_model_lines_matching_the_vllm_commands()
    {
        var result = await Scripts.BashAsync("launch-vllm.sh", ["--silo-env", Scripts.ExampleModels]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                "Arena__Node__Models__0__Id=llama-3.1-8b-instruct",
                "Arena__Node__Models__0__Endpoint=http://127.0.0.1:8000/v1",
                "Arena__Node__Models__0__MaxConcurrency=64",
                "Arena__Node__Models__1__Id=qwen-2.5-14b-instruct",
                "Arena__Node__Models__1__Endpoint=http://127.0.0.1:8001/v1",
                "Arena__Node__Models__1__MaxConcurrency=96",
            ],
            result.OutLines);
    }

    [Fact]
    public async Task SiloEnv_for_vllm_on_all_interfaces_still_points_the_silo_at_loopback_and_can_write_a_file()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "models.env");

        var result = await Scripts.BashAsync(
            "launch-vllm.sh", ["--silo-env", "--host", "0.0.0.0", "--output", output, Scripts.ExampleModels]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StdOut);
        Assert.Contains("Arena__Node__Models__1__Endpoint=http://127.0.0.1:8001/v1", File.ReadAllLines(output));
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "id=a hf_model=x/a port=8000\nid=b hf_model=x/b port=8000\n", ":2: duplicate port 8000 (already used on line 1)" },
        { "id=a hf_model=x/a port=8000\n\n# a comment\nid=a hf_model=x/b port=8001\n", ":4: duplicate id 'a' (already on line 1)" },
        { "id=a port=8000\n", ":1: missing required field 'hf_model'" },
        { "# no port\nid=a hf_model=x/a\n", ":2: missing required field 'port'" },
        { "hf_model=x/a port=8000\n", ":1: missing required field 'id'" },
        { "id=a hf_model=x/a port=8000\nid=b hf_model=x/b port=8001 colour=red\n", ":2: unknown field 'colour'" },
        { "id=a hf_model=x/a port=80a0\n", ":1: port must be a whole number from 1 to 65535, got '80a0'" },
        { "id=a hf_model=x/a port=70000\n", ":1: port must be a whole number from 1 to 65535, got '70000'" },
        { "id=a hf_model=x/a port=8000 max_num_seqs=lots\n", ":1: max_num_seqs must be a whole number of at least 1, got 'lots'" },
        { "id=a hf_model=x/a port=8000 max_model_len=8k\n", ":1: max_model_len must be a whole number of at least 1, got '8k'" },
        { "id=a hf_model=x/a port=8000 gpu_memory_utilization=high\n", ":1: gpu_memory_utilization must be a number greater than 0 and at most 1, got 'high'" },
        { "id=a hf_model=x/a port=8000 gpu_memory_utilization=1.5\n", ":1: gpu_memory_utilization must be greater than 0 and at most 1, got '1.5'" },
        { "id=a hf_model=x/a port=8000 stray\n", ":1: expected key=value, got 'stray'" },
        { "id=a hf_model=x/a port=8000 port=8001\n", ":1: field 'port' appears twice" },
        { "id=org/a hf_model=x/a port=8000\n", ":1: id 'org/a' is not valid" },
        { "id=a hf_model=x/a port=8000 tensor_parallel_size=2 gpus=0\n", ":1: tensor_parallel_size 2 needs that many GPUs, but gpus lists 1" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_models_file_fails_with_a_message_naming_the_line(string content, string expected)
    {
        using var dir = new TempDir();
        var models = dir.Write("models.conf", content);

        var result = await Scripts.BashAsync("launch-vllm.sh", ["--dry-run", models], WithKey);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(models + expected, result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public async Task A_file_without_models_is_refused()
    {
        using var dir = new TempDir();
        var models = dir.Write("models.conf", "# nothing yet\n\n");

        var result = await Scripts.BashAsync("launch-vllm.sh", ["--silo-env", models]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no models", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_mode_starts_one_process_per_model_with_the_key_and_stops_the_rest_when_one_exits()
    {
        using var dir = new TempDir();
        // A stand-in for vllm that records its arguments; the first model's exits at once, the other's would run
        // for 5 minutes, so the run ending within the bounded wait shows the launcher stopped it.
        var fake = dir.Write("fake-vllm", "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" > \"" + dir.Path + "/args-$4\"\n[ \"$4\" = first ] || exec sleep 300\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var models = dir.Write("models.conf", "id=first hf_model=x/a port=8000\nid=second hf_model=x/b port=8001\n");

        var result = await Scripts.BashAsync("launch-vllm.sh", ["--vllm", fake, models], WithKey, TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("vLLM for first exited with status 0; stopping the others", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(
            $"serve x/a --served-model-name first --host 127.0.0.1 --port 8000 --gpu-memory-utilization 0.90 --tensor-parallel-size 1 --max-num-seqs 64 --api-key {_apiKey}",
            File.ReadAllText(Path.Combine(dir.Path, "args-first")).Trim());
        Assert.DoesNotContain(_apiKey, result.StdOut + result.StdErr, StringComparison.Ordinal);
    }
}
