using System.Text;

namespace Arena.Web.Datasets;

/// <summary>A dataset's name from its file's: without folders or extension, only letters, digits, '_' and '-', at most 64 characters.</summary>
public static class DatasetName
{
    public const int MaxLength = 64;

    public const string Fallback = "dataset";

    public static string FromFileName(string? fileName)
    {
        var name = fileName ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            name = name[..dot];
        }

        var clean = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            var kept = char.IsLetterOrDigit(c) || c is '_' or '-' ? c : '_';
            if (kept != '_' || clean.Length == 0 || clean[^1] != '_')
            {
                clean.Append(kept);
            }
        }

        var result = clean.ToString().Trim('_', '-');
        if (result.Length > MaxLength)
        {
            result = result[..MaxLength].TrimEnd('_', '-');
        }

        return result.Length == 0 ? Fallback : result;
    }
}
