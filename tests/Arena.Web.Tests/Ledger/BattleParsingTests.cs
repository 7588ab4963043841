using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Arena.Web.Ledger;

namespace Arena.Web.Tests.Ledger;

/// <summary>The parsing under an import: CSV records across buffer boundaries, and battle ids that never change.</summary>
public sealed class BattleParsingTests
{
    [Fact]
    public async Task ReadAsync_FieldsLongerThanTheBuffer_ReadWholeWithQuotesAndLineBreaks()
    {
        var plain = new string('p', 70_000);
        var quoted = string.Concat(Enumerable.Repeat("a,\"b\"\nc\r", 20_000)); // 160,000 characters: crosses the 64K buffer twice
        var text = $"x,y\r\n{plain},\"{quoted.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\nlast,one";
        var reader = new CsvRecordReader(new StringReader(text));

        var header = await reader.ReadAsync();
        var first = await reader.ReadAsync();
        var last = await reader.ReadAsync();

        Assert.Equal(["x", "y"], header!.Fields);
        Assert.Equal([plain, quoted], first!.Fields);
        Assert.Equal((2L, (string?)null), (first.Line, first.Error));
        Assert.Equal(["last", "one"], last!.Fields);
        Assert.Equal(2 + 20_000 + 1, last.Line); // each line break inside the quotes counts
        Assert.Null(await reader.ReadAsync());
    }

    [Theory]
    [InlineData("alpha", "beta", "model_a", "1700000000.5", null, 7L)]
    [InlineData("délta, \"4\"", "ε-model", "tie", " 1700000012 ", null, 123_456L)]
    [InlineData("a", "b", "model_b", null, null, 1L)]
    [InlineData(null, "b", "winner?", null, null, 2L)]
    [InlineData("a", "b", "tie", "1", " q-17 ", 3L)]
    public void BattleIdOf_AnyRow_IsTheHashOfItsKeyAsEverImportGaveIt(string? modelA, string? modelB, string? winner, string? tstamp, string? questionId, long line)
    {
        var columns = new BattleColumns(modelA, modelB, winner, tstamp, null, null, null, questionId);

        // The ids of imported files must stay as they were, or a second import of a file would add it again.
        var key = !string.IsNullOrWhiteSpace(questionId)
            ? $"question_id\n{questionId.Trim()}"
            : string.Join('\n', "row", line.ToString(CultureInfo.InvariantCulture), tstamp?.Trim() ?? "", modelA, modelB, winner);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key))[..16];
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        Assert.Equal(new Guid(hash), columns.BattleIdOf(line));
    }
}
