using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Arena.Battles;
using Arena.Ratings;
using Arena.Ratings.Ledger;

namespace Arena.Web.Ledger;

/// <summary>
/// The columns of a battle file, as text whatever the format, and how they become a vote: <c>model_a</c>,
/// <c>model_b</c>, <c>winner</c> required; <c>tstamp</c> (unix seconds, default now), <c>anony</c> (default true),
/// <c>category</c> (default general), <c>battle_id</c> or <c>question_id</c> optional.
/// </summary>
public sealed record BattleColumns(
    string? ModelA,
    string? ModelB,
    string? Winner,
    string? Tstamp,
    string? Anony,
    string? Category,
    string? BattleId,
    string? QuestionId)
{
    public const string DefaultCategory = "general";

    /// <summary>The latest time a tstamp may name (the end of year 9999).</summary>
    private const double MaxUnixSeconds = 253_402_300_799;

    /// <summary>The vote this row imports, or why it cannot.</summary>
    public (VoteRecord? Vote, string? Error) ToVote(long line, DateTimeOffset now)
    {
        List<string>? errors = null; // most rows have none: no list for them
        var modelA = Required(ModelA, "model_a", ref errors);
        var modelB = Required(ModelB, "model_b", ref errors);
        if (modelA is not null && modelA == modelB)
        {
            Add(ref errors, $"model_a and model_b are both '{modelA}'; a battle needs two different models");
        }

        var outcome = LedgerEntry.ParseOutcome(Winner);
        if (outcome is null)
        {
            Add(ref errors, string.IsNullOrEmpty(Winner)
                ? "winner is missing; use model_a, model_b, tie or tie (bothbad)"
                : $"winner '{Winner}' is not one of model_a, model_b, tie, tie (bothbad)");
        }

        var votedAt = now;
        if (!string.IsNullOrWhiteSpace(Tstamp))
        {
            if (double.TryParse(Tstamp, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= MaxUnixSeconds)
            {
                votedAt = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            }
            else
            {
                Add(ref errors, $"tstamp '{Tstamp}' is not unix seconds (a number from 0 to {MaxUnixSeconds.ToString(CultureInfo.InvariantCulture)})");
            }
        }

        var mode = BattleMode.Anonymous;
        if (!string.IsNullOrWhiteSpace(Anony))
        {
            var anony = Anony.AsSpan().Trim();
            if (anony.Equals("false", StringComparison.OrdinalIgnoreCase) || anony is "0")
            {
                mode = BattleMode.Named;
            }
            else if (!anony.Equals("true", StringComparison.OrdinalIgnoreCase) && anony is not "1")
            {
                Add(ref errors, $"anony '{Anony}' is not true or false");
            }
        }

        if (errors is not null)
        {
            return (null, string.Join("; ", errors));
        }

        var category = string.IsNullOrWhiteSpace(Category) ? DefaultCategory : Category.Trim();
        return (new VoteRecord(BattleIdOf(line), modelA!, modelB!, outcome!.Value, category, votedAt, mode, LedgerEntry.FromImport), null);
    }

    /// <summary>
    /// <c>battle_id</c> if it is a Guid; else a Guid hashed from <c>question_id</c>; else from the line and the
    /// row's own fields. The same file gives the same ids, so importing it again adds nothing.
    /// </summary>
    public Guid BattleIdOf(long line)
    {
        if (Guid.TryParse(BattleId, out var id))
        {
            return id;
        }

        // The hash of "question_id\n<id>", or of "row\n<line>\n<tstamp>\n<model_a>\n<model_b>\n<winner>", in UTF-8:
        // written straight into a buffer rather than joined into a string first (the bytes are the same).
        string?[] parts = !string.IsNullOrWhiteSpace(QuestionId)
            ? ["question_id", QuestionId.Trim()]
            : ["row", null, Tstamp?.Trim() ?? "", ModelA, ModelB, Winner];
        var size = 32;
        foreach (var part in parts)
        {
            size += Encoding.UTF8.GetMaxByteCount(part?.Length ?? 0) + 1;
        }

        var key = size <= 1024 ? stackalloc byte[1024] : new byte[size];
        var length = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                key[length++] = (byte)'\n';
            }

            if (i == 1 && parts[0] == "row")
            {
                line.TryFormat(key[length..], out var written, default, CultureInfo.InvariantCulture);
                length += written;
            }
            else
            {
                length += Encoding.UTF8.GetBytes(parts[i], key[length..]);
            }
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(key[..length], hash);
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8: a custom, name-based id
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    private static string? Required(string? value, string name, ref List<string>? errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(ref errors, $"{name} is missing");
            return null;
        }

        return value.Trim();
    }

    private static void Add(ref List<string>? errors, string error) => (errors ??= []).Add(error);
}
