using System.Text.Json;
using Arena.Assistant;
using Arena.Datasets;
using Arena.Datasets.Tools;
using static Arena.Grains.Tests.Datasets.HousesFixture;

namespace Arena.Grains.Tests.Datasets;

/// <summary>Each dataset tool over the houses fixture, with expected values computed here from the literal arrays.</summary>
public sealed class DatasetToolTests(HousesFixture fixture) : IClassFixture<HousesFixture>
{
    private static readonly double[] Prices = [.. Price.Where(p => p is not null).Select(p => p!.Value)];

    private async Task<JsonElement> InvokeAsync(IAssistantTool tool, string arguments, ToolContext? context = null)
    {
        var result = await tool.InvokeAsync(context ?? fixture.Context, JsonDocument.Parse(arguments).RootElement, CancellationToken.None);
        return JsonDocument.Parse(result).RootElement;
    }

    private async Task<string> RefusalAsync(IAssistantTool tool, string arguments, ToolContext? context = null)
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => tool.InvokeAsync(context ?? fixture.Context, JsonDocument.Parse(arguments).RootElement, CancellationToken.None));
        return error.Message;
    }

    private static string[] Names(JsonElement array, string property = "name") => [.. array.EnumerateArray().Select(e => e.GetProperty(property).GetString()!)];

    [Fact]
    public async Task DescribeDataset_ListsColumnsTypesMissingAndSamples()
    {
        var result = await InvokeAsync(new DescribeDatasetTool(fixture.Tables), "{}");

        Assert.Equal("houses", result.GetProperty("dataset").GetString());
        Assert.Equal(City.Length, result.GetProperty("rows").GetInt32());
        var columns = result.GetProperty("columns");
        Assert.Equal(["city", "price", "rooms", "sold", "listed", "agent"], Names(columns));
        Assert.Equal(["text", "number", "integer", "boolean", "date", "text"], Names(columns, "type"));
        Assert.Equal([0, Price.Count(p => p is null), 0, Sold.Count(s => s is null), 0, 0], columns.EnumerateArray().Select(c => c.GetProperty("missing").GetInt32()));
        var first = result.GetProperty("sample_rows")[0];
        Assert.Equal(DescribeDatasetTool.SampleRows, result.GetProperty("sample_rows").GetArrayLength());
        Assert.Equal((Agent[0], Price[0]!.Value, Rooms[0], true), (first.GetProperty("agent").GetString(), first.GetProperty("price").GetDouble(), first.GetProperty("rooms").GetInt64(), first.GetProperty("sold").GetBoolean()));
    }

    [Fact]
    public async Task ColumnStats_NumericColumn_MatchesIndependentComputation()
    {
        var stats = (await InvokeAsync(new ColumnStatsTool(fixture.Tables), """{"column": "price"}""")).GetProperty("columns")[0];

        var sorted = Prices.Order().ToArray();
        var n = sorted.Length;
        var mean = Prices.Average();
        var std = Math.Sqrt(Prices.Sum(p => (p - mean) * (p - mean)) / (n - 1));
        double Quartile(double p)
        {
            var position = p * (n - 1);
            var below = sorted[(int)position];
            var above = sorted[Math.Min((int)position + 1, n - 1)];
            return below + (position - Math.Truncate(position)) * (above - below);
        }

        Assert.Equal((n, 1), (stats.GetProperty("count").GetInt32(), stats.GetProperty("missing").GetInt32()));
        Assert.Equal(mean, stats.GetProperty("mean").GetDouble(), 3);
        Assert.Equal(std, stats.GetProperty("std").GetDouble(), 3);
        Assert.Equal(sorted[0], stats.GetProperty("min").GetDouble(), 6);
        Assert.Equal(Quartile(0.25), stats.GetProperty("q1").GetDouble(), 3);
        Assert.Equal(Quartile(0.5), stats.GetProperty("median").GetDouble(), 3);
        Assert.Equal(Quartile(0.75), stats.GetProperty("q3").GetDouble(), 3);
        Assert.Equal(sorted[^1], stats.GetProperty("max").GetDouble(), 6);
    }

    [Fact]
    public async Task ColumnStats_TextColumn_CountsDistinctAndTopValues()
    {
        var stats = (await InvokeAsync(new ColumnStatsTool(fixture.Tables), """{"column": "city"}""")).GetProperty("columns")[0];

        var expected = City.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToArray();
        Assert.Equal(expected.Length, stats.GetProperty("distinct").GetInt32());
        Assert.Equal(expected, stats.GetProperty("top").EnumerateArray().Select(t => (t.GetProperty("value").GetString()!, t.GetProperty("count").GetInt32())));
    }

    [Fact]
    public async Task ColumnStats_NoColumn_DescribesEveryColumn()
    {
        var result = await InvokeAsync(new ColumnStatsTool(fixture.Tables), "{}");

        Assert.Equal(["city", "price", "rooms", "sold", "listed", "agent"], Names(result.GetProperty("columns")));
        var sold = result.GetProperty("columns")[3];
        Assert.Equal(Sold.Count(s => s == true), sold.GetProperty("top").EnumerateArray().Single(t => t.GetProperty("value").GetString() == "true").GetProperty("count").GetInt32());
        var listed = result.GetProperty("columns")[4];
        Assert.Equal((Listed.Min(), Listed.Max()), (listed.GetProperty("min").GetString(), listed.GetProperty("max").GetString()));
    }

    [Fact]
    public async Task MissingValues_CountsAndShares()
    {
        var result = await InvokeAsync(new MissingValuesTool(fixture.Tables), "{}");

        var complete = Enumerable.Range(0, City.Length).Count(i => Price[i] is not null && Sold[i] is not null);
        Assert.Equal(complete, result.GetProperty("complete_rows").GetInt32());
        Assert.Equal(2, result.GetProperty("total_missing").GetInt32());
        var price = result.GetProperty("columns")[1];
        Assert.Equal(("price", 1, 1.0 / City.Length), (price.GetProperty("name").GetString(), price.GetProperty("missing").GetInt32(), price.GetProperty("share").GetDouble()));
    }

    [Fact]
    public async Task FilterCount_NumberAndTextConditions_CountMatchingRows()
    {
        var result = await InvokeAsync(new FilterCountTool(fixture.Tables),
            """{"conditions": [{"column": "price", "op": ">", "value": 300}, {"column": "city", "op": "=", "value": "oslo"}]}""");

        var expected = Enumerable.Range(0, City.Length).Where(i => Price[i] > 300 && City[i] == "Oslo").ToArray();
        Assert.Equal(expected.Length, result.GetProperty("matching").GetInt32());
        Assert.Equal(City.Length, result.GetProperty("total").GetInt32());
        Assert.Equal(expected.Select(i => Price[i]!.Value), result.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("price").GetDouble()));
    }

    [Theory]
    [InlineData("""{"column": "agent", "op": "contains", "value": "smith"}""")]
    [InlineData("""{"column": "sold", "op": "=", "value": "true"}""")]
    [InlineData("""{"column": "listed", "op": ">=", "value": "2024-02-01"}""")]
    [InlineData("""{"column": "rooms", "op": "<=", "value": "2"}""")]
    [InlineData("""{"column": "price", "op": "!=", "value": 350.5}""")]
    public async Task FilterCount_EachOperatorAndType_MatchesLinq(string condition)
    {
        var result = await InvokeAsync(new FilterCountTool(fixture.Tables), $$"""{"conditions": [{{condition}}]}""");

        var column = JsonDocument.Parse(condition).RootElement.GetProperty("column").GetString();
        var expected = column switch
        {
            "agent" => Agent.Count(a => a.Contains("smith", StringComparison.OrdinalIgnoreCase)),
            "sold" => Sold.Count(s => s == true),
            "listed" => Listed.Count(d => string.CompareOrdinal(d, "2024-02-01") >= 0),
            "rooms" => Rooms.Count(r => r <= 2),
            _ => Price.Count(p => p is not null && p != 350.5),
        };
        Assert.Equal(expected, result.GetProperty("matching").GetInt32());
    }

    [Fact]
    public async Task GroupBy_MeanPriceByCity_SortedLargestFirst()
    {
        var result = await InvokeAsync(new GroupByTool(fixture.Tables), """{"by": "city", "column": "price", "agg": "mean"}""");

        var expected = Enumerable.Range(0, City.Length)
            .GroupBy(i => City[i])
            .Select(g => (Key: g.Key, Mean: g.Where(i => Price[i] is not null).Average(i => Price[i]!.Value), Rows: g.Count()))
            .OrderByDescending(g => g.Mean)
            .ToArray();
        var groups = result.GetProperty("groups").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(g => g.Key), groups.Select(g => g.GetProperty("key").GetString()));
        Assert.Equal(expected.Select(g => g.Rows), groups.Select(g => g.GetProperty("rows").GetInt32()));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Mean, groups[i].GetProperty("value").GetDouble(), 3);
        }

        Assert.False(result.GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("sum")]
    [InlineData("median")]
    [InlineData("min")]
    [InlineData("max")]
    [InlineData("count")]
    public async Task GroupBy_RoomsBySold_EachAggregate(string agg)
    {
        var result = await InvokeAsync(new GroupByTool(fixture.Tables), $$"""{"by": "sold", "column": "rooms", "agg": "{{agg}}"}""");

        double Aggregate(long[] values) => agg switch
        {
            "sum" => values.Sum(),
            "median" => values.Length % 2 == 1 ? values.Order().ElementAt(values.Length / 2) : values.Order().Skip(values.Length / 2 - 1).Take(2).Average(),
            "min" => values.Min(),
            "max" => values.Max(),
            _ => values.Length,
        };
        var expected = Enumerable.Range(0, City.Length).GroupBy(i => Sold[i])
            .ToDictionary(g => g.Key?.ToString().ToLowerInvariant() ?? "missing", g => Aggregate([.. g.Select(i => Rooms[i])]));
        var actual = result.GetProperty("groups").EnumerateArray().ToDictionary(
            g => g.GetProperty("key").ValueKind == JsonValueKind.Null ? "missing" : g.GetProperty("key").GetBoolean().ToString().ToLowerInvariant(),
            g => g.GetProperty("value").GetDouble());
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
    }

    [Fact]
    public async Task GroupBy_ManyGroups_CapsAtFiftyAndSaysTruncated()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 60).Select(i => $"k{i},{i}"));
        var tables = fixture.Tables;
        var info = DatasetTable.Parse(System.Text.Encoding.UTF8.GetBytes("key,v\n" + rows), 500).Describe(Guid.NewGuid(), "wide", 1, DateTimeOffset.UnixEpoch);
        tables.Add(info.Id, DatasetTable.Parse(System.Text.Encoding.UTF8.GetBytes("key,v\n" + rows), 500));

        var result = await InvokeAsync(new GroupByTool(tables), """{"by": "key", "column": "v", "agg": "sum"}""", new ToolContext(SessionId, [info]));

        Assert.Equal(GroupByTool.MaxGroups, result.GetProperty("groups").GetArrayLength());
        Assert.Equal(60, result.GetProperty("group_count").GetInt32());
        Assert.True(result.GetProperty("truncated").GetBoolean());
        Assert.Equal("k59", result.GetProperty("groups")[0].GetProperty("key").GetString());
    }

    [Theory]
    [InlineData("desc")]
    [InlineData("asc")]
    public async Task TopRows_ByPrice_ReturnsNRowsInOrderWithoutMissing(string order)
    {
        var result = await InvokeAsync(new TopRowsTool(fixture.Tables), $$"""{"column": "price", "n": 3, "order": "{{order}}"}""");

        var expected = order == "desc" ? Prices.OrderDescending().Take(3) : Prices.Order().Take(3);
        Assert.Equal(expected, result.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("price").GetDouble()));
    }

    [Fact]
    public async Task TopRows_DefaultN_IsFive() =>
        Assert.Equal(TopRowsTool.DefaultRows, (await InvokeAsync(new TopRowsTool(fixture.Tables), """{"column": "rooms"}""")).GetProperty("rows").GetArrayLength());

    [Fact]
    public async Task Correlation_PriceAndRooms_MatchesPearson()
    {
        var result = await InvokeAsync(new CorrelationTool(fixture.Tables), """{"x": "price", "y": "rooms"}""");

        var pairs = Enumerable.Range(0, City.Length).Where(i => Price[i] is not null).Select(i => (X: Price[i]!.Value, Y: (double)Rooms[i])).ToArray();
        double n = pairs.Length, sx = pairs.Sum(p => p.X), sy = pairs.Sum(p => p.Y);
        double sxy = pairs.Sum(p => p.X * p.Y), sxx = pairs.Sum(p => p.X * p.X), syy = pairs.Sum(p => p.Y * p.Y);
        var r = (n * sxy - sx * sy) / Math.Sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
        Assert.Equal(r, result.GetProperty("r").GetDouble(), 3);
        Assert.Equal(pairs.Length, result.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Tools_TwoDatasets_UseTheNamedOne()
    {
        var result = await InvokeAsync(new CorrelationTool(fixture.Tables), """{"dataset": "tiny", "x": "x", "y": "y"}""", fixture.BothContext);

        Assert.Equal(("tiny", 3), (result.GetProperty("dataset").GetString(), result.GetProperty("n").GetInt32()));
        Assert.True(result.GetProperty("r").GetDouble() > 0.95);
    }

    [Fact]
    public async Task Refusals_NameWhatIsWrongAndTheValidChoices()
    {
        var tables = fixture.Tables;
        var unknownDataset = await RefusalAsync(new DescribeDatasetTool(tables), """{"dataset": "nope"}""");
        Assert.Contains("'houses'", unknownDataset);

        var ambiguous = await RefusalAsync(new DescribeDatasetTool(tables), "{}", fixture.BothContext);
        Assert.Contains("'tiny'", ambiguous);

        var unknownColumn = await RefusalAsync(new ColumnStatsTool(tables), """{"column": "size"}""");
        Assert.Contains("no column 'size'", unknownColumn);
        Assert.Contains("'price'", unknownColumn);

        var textMean = await RefusalAsync(new GroupByTool(tables), """{"by": "sold", "column": "city", "agg": "mean"}""");
        Assert.Contains("'city'", textMean);
        Assert.Contains("the numeric columns are 'price', 'rooms'", textMean);

        Assert.Contains("numeric columns", await RefusalAsync(new CorrelationTool(tables), """{"x": "agent", "y": "price"}"""));
        Assert.Contains("'y' is required", await RefusalAsync(new CorrelationTool(tables), """{"x": "price"}"""));
        Assert.Contains("'column' is required", await RefusalAsync(new GroupByTool(tables), """{"by": "city", "agg": "sum"}"""));
        Assert.Contains("one of '='", await RefusalAsync(new FilterCountTool(tables), """{"conditions": [{"column": "price", "op": "~", "value": 1}]}"""));
        Assert.Contains("not a number", await RefusalAsync(new FilterCountTool(tables), """{"conditions": [{"column": "price", "op": ">", "value": "cheap"}]}"""));
        Assert.Contains("'conditions' is required", await RefusalAsync(new FilterCountTool(tables), "{}"));
        Assert.Contains("from 1 to 20", await RefusalAsync(new TopRowsTool(tables), """{"column": "price", "n": 0}"""));
        Assert.Contains("from 1 to 20", await RefusalAsync(new TopRowsTool(tables), """{"column": "price", "n": 21}"""));
        Assert.Contains("'desc', 'asc'", await RefusalAsync(new TopRowsTool(tables), """{"column": "price", "order": "up"}"""));
        Assert.Contains("Unknown parameter 'limit'", await RefusalAsync(new TopRowsTool(tables), """{"column": "price", "limit": 3}"""));
    }

    [Fact]
    public void ParametersSchema_ListsDatasetsAndColumnsAsEnums()
    {
        var schema = JsonDocument.Parse(new GroupByTool(fixture.Tables).ParametersSchema(fixture.BothContext).ToString()).RootElement;

        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["dataset", "by"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        var properties = schema.GetProperty("properties");
        Assert.Equal(["houses", "tiny"], properties.GetProperty("dataset").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["city", "price", "rooms", "sold", "listed", "agent", "label", "x", "y"], properties.GetProperty("by").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(GroupByTool.Aggregates, properties.GetProperty("agg").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));

        var correlation = JsonDocument.Parse(new CorrelationTool(fixture.Tables).ParametersSchema(fixture.Context).ToString()).RootElement;
        Assert.Equal(["x", "y"], correlation.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["price", "rooms"], correlation.GetProperty("properties").GetProperty("x").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void IsAvailable_OnlyWithADataset()
    {
        var tool = new DescribeDatasetTool(fixture.Tables);

        Assert.True(tool.IsAvailable(fixture.Context));
        Assert.False(tool.IsAvailable(new ToolContext(SessionId, [])));
    }

    [Fact]
    public void Registration_AddsSevenToolsWithUniqueNames()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, fixture.Tables);
        services.AddArenaDatasetTools();
        services.AddArenaDatasetTools();
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);

        var names = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<IAssistantTool>(provider).Select(t => t.Name).Order();

        Assert.Equal(["column_stats", "correlation", "describe_dataset", "filter_count", "group_by", "missing_values", "top_rows"], names);
    }
}
