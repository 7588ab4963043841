using System.Text;
using Arena.Datasets;
using Arena.Datasets.Csv;
using Arena.Sessions;

namespace Arena.Grains.Tests.Datasets;

/// <summary>The CSV parser and type inference over literal files.</summary>
public sealed class CsvParserTests
{
    private static CsvTable Parse(string text, int maxColumns = 500) => CsvParser.Parse(Encoding.UTF8.GetBytes(text), maxColumns);

    private static string Refusal(string text, int maxColumns = 500) => Refusal(Encoding.UTF8.GetBytes(text), maxColumns);

    private static string Refusal(byte[] bytes, int maxColumns = 500)
    {
        var error = Assert.Throws<ArenaException>(() => CsvParser.Parse(bytes, maxColumns));
        Assert.Equal(ArenaErrorKind.Invalid, error.Kind);
        return error.Message;
    }

    [Fact]
    public void Parse_QuotedFields_KeepsDelimitersQuotesAndLineBreaks()
    {
        var table = Parse("name,note\n\"Smith, Ann\",\"said \"\"hi\"\"\"\nBob,\"two\nlines\"\n");

        Assert.Equal(["name", "note"], table.Headers);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["Smith, Ann", "said \"hi\""], table.Rows[0]);
        Assert.Equal(["Bob", "two\nlines"], table.Rows[1]);
    }

    [Fact]
    public void Parse_CrLfAndMissingFinalNewline_ReadsEveryRow()
    {
        var table = Parse("a,b\r\n1,2\r\n3,4");

        Assert.Equal([["1", "2"], ["3", "4"]], table.Rows);
    }

    [Fact]
    public void Parse_Bom_IsNotPartOfTheFirstHeader()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("id,value\n1,x\n")).ToArray();

        var table = CsvParser.Parse(bytes, 500);

        Assert.Equal("id", table.Headers[0]);
    }

    [Theory]
    [InlineData("a;b;c\n1;2,5;3\n", ';', "2,5")]
    [InlineData("a\tb\tc\n1\t2,5\t3\n", '\t', "2,5")]
    [InlineData("a,b,c\n1,2;5,3\n", ',', "2;5")]
    public void Parse_DetectsDelimiterFromHeader(string text, char delimiter, string middle)
    {
        var table = Parse(text);

        Assert.Equal(delimiter, table.Delimiter);
        Assert.Equal(["a", "b", "c"], table.Headers);
        Assert.Equal(middle, table.Rows[0][1]);
    }

    [Fact]
    public void Parse_SingleColumn_UsesComma()
    {
        var table = Parse("value\n1\n2\n");

        Assert.Equal(',', table.Delimiter);
        Assert.Equal([["1"], ["2"]], table.Rows);
    }

    [Fact]
    public void Parse_RaggedRow_NamesItsLine()
    {
        // The quoted line break makes the ragged record start on line 4.
        var message = Refusal("a,b\n1,2\n\"x\ny\",3\n4,5,6\n");

        Assert.Contains("Line 5", message);
        Assert.Contains("3 fields", message);
        Assert.Contains("header has 2", message);
    }

    [Fact]
    public void Parse_ShortRow_NamesItsLine()
    {
        var message = Refusal("a,b,c\n1,2,3\n4,5\n");

        Assert.StartsWith("Line 3 has 2 fields", message);
    }

    [Fact]
    public void Parse_InvalidUtf8_SaysNotUtf8()
    {
        var bytes = Encoding.Latin1.GetBytes("name,city\nJosé,Málaga\n");

        Assert.Contains("the file is not UTF-8 text", Refusal(bytes), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_NulBytes_SaysBinary()
    {
        byte[] bytes = [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x61, 0x2C, 0x62];

        Assert.Contains("looks like a binary file", Refusal(bytes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void Parse_Empty_IsRefused(string text) => Assert.Contains("empty", Refusal(text));

    [Fact]
    public void Parse_HeaderOnly_SaysNoDataRows() => Assert.Contains("no data rows", Refusal("a,b,c\n"));

    [Fact]
    public void Parse_DuplicateHeader_NamesIt()
    {
        var message = Refusal("id,Price,price\n1,2,3\n");

        Assert.Contains("'price' appears twice", message);
        Assert.Contains("columns 2 and 3", message);
    }

    [Fact]
    public void Parse_EmptyHeader_NamesItsColumn() => Assert.Contains("Column 2", Refusal("a,,c\n1,2,3\n"));

    [Fact]
    public void Parse_TooManyColumns_IsRefused() => Assert.Contains("at most 3", Refusal("a,b,c,d\n1,2,3,4\n", maxColumns: 3));

    [Fact]
    public void Parse_UnclosedQuote_IsRefused() => Assert.Contains("never closed", Refusal("a,b\n1,\"open\n2,3\n"));

    [Fact]
    public void Parse_TextAfterClosingQuote_IsRefused() => Assert.Contains("Line 2", Refusal("a,b\n\"x\"y,2\n"));

    [Fact]
    public void Parse_BlankLinesBetweenRows_AreSkipped() => Assert.Equal(2, Parse("a,b\n1,2\n\n3,4\n\n").Rows.Count);

    [Theory]
    [InlineData(ColumnType.Integer, "1", "-42", "0", "+7")]
    [InlineData(ColumnType.Number, "1", "3.5", "-2e3", ".25")]
    [InlineData(ColumnType.Boolean, "true", "FALSE", "yes", "No")]
    [InlineData(ColumnType.Date, "2024-03-01", "2024-03-01T12:30:00Z", "2024-03-01 08:00", "2024-03-01T12:30:00.5+02:00")]
    [InlineData(ColumnType.Text, "1", "2", "three", "4")]
    [InlineData(ColumnType.Text, "1,5", "2", "3", "4")]
    [InlineData(ColumnType.Text, "2024-13-01", "2024-03-01", "2024-03-02", "2024-03-03")]
    [InlineData(ColumnType.Text, "NA", "", "null", "NaN")]
    public void Infer_Values_GivesType(ColumnType expected, params string[] cells) =>
        Assert.Equal(expected, CellParsing.Infer(cells));

    [Fact]
    public void Infer_MissingTokens_AreIgnoredAndCounted()
    {
        var column = new TableColumn("score", ["1", "NA", "n/a", "", "NULL", "nan", "2", " 3 "]);

        Assert.Equal(ColumnType.Integer, column.Type);
        Assert.Equal(5, column.Missing);
        Assert.Equal([1.0, 2.0, 3.0], column.Numbers());
    }

    [Fact]
    public void DatasetTable_Parse_DescribesColumns()
    {
        var table = DatasetTable.Parse(Encoding.UTF8.GetBytes("id;price;ok;when;who\n1;3.5;yes;2024-01-01;a\n2;NA;no;2024-01-02;b\n"), 500);
        var info = table.Describe(Guid.NewGuid(), "t", 10, DateTimeOffset.UnixEpoch);

        Assert.Equal(2, info.Rows);
        Assert.Equal(
            [new("id", ColumnType.Integer, 0), new("price", ColumnType.Number, 1), new("ok", ColumnType.Boolean, 0), new("when", ColumnType.Date, 0), new DatasetColumn("who", ColumnType.Text, 0)],
            info.Columns);
        Assert.Equal([["1", "3.5", "yes", "2024-01-01", "a"], ["2", "NA", "no", "2024-01-02", "b"]], table.Head(20));
    }
}
