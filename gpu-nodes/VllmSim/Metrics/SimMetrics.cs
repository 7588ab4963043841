using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using VllmSim.Scheduling;

namespace VllmSim.Metrics;

/// <summary>Counters and histograms under vLLM's metric names, rendered in the Prometheus text format.</summary>
internal sealed class SimMetrics(ModelRegistry registry)
{
    // Bucket bounds as in vLLM's v1 Prometheus logger.
    private static readonly double[] TtftBuckets = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0];
    private static readonly double[] ItlBuckets = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0];
    private static readonly double[] E2eBuckets = [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0];

    private readonly ConcurrentDictionary<string, ModelMetrics> _byModel = new(StringComparer.Ordinal);

    public ModelMetrics For(string model) => _byModel.GetOrAdd(model, _ => new ModelMetrics());

    public string Render()
    {
        var sb = new StringBuilder();
        var models = registry.All.Select(m => (m.Options.Id, m.Scheduler, Metrics: For(m.Options.Id))).ToList();

        Header(sb, "vllm:num_requests_running", "gauge", "Number of requests in model execution batches.");
        foreach (var m in models)
        {
            sb.Append(CultureInfo.InvariantCulture, $"vllm:num_requests_running{{{Labels(m.Id)}}} {m.Scheduler.Running}.0\n");
        }

        Header(sb, "vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.");
        foreach (var m in models)
        {
            sb.Append(CultureInfo.InvariantCulture, $"vllm:num_requests_waiting{{{Labels(m.Id)}}} {m.Scheduler.Waiting}.0\n");
        }

        Counter(sb, models, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", x => x.PromptTokens);
        Counter(sb, models, "vllm:generation_tokens_total", "Number of generation tokens processed.", x => x.GenerationTokens);

        Header(sb, "vllm:request_success_total", "counter", "Count of successfully processed requests.");
        foreach (var m in models)
        {
            foreach (var (reason, count) in m.Metrics.SuccessByReason.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                sb.Append(CultureInfo.InvariantCulture, $"vllm:request_success_total{{{Labels(m.Id)},finished_reason=\"{reason}\"}} {count}.0\n");
            }
        }

        HistogramBlock(sb, models, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", x => x.Ttft);
        HistogramBlock(sb, models, "vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", x => x.InterToken);
        HistogramBlock(sb, models, "vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", x => x.E2e);
        return sb.ToString();
    }

    private static void Counter(StringBuilder sb, List<(string Id, ModelScheduler Scheduler, ModelMetrics Metrics)> models, string name, string help, Func<ModelMetrics, long> value)
    {
        Header(sb, name, "counter", help);
        foreach (var m in models)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{name}{{{Labels(m.Id)}}} {value(m.Metrics)}.0\n");
        }
    }

    private static void HistogramBlock(StringBuilder sb, List<(string Id, ModelScheduler Scheduler, ModelMetrics Metrics)> models, string name, string help, Func<ModelMetrics, Histogram> histogram)
    {
        Header(sb, name, "histogram", help);
        foreach (var m in models)
        {
            histogram(m.Metrics).Write(sb, name, Labels(m.Id));
        }
    }

    private static void Header(StringBuilder sb, string name, string type, string help) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static string Labels(string model) => $"engine=\"0\",model_name=\"{model.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    /// <summary>One model's running totals.</summary>
    internal sealed class ModelMetrics
    {
        private long _promptTokens;
        private long _generationTokens;

        public long PromptTokens => Interlocked.Read(ref _promptTokens);

        public long GenerationTokens => Interlocked.Read(ref _generationTokens);

        public ConcurrentDictionary<string, long> SuccessByReason { get; } = new(StringComparer.Ordinal);

        public Histogram Ttft { get; } = new(TtftBuckets);

        public Histogram InterToken { get; } = new(ItlBuckets);

        public Histogram E2e { get; } = new(E2eBuckets);

        public void AddPromptTokens(int count) => Interlocked.Add(ref _promptTokens, count);

        public void AddGenerationTokens(int count) => Interlocked.Add(ref _generationTokens, count);

        public void Succeeded(string finishReason) => SuccessByReason.AddOrUpdate(finishReason, 1, (_, n) => n + 1);
    }
}
