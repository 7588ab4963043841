using System.Globalization;

namespace Arena.Web.Tests.Moderation;

/// <summary>
/// What reached the simulated models, read from the wire: the embedded VllmSim's own <c>/metrics</c>. Every
/// request a model starts on adds its prompt's tokens to <c>vllm:prompt_tokens_total</c> before its first token
/// is sent, so once a battle has finished the sum over all models (the assistant's included) is final, and a
/// prompt that reached no model leaves it unchanged.
/// </summary>
public sealed class SimulatorWire(Uri simulator)
{
    /// <summary>The prompt tokens the simulator has processed, over every model.</summary>
    public async Task<double> PromptTokensAsync()
    {
        using var http = new HttpClient { BaseAddress = simulator };
        var text = await http.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(l => l.StartsWith("vllm:prompt_tokens_total{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
