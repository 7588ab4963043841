using System.Net;

namespace Arena.Web.Tests.Hosting;

/// <summary>Requests to operator endpoints, with the key every test host is started with (<see cref="ArenaWebFactory"/>).</summary>
public static class OperatorRequests
{
    public const string Key = "test-operator-key";
    public const string Header = "X-Operator-Key";

    /// <summary>A GET that carries the operator key.</summary>
    public static async Task<HttpResponseMessage> GetAsOperatorAsync(this HttpClient http, string path, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(Header, Key);
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>The body of a GET with the operator key, which must answer 200.</summary>
    public static async Task<string> GetStringAsOperatorAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsOperatorAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} with the operator key answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>A client whose every request carries the operator key.</summary>
    public static HttpClient CreateOperatorClient(this ArenaWebFactory factory)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add(Header, Key);
        return http;
    }
}
