namespace Arena.Datasets.Csv;

/// <summary>A CSV file as text: its header and its records, every record as wide as the header.</summary>
public sealed record CsvTable(char Delimiter, IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows);
