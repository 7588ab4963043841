using Arena.Sessions;

namespace Arena.Datasets;

/// <summary>
/// One column of a parsed dataset: its cells as uploaded, which of them are missing, and the typed
/// values of its inferred type (numbers for Integer and Number, booleans, dates).
/// </summary>
public sealed class TableColumn
{
    private readonly string[] _cells;
    private readonly bool[] _missing;
    private readonly double[]? _numbers;
    private readonly bool[]? _booleans;
    private readonly DateTimeOffset[]? _dates;

    public TableColumn(string name, string[] cells)
    {
        Name = name;
        _cells = cells;
        _missing = Array.ConvertAll(cells, CellParsing.IsMissing);
        Missing = _missing.Count(m => m);
        Type = CellParsing.Infer(cells);
        if (IsNumeric)
        {
            _numbers = new double[cells.Length];
            for (var i = 0; i < cells.Length; i++)
            {
                _numbers[i] = _missing[i] ? double.NaN : CellParsing.TryNumber(cells[i], out var n) ? n : double.NaN;
            }
        }
        else if (Type == ColumnType.Boolean)
        {
            _booleans = new bool[cells.Length];
            for (var i = 0; i < cells.Length; i++)
            {
                _booleans[i] = !_missing[i] && CellParsing.TryBoolean(cells[i], out var b) && b;
            }
        }
        else if (Type == ColumnType.Date)
        {
            _dates = new DateTimeOffset[cells.Length];
            for (var i = 0; i < cells.Length; i++)
            {
                _dates[i] = !_missing[i] && CellParsing.TryDate(cells[i], out var d) ? d : default;
            }
        }
    }

    public string Name { get; }

    public ColumnType Type { get; }

    /// <summary>How many cells hold no value.</summary>
    public int Missing { get; }

    public int Count => _cells.Length;

    public bool IsNumeric => Type is ColumnType.Integer or ColumnType.Number;

    public DatasetColumn Describe() => new(Name, Type, Missing);

    public bool IsMissing(int row) => _missing[row];

    /// <summary>The cell as uploaded, trimmed.</summary>
    public string Text(int row) => _cells[row].Trim();

    /// <summary>The cell's number; only for Integer and Number columns and cells that are not missing.</summary>
    public double Number(int row) => _numbers is { } numbers ? numbers[row] : throw new InvalidOperationException($"Column '{Name}' is {Type}, not numeric.");

    public bool Boolean(int row) => _booleans is { } booleans ? booleans[row] : throw new InvalidOperationException($"Column '{Name}' is {Type}, not Boolean.");

    public DateTimeOffset Date(int row) => _dates is { } dates ? dates[row] : throw new InvalidOperationException($"Column '{Name}' is {Type}, not Date.");

    /// <summary>The values of the cells that are not missing (numeric columns only), in row order.</summary>
    public double[] Numbers()
    {
        var numbers = _numbers ?? throw new InvalidOperationException($"Column '{Name}' is {Type}, not numeric.");
        var values = new double[Count - Missing];
        var k = 0;
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!_missing[i])
            {
                values[k++] = numbers[i];
            }
        }

        return values;
    }

    /// <summary>Orders two non-missing cells by the column's type: numbers, false before true, dates, text (ordinal, ignoring case).</summary>
    public int CompareRows(int a, int b) => Type switch
    {
        ColumnType.Integer or ColumnType.Number => Number(a).CompareTo(Number(b)),
        ColumnType.Boolean => Boolean(a).CompareTo(Boolean(b)),
        ColumnType.Date => Date(a).CompareTo(Date(b)),
        _ => StringComparer.OrdinalIgnoreCase.Compare(Text(a), Text(b)),
    };
}
