using Arena.Datasets.Csv;
using Arena.Sessions;

namespace Arena.Datasets;

/// <summary>An uploaded CSV file parsed into typed columns, read by the dataset tools.</summary>
public sealed class DatasetTable
{
    private readonly Dictionary<string, TableColumn> _byName;

    private DatasetTable(IReadOnlyList<TableColumn> columns, int rows)
    {
        Columns = columns;
        RowCount = rows;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<TableColumn> Columns { get; }

    public int RowCount { get; }

    /// <summary>Rows × columns: what the table costs in the cache.</summary>
    public long Cells => (long)RowCount * Columns.Count;

    /// <summary>Parses a CSV file (see <see cref="CsvParser"/>) and infers each column's type.</summary>
    public static DatasetTable Parse(ReadOnlySpan<byte> csv, int maxColumns)
    {
        var table = CsvParser.Parse(csv, maxColumns);
        var columns = new TableColumn[table.Headers.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var cells = new string[table.Rows.Count];
            for (var r = 0; r < cells.Length; r++)
            {
                cells[r] = table.Rows[r][c];
            }

            columns[c] = new TableColumn(table.Headers[c], cells);
        }

        return new DatasetTable(columns, table.Rows.Count);
    }

    /// <summary>The column called <paramref name="name"/> (any case), or null.</summary>
    public TableColumn? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>What the session records of this table once stored.</summary>
    public DatasetInfo Describe(Guid id, string name, long sizeBytes, DateTimeOffset uploadedAt) =>
        new(id, name, sizeBytes, RowCount, Columns.Select(c => c.Describe()).ToArray(), uploadedAt);

    /// <summary>The first <paramref name="count"/> rows, cells as uploaded (trimmed).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Head(int count) =>
        Enumerable.Range(0, Math.Min(count, RowCount))
            .Select(r => (IReadOnlyList<string>)Columns.Select(c => c.Text(r)).ToArray())
            .ToArray();
}
