using System.Globalization;
using VllmSim;

namespace Arena.Benchmarks;

/// <summary>
/// VllmSim outside Arena's process, with fixed latencies (100 ms to first token, 12 ms a token, no jitter, 200-token
/// answers), serving two models; and the settings that point an Arena.Web process at it instead of its embedded simulator.
/// </summary>
public static class BenchSimulator
{
    public const int AnswerTokens = 200;

    public static readonly string[] Models = ["bench-a", "bench-b"];

    public static Task<RunningSimulator> StartAsync(int maxNumSeqs = 4096, int answerTokens = AnswerTokens) => VllmSimServer.StartAsync(new SimulatorOptions
    {
        Models = [.. Models.Select(id => new SimModelOptions
        {
            Id = id, Style = AnswerStyles.Chatty, TtftMs = 100, TtftStdMs = 0, InterTokenMs = 12, InterTokenStdMs = 0,
            MaxTokens = answerTokens, MaxModelLen = 1 << 20,
        })],
        MaxNumSeqs = maxNumSeqs,
        MaxWaiting = 1 << 16,
    });

    /// <summary>Arena.Web arguments: no embedded simulator, the two models at <paramref name="simulator"/>, answers cut at <paramref name="answerTokens"/> tokens.</summary>
    public static string[] ArenaSettings(RunningSimulator simulator, int answerTokens = AnswerTokens) =>
        ArenaSettings(simulator.OpenAIEndpoint, answerTokens);

    /// <summary>Arena.Web arguments for the two models served at <paramref name="endpoint"/> (the simulator's, or a relay's in front of it).</summary>
    public static string[] ArenaSettings(Uri endpoint, int answerTokens = AnswerTokens) =>
    [
        "--Arena:Simulator:Enabled=false",
        $"--Arena:Generation:MaxOutputTokens={answerTokens.ToString(CultureInfo.InvariantCulture)}",
        .. Models.SelectMany((id, i) => new[]
        {
            $"--Arena:Models:{i.ToString(CultureInfo.InvariantCulture)}:Id={id}",
            $"--Arena:Models:{i.ToString(CultureInfo.InvariantCulture)}:Provider=vllm",
            $"--Arena:Models:{i.ToString(CultureInfo.InvariantCulture)}:BaseUrl={endpoint}",
            $"--Arena:Models:{i.ToString(CultureInfo.InvariantCulture)}:MaxConcurrency=4096",
        }),
    ];
}
