using System.Text;
using CsvHelper;

namespace Extractor.Review;

/// <summary>
/// Lenient reading of CSV files a person may have edited in a spreadsheet: every field as text keyed by its header
/// (trimmed, lower case), formula escapes undone, booleans in any spreadsheet spelling.
/// </summary>
public static class ReviewTable
{
    public static IEnumerable<Dictionary<string, string>> Read(string path)
    {
        if (!File.Exists(path)) yield break;
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvReader.Create(reader, CsvReaderOptions.Default);
        string[]? headers = null;
        while (csv.Read())
        {
            headers ??= csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            var row = new Dictionary<string, string>(headers.Length, StringComparer.Ordinal);
            for (int i = 0; i < headers.Length && i < csv.FieldCount; i++) row[headers[i]] = Unescape(csv.GetString(i));
            yield return row;
        }
    }

    /// <summary>Undoes the apostrophe CSV export puts in front of a cell a spreadsheet would run as a formula.</summary>
    public static string Unescape(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;

    public static string Get(this Dictionary<string, string> row, string column) => row.TryGetValue(column, out var v) ? v : "";

    /// <summary>true/false as spreadsheets and people write them; null when empty or unknown.</summary>
    public static bool? Bool(string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "1" or "applied" or "accept" or "accepted" or "apply" or "ok" or "fix" or "fixed" => true,
        "false" or "no" or "n" or "0" or "reject" or "rejected" or "not applied" => false,
        _ => null,
    };

    public static int? Int(string value) => int.TryParse(value.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : null;
}
