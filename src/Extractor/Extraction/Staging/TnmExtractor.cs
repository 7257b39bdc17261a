using System.Text;
using System.Text.RegularExpressions;
using Extractor.Language;
using Extractor.Language.Patterns;

namespace Extractor.Extraction.Tnm;

/// <summary>A TNM code read from text: prefix (c, p, yp, r, a, yc), T, N and M categories, canonical form.</summary>
public sealed record TnmCode(string Prefix, string T, string N, string M)
{
    public string Canonical => Prefix + T + N + M;
}

/// <summary>
/// TNM stages by a token grammar rather than a list: optional prefix (c, p, yp, yc, r, a), T0-4 with a-c
/// (also Tis, Tx), N0-3 with a-c (Nx), M0/M1 with a-c (Mx); written joined ("pT3aN0M1") or spaced ("T2 N1 M0").
/// Inside an otherwise valid code the OCR confusions O -> 0 and I, l, | -> 1 are read as digits (a doubled
/// confusable such as "MI1" reads as one digit), so the code is recognised even when the cleanup left it alone.
/// Metastatic sites come from the parenthesis right after the code ("(Pul, Hep)"; Resources/findings/metastasis_sites.tsv).
/// </summary>
public sealed partial class TnmExtractor : IExtractor
{
    public static readonly TnmExtractor Instance = new();

    private const string Zero = "0Oo";
    private const string One = "1Il|";

    // Digits of each category may be OCR confusables; two confusables for one digit ("I1") are tolerated.
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<prefix>yp|yc|p|c|r|a|y)?T(?<t>is|[xX]|[0-4OoIl|][0-4OoIl|]?(?:[a-c](?![a-z]))?)(?<sep1>\s?)N(?<n>[xX]|[0-3OoIl|][0-3OoIl|]?(?:[a-c](?![a-z]))?)(?:\k<sep1>M(?<m>[xX]|[01OoIl|][01OoIl|]?(?:[a-c](?![a-z]))?))?(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex TnmPattern();

    [GeneratedRegex(@"^\s*\(\s*(?<list>[A-Za-z][A-Za-z .]*(?:\s*[,;/、]\s*[A-Za-z][A-Za-z .]*)*)\s*\)")]
    private static partial Regex SiteListPattern();

    private static readonly Lazy<Dictionary<string, string>> Sites = new(() =>
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in ResourceLists.Rows("findings/metastasis_sites.tsv"))
        {
            d[row[0]] = row[0];
            if (row.Length > 1) foreach (var a in row[1].Split('|', StringSplitOptions.TrimEntries)) d[a] = row[0];
        }
        return d;
    });

    /// <summary>Parses one TNM code ("pT2NOMO" -> pT2N0M0); null when the text is not one.</summary>
    public static TnmCode? Parse(string text)
    {
        var m = TnmPattern().Match(text.Trim());
        return m.Success && m.Index == 0 && m.Length == text.Trim().Length ? FromMatch(m) : null;
    }

    private static TnmCode? FromMatch(Match m)
    {
        string? t = Category(m.Groups["t"].Value, 4), n = Category(m.Groups["n"].Value, 3);
        string? mm = m.Groups["m"].Success ? Category(m.Groups["m"].Value, 1) : "";
        if (t is null || n is null || mm is null) return null;
        // A spaced code needs all three categories, so "T2 N" in running text is not taken for a stage.
        if (m.Groups["sep1"].Length > 0 && mm.Length == 0) return null;
        // Without a prefix and without M, demand a digit-only reading (no confusables) to keep precision.
        bool confused = m.Value.IndexOfAny(['O', 'o', 'I', 'l', '|']) >= 0 && !m.Value.Contains("is");
        if (!m.Groups["prefix"].Success && mm.Length == 0 && confused) return null;
        return new TnmCode(m.Groups["prefix"].Value, "T" + t, "N" + n, mm.Length > 0 ? "M" + mm : "");
    }

    // "3a" -> "3a", "O" -> "0", "I1" -> "1" (a doubled confusable), "is" -> "is", "x" -> "X"; null when invalid.
    private static string? Category(string raw, int max)
    {
        if (raw is "is") return "is";
        if (raw is "x" or "X") return "X";
        string suffix = raw.Length > 0 && raw[^1] is >= 'a' and <= 'c' ? raw[^1..] : "";
        string digits = raw[..^suffix.Length];
        var read = new StringBuilder();
        foreach (var c in digits) read.Append(Zero.Contains(c) ? '0' : One.Contains(c) ? '1' : c);
        string d = read.ToString();
        if (d.Length == 2)
        {
            // Two characters for one digit: only a confusable doubled by OCR ("I1", "O0", "Il"), not "12".
            if (d[0] != d[1] || (char.IsDigit(digits[0]) && char.IsDigit(digits[1]))) return null;
            d = d[..1];
        }
        if (d.Length != 1 || d[0] - '0' > max) return null;
        return d + suffix;
    }

    public void Extract(AnalyzedDocument document, ExtractionSink sink)
    {
        string text = document.Text;
        foreach (Match m in TnmPattern().Matches(text))
        {
            var code = FromMatch(m);
            if (code is null) continue;
            int start = m.Index, end = m.Index + m.Length;
            var sites = new List<string>();
            var siteMatch = SiteListPattern().Match(text[end..Math.Min(text.Length, end + 80)]);
            if (siteMatch.Success)
            {
                foreach (var part in siteMatch.Groups["list"].Value.Split([',', ';', '/', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    if (Sites.Value.TryGetValue(part.TrimEnd('.'), out var site) && !sites.Contains(site)) sites.Add(site);
                // Only a parenthesis made of site names belongs to the stage.
                if (sites.Count == 0) siteMatch = Match.Empty;
            }
            var loc = Provenance.Locate(document, start, end);
            sink.Staging.Add(new Extraction.Staging
            {
                DocumentId = document.DocumentId,
                Tnm = code.Canonical,
                Prefix = code.Prefix,
                T = code.T, N = code.N, M = code.M,
                Sites = string.Join(";", sites),
                Start = loc.Start, End = loc.End,
                SourceStart = loc.SourceStart, SourceEnd = loc.SourceEnd,
                Page = loc.Page, Evidence = loc.Evidence,
            });
        }
    }
}
