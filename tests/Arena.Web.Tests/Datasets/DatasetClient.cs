using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Arena.Web.Tests.Api;

namespace Arena.Web.Tests.Datasets;

/// <summary>The dataset API as one session sees it.</summary>
public sealed class DatasetClient(HttpClient http)
{
    public const string Path = "/api/sessions/me/datasets";

    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> UploadAsync(string fileName, byte[] content, string field = "file")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, field, fileName);
        return Http.PostAsync(Path, form);
    }

    public Task<HttpResponseMessage> UploadAsync(string fileName, string csv) => UploadAsync(fileName, Encoding.UTF8.GetBytes(csv));

    /// <summary>Uploads and expects 201; returns the dataset's JSON.</summary>
    public async Task<JsonElement> UploadOkAsync(string fileName, string csv)
    {
        using var response = await UploadAsync(fileName, csv);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"The upload answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public async Task<JsonElement> ListAsync()
    {
        using var response = await Http.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("datasets");
    }

    public async Task<string[]> NamesAsync() => [.. (await ListAsync()).EnumerateArray().Select(d => d.GetProperty("name").GetString()!)];

    public async Task<JsonElement> GetAsync(string id)
    {
        using var response = await Http.GetAsync($"{Path}/{id}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static Task<ProblemView> ExpectProblemAsync(Task<HttpResponseMessage> request, HttpStatusCode status) =>
        ArenaApi.ExpectProblemAsync(request, status);
}
