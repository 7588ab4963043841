using System.Text.Json;
using System.Text.Json.Nodes;
using Arena.Assistant;
using Arena.Sessions;

namespace Arena.Datasets.Tools;

/// <summary>
/// A tool over one of the session's datasets. Its <c>dataset</c> argument names it and may be left out
/// when the session holds just one. Schemas list dataset and column names as enums.
/// </summary>
public abstract class DatasetTool(DatasetTables tables) : IAssistantTool
{
    protected const string DatasetParameter = "dataset";

    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>The tool's own parameters (besides <c>dataset</c>).</summary>
    protected abstract IReadOnlyList<string> Parameters { get; }

    public bool IsAvailable(ToolContext context) => context.Datasets.Count > 0;

    public BinaryData ParametersSchema(ToolContext context)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        if (context.Datasets.Count > 0)
        {
            properties[DatasetParameter] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = context.Datasets.Count == 1
                    ? "The dataset's name; may be left out, since there is only one."
                    : "The dataset's name.",
                ["enum"] = new JsonArray([.. context.Datasets.Select(d => JsonValue.Create(d.Name))]),
            };
            if (context.Datasets.Count > 1)
            {
                required.Add(DatasetParameter);
            }
        }

        AddParameters(context, properties, required);
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
        return BinaryData.FromString(schema.ToJsonString());
    }

    public async Task<string> InvokeAsync(ToolContext context, JsonElement arguments, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(arguments, [DatasetParameter, .. Parameters]);
        var dataset = ChooseDataset(context, args.Text(DatasetParameter));
        DatasetTable table;
        try
        {
            table = await tables.GetAsync(context.SessionId, dataset, cancellationToken);
        }
        catch (ArenaException ex)
        {
            throw new ToolException(ex.Message);
        }

        var result = new JsonObject { [DatasetParameter] = dataset.Name };
        Run(table, args, result);
        return result.ToJsonString();
    }

    /// <summary>Adds the tool's parameters to the schema.</summary>
    protected abstract void AddParameters(ToolContext context, JsonObject properties, JsonArray required);

    /// <summary>Computes the result into <paramref name="result"/>, which already names the dataset.</summary>
    protected abstract void Run(DatasetTable table, ToolArguments args, JsonObject result);

    /// <summary>A string parameter limited to the names of columns of any dataset that pass <paramref name="filter"/>.</summary>
    protected static JsonObject ColumnParameter(ToolContext context, string description, Func<DatasetColumn, bool>? filter = null)
    {
        var names = context.Datasets.SelectMany(d => d.Columns).Where(c => filter?.Invoke(c) ?? true)
            .Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var parameter = new JsonObject { ["type"] = "string", ["description"] = description };
        if (names.Length > 0)
        {
            parameter["enum"] = new JsonArray([.. names.Select(n => JsonValue.Create(n))]);
        }

        return parameter;
    }

    protected static JsonArray Strings(params IEnumerable<string> values) => [.. values.Select(v => JsonValue.Create(v))];

    protected static bool IsNumeric(DatasetColumn column) => column.Type is ColumnType.Integer or ColumnType.Number;

    /// <summary>The column an argument names, refused with the valid names when there is no such column or it has the wrong type.</summary>
    protected static TableColumn Column(DatasetTable table, string parameter, string name, bool numeric = false)
    {
        var column = table.Find(name.Trim())
            ?? throw new ToolException($"There is no column '{name}' ({parameter}); the columns are {ToolArguments.Listing(table.Columns.Select(c => c.Name))}.");
        if (numeric && !column.IsNumeric)
        {
            var numericColumns = table.Columns.Where(c => c.IsNumeric).Select(c => c.Name).ToArray();
            throw new ToolException(
                $"Column '{column.Name}' ({parameter}) holds {ToolJson.TypeName(column.Type)} values, not numbers; "
                + (numericColumns.Length > 0 ? $"the numeric columns are {ToolArguments.Listing(numericColumns)}." : "this dataset has no numeric columns."));
        }

        return column;
    }

    private static DatasetInfo ChooseDataset(ToolContext context, string? name)
    {
        if (context.Datasets.Count == 0)
        {
            throw new ToolException("This session has no datasets; ask the user to upload a CSV file first.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return context.Datasets.Count == 1
                ? context.Datasets[0]
                : throw new ToolException($"Parameter 'dataset' is required when the session holds several; choose one of {ToolArguments.Listing(context.Datasets.Select(d => d.Name))}.");
        }

        return context.Datasets.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ToolException($"There is no dataset '{name}'; the datasets are {ToolArguments.Listing(context.Datasets.Select(d => d.Name))}.");
    }
}
