using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Arena.Models;

/// <summary>
/// Probes an OpenAI-compatible endpoint: vLLM (and VllmSim) answer <c>GET /health</c>; every provider
/// lists its models at <c>GET /v1/models</c>, which must include the served model name.
/// </summary>
public sealed class HttpModelProbe(IHttpClientFactory httpClients) : IModelProbe
{
    public const string HttpClientName = "arena-model-probe";

    public async Task<string?> ProbeAsync(ModelDefinition model, Uri endpoint, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        var baseUrl = endpoint.ToString().TrimEnd('/');
        try
        {
            if (model.Provider == "vllm")
            {
                var root = baseUrl.EndsWith("/v1", StringComparison.Ordinal) ? baseUrl[..^3] : baseUrl;
                using var health = await http.GetAsync(new Uri(root + "/health"), cancellationToken);
                if (!health.IsSuccessStatusCode)
                {
                    return $"/health answered {(int)health.StatusCode}";
                }
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl + "/models"));
            if (ModelApiKey.Read(model) is { } key)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return $"/v1/models answered {(int)response.StatusCode}";
            }

            var list = await response.Content.ReadFromJsonAsync<ModelList>(cancellationToken);
            return list?.Data?.Any(m => m.Id == model.ServedName) == true
                ? null
                : $"/v1/models does not list {model.ServedName}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "the probe timed out";
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return ex is OperationCanceledException ? "the probe timed out" : $"probe failed: {ex.Message}";
        }
    }

    private sealed record ModelList([property: JsonPropertyName("data")] List<ModelEntry>? Data);

    private sealed record ModelEntry([property: JsonPropertyName("id")] string Id);
}
