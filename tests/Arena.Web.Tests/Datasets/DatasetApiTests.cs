using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Datasets;

/// <summary>The dataset API over HTTP: upload, list, preview, delete, and every refusal leaving the list as it was.</summary>
[Collection(ArenaCollection.Name)]
public sealed class DatasetApiTests(ArenaFixture fixture)
{
    private const string Sales = "region;units;price;shipped\r\nnorth;3;9.5;2024-01-02\r\n\"south, east\";NA;12;2024-01-03\r\nwest;7;-2e1;2024-01-04\r\n";

    private DatasetClient NewSession() => new(fixture.Factory.CreateSessionClient());

    [Fact]
    public async Task Upload_Multipart_Returns201AndIsListedAndPreviewed()
    {
        var api = NewSession();

        var dataset = await api.UploadOkAsync("Q1 sales (final).csv", Sales);

        Assert.Equal("Q1_sales_final", dataset.GetProperty("name").GetString());
        Assert.Equal(3, dataset.GetProperty("rows").GetInt32());
        Assert.Equal(Encoding.UTF8.GetByteCount(Sales), dataset.GetProperty("size_bytes").GetInt64());
        Assert.True(dataset.TryGetProperty("uploaded_at", out _));
        var columns = dataset.GetProperty("columns").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString(), c.GetProperty("type").GetString(), c.GetProperty("missing").GetInt32()));
        Assert.Equal([("region", "text", 0), ("units", "integer", 1), ("price", "number", 0), ("shipped", "date", 0)], columns);

        var id = dataset.GetProperty("id").GetString()!;
        Assert.Equal(["Q1_sales_final"], await api.NamesAsync());
        var detail = await api.GetAsync(id);
        Assert.Equal(id, detail.GetProperty("dataset").GetProperty("id").GetString());
        var rows = detail.GetProperty("preview_rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToArray();
        Assert.Equal(["south, east", "NA", "12", "2024-01-03"], rows[1]);
        Assert.Equal(3, rows.Length);
    }

    [Fact]
    public async Task Upload_RawTextCsvWithName_Returns201()
    {
        var api = NewSession();
        var content = new StringContent("a,b\n1,2\n", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        using var response = await api.Http.PostAsync($"{DatasetClient.Path}?name=raw%20data", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["raw_data"], await api.NamesAsync());
    }

    [Fact]
    public async Task Delete_Returns204AndForgetsIt()
    {
        var api = NewSession();
        var id = (await api.UploadOkAsync("a.csv", "x\n1\n")).GetProperty("id").GetString();

        using var deleted = await api.Http.DeleteAsync($"{DatasetClient.Path}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await api.NamesAsync());
        await DatasetClient.ExpectProblemAsync(api.Http.GetAsync($"{DatasetClient.Path}/{id}"), HttpStatusCode.NotFound);
        await DatasetClient.ExpectProblemAsync(api.Http.DeleteAsync($"{DatasetClient.Path}/{id}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("a,b\n1,2\n3\n", "Line 3")]
    [InlineData("a,a\n1,2\n", "appears twice")]
    [InlineData("a,b\n", "no data rows")]
    [InlineData("", "empty")]
    public async Task Upload_Malformed_Returns400NamingTheProblem(string csv, string expected)
    {
        var api = NewSession();
        await api.UploadOkAsync("kept.csv", "x\n1\n");

        var problem = await DatasetClient.ExpectProblemAsync(api.UploadAsync("bad.csv", csv), HttpStatusCode.BadRequest);

        Assert.Contains(expected, problem.Detail);
        Assert.Equal(["kept"], await api.NamesAsync());
    }

    [Fact]
    public async Task Upload_NotUtf8OrBinary_Returns400()
    {
        var api = NewSession();

        var latin1 = await DatasetClient.ExpectProblemAsync(api.UploadAsync("l.csv", Encoding.Latin1.GetBytes("name\nJosé\n")), HttpStatusCode.BadRequest);
        var binary = await DatasetClient.ExpectProblemAsync(api.UploadAsync("b.csv", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x0A]), HttpStatusCode.BadRequest);

        Assert.Contains("not UTF-8 text", latin1.Detail);
        Assert.Contains("looks like a binary file", binary.Detail);
        Assert.Empty(await api.NamesAsync());
    }

    [Fact]
    public async Task Upload_NoFile_Returns400()
    {
        var api = NewSession();

        var wrongField = await DatasetClient.ExpectProblemAsync(api.UploadAsync("a.csv", Encoding.UTF8.GetBytes("x\n1\n"), field: "upload"), HttpStatusCode.BadRequest);
        var json = await DatasetClient.ExpectProblemAsync(api.Http.PostAsync(DatasetClient.Path, new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        var unnamed = await DatasetClient.ExpectProblemAsync(api.Http.PostAsync(DatasetClient.Path, new StringContent("x\n1\n", Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest);

        Assert.Contains("'file'", wrongField.Detail);
        Assert.Contains("'file'", json.Detail);
        Assert.Contains("?name=", unnamed.Detail);
        Assert.Empty(await api.NamesAsync());
    }

    [Fact]
    public async Task Upload_DuplicateName_Returns409AndKeepsTheFirst()
    {
        var api = NewSession();
        var first = await api.UploadOkAsync("sales.csv", Sales);

        var problem = await DatasetClient.ExpectProblemAsync(api.UploadAsync("Sales.csv", "other\n1\n"), HttpStatusCode.Conflict);

        Assert.Contains("sales", problem.Detail, StringComparison.OrdinalIgnoreCase);
        var listed = await api.ListAsync();
        Assert.Equal(first.GetProperty("id").GetString(), Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(3, listed[0].GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task Upload_OverTheLimit_Returns413NamingIt()
    {
        var api = NewSession();
        var row = Encoding.UTF8.GetBytes("0123456789,0123456789\n");
        var big = new byte[21 * 1024 * 1024];
        for (var i = 0; i + row.Length <= big.Length; i += row.Length)
        {
            row.CopyTo(big, i);
        }

        var problem = await DatasetClient.ExpectProblemAsync(api.UploadAsync("big.csv", big), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("20 MB", problem.Detail);
        Assert.Empty(await api.NamesAsync());
    }

    [Fact]
    public async Task OtherSessionsDataset_Is404()
    {
        var owner = NewSession();
        var id = (await owner.UploadOkAsync("mine.csv", "x\n1\n")).GetProperty("id").GetString();
        var stranger = NewSession();

        await DatasetClient.ExpectProblemAsync(stranger.Http.GetAsync($"{DatasetClient.Path}/{id}"), HttpStatusCode.NotFound);
        await DatasetClient.ExpectProblemAsync(stranger.Http.DeleteAsync($"{DatasetClient.Path}/{id}"), HttpStatusCode.NotFound);
        await DatasetClient.ExpectProblemAsync(stranger.Http.GetAsync($"{DatasetClient.Path}/not-a-guid"), HttpStatusCode.NotFound);

        Assert.Equal(["mine"], await owner.NamesAsync());
        Assert.Empty(await stranger.NamesAsync());
    }
}
