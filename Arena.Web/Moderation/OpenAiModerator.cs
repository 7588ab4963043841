using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Arena.Web.Moderation;

/// <summary>
/// OpenAI's moderation endpoint: <c>POST {BaseUrl}/v1/moderations</c> with <c>{"model", "input"}</c> and a bearer
/// key; the prompt is flagged when <c>results[0].flagged</c> is true, in the categories that are true. A failed,
/// unreadable or late answer throws <see cref="ModerationUnavailableException"/>.
/// </summary>
public sealed class OpenAiModerator(IHttpClientFactory httpClients, IOptions<ModerationOptions> options, TimeProvider time, string apiKey) : IPromptModerator
{
    public const string SourceName = "openai";

    /// <summary>The named <see cref="HttpClient"/> the checks use.</summary>
    public const string HttpClientName = "arena-moderation-openai";

    public string Source => SourceName;

    public string Description => "OpenAI's moderation";

    public async ValueTask<ModerationVerdict> CheckAsync(string prompt, CancellationToken cancellationToken)
    {
        var o = options.Value.OpenAi;
        using var timeout = new CancellationTokenSource(o.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(o.BaseUrl.TrimEnd('/') + "/"), "v1/moderations"))
        {
            Content = JsonContent.Create(new ModerationRequest(o.Model, prompt)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw Unavailable($"the endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(linked.Token), default, linked.Token);
            return Read(body.RootElement);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable($"no answer within {o.Timeout.TotalSeconds:0.###} s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw Unavailable($"the request failed ({ex.HttpRequestError})", ex);
        }
        catch (JsonException ex)
        {
            throw Unavailable("the answer is not JSON", ex);
        }
    }

    /// <summary>Reads <c>results[0].flagged</c> and the names of the categories that are true.</summary>
    private ModerationVerdict Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array || results.GetArrayLength() == 0
            || results[0].ValueKind != JsonValueKind.Object
            || !results[0].TryGetProperty("flagged", out var flagged) || flagged.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Unavailable("the answer has no results[0].flagged");
        }

        if (!flagged.GetBoolean())
        {
            return ModerationVerdict.Allowed;
        }

        var categories = results[0].TryGetProperty("categories", out var c) && c.ValueKind == JsonValueKind.Object
            ? c.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.True).Select(p => p.Name).Order(StringComparer.Ordinal).ToArray()
            : [];
        return ModerationVerdict.FlaggedIn(categories);
    }

    private static ModerationUnavailableException Unavailable(string reason, Exception? inner = null) => new(SourceName, reason, inner);

    private sealed record ModerationRequest(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("input")] string Input);
}
