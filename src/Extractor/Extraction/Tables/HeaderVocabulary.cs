using System.Text.RegularExpressions;

namespace Extractor.Extraction.Tables;

/// <summary>What a header label means: the column role and, for outcome columns, the canonical measure and unit.</summary>
public readonly record struct HeaderMeaning(ColumnRole Role, string Measure, string Unit);

/// <summary>
/// Header labels of comparison tables (study, year, regimen, n, response rates, median survival) read through the
/// OCR-tolerant comparer, with the unit taken from a parenthesis or a trailing "%"/"months".
/// </summary>
public sealed partial class HeaderVocabulary
{
    public static readonly HeaderVocabulary Instance = new();

    private static readonly (string Label, HeaderMeaning Meaning)[] Terms =
    [
        .. Many(new HeaderMeaning(ColumnRole.Study, "", ""), "study", "studies", "author", "authors", "first author", "trial", "reference", "ref", "series", "investigator"),
        .. Many(new HeaderMeaning(ColumnRole.Year, "", ""), "year", "publication year", "published"),
        .. Many(new HeaderMeaning(ColumnRole.Arm, "", ""), "regimen", "regimens", "treatment", "treatments", "arm", "arms", "therapy", "intervention", "group", "groups", "drug", "drugs", "agent", "agents", "combination", "schedule", "comparator", "treatment arm"),
        .. Many(new HeaderMeaning(ColumnRole.Dose, "", ""), "dose", "doses", "dosage", "dose schedule", "dosing"),
        .. Many(new HeaderMeaning(ColumnRole.Patients, "", ""), "n", "no", "no.", "patients", "no. of patients", "number of patients", "pts", "cases", "enrolled", "sample size"),
        .. Many(new HeaderMeaning(ColumnRole.Measure, "ORR", "%"), "orr", "rr", "response rate", "objective response", "objective response rate", "overall response rate", "overall response", "response"),
        .. Many(new HeaderMeaning(ColumnRole.Measure, "DCR", "%"), "dcr", "disease control", "disease control rate", "clinical benefit rate", "cbr"),
        .. Many(new HeaderMeaning(ColumnRole.Measure, "CR/PR", "%"), "cr/pr", "cr+pr", "cr + pr", "cr or pr"),
        .. Many(new HeaderMeaning(ColumnRole.Measure, "CR", "%"), "cr", "complete response"),
        .. Many(new HeaderMeaning(ColumnRole.Measure, "PR", "%"), "pr", "partial response"),
        .. Many(new HeaderMeaning(ColumnRole.Measure, "SD", "%"), "sd", "stable disease"),
        .. Many(new HeaderMeaning(ColumnRole.Measure, "PD", "%"), "pd", "progressive disease"),
        .. Many(new HeaderMeaning(ColumnRole.Measure, "OS", "months"), "os", "mos", "overall survival", "survival"),
        .. Many(new HeaderMeaning(ColumnRole.Measure, "PFS", "months"), "pfs", "mpfs", "progression-free survival", "progression free survival"),
        .. Many(new HeaderMeaning(ColumnRole.Measure, "TTP", "months"), "ttp", "time to progression"),
    ];

    private static IEnumerable<(string, HeaderMeaning)> Many(HeaderMeaning meaning, params string[] labels) =>
        labels.Select(l => (l, meaning));

    // A unit in brackets or trailing: "(%)", "(months)", "(mo)", "%", ", months".
    [GeneratedRegex(@"(?:[\(\[]\s*(?<u>[^()\[\]]{1,8}?)\s*[\)\]]|,\s*(?<u>\S{1,7})|\s(?<u>%|months?|mo\.?))\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingUnit();

    // The unit of a header read through OCR confusions: "(%)", "(months)", "(rnonths)", "(mo)".
    private static string? UnitOf(string written)
    {
        var w = written.Trim().TrimEnd('.');
        if (w == "%") return "%";
        foreach (var u in (string[])["months", "month", "mos", "mo", "m"])
            if (OcrTolerantComparer.Instance.Matches(w, u)) return "months";
        return null;
    }

    // "ORR, n" / "CR n" / "Response, No." once the "(%)" is taken: the column gives counts with percentages.
    [GeneratedRegex(@"(?:,\s*|\s+)(?:n|no\.?|n/N)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CountSuffix();

    [GeneratedRegex(@"^\s*median\s+", RegexOptions.IgnoreCase)]
    private static partial Regex MedianPrefix();

    // Footnote marks and stray punctuation around a label.
    [GeneratedRegex(@"(?:[*†‡§¶#]+|\s[a-d])\s*$")]
    private static partial Regex FootnoteTail();

    /// <summary>Reads a header cell; null when it is not a known header label.</summary>
    public HeaderMeaning? Read(string cell)
    {
        var label = FootnoteTail().Replace(cell.Trim(), "").Trim();
        string unit = "";
        var u = TrailingUnit().Match(label);
        if (u.Success && u.Index > 0 && UnitOf(u.Groups["u"].Value) is { } found)
        {
            unit = found;
            label = label[..u.Index].Trim();
        }
        if (unit == "%") label = CountSuffix().Replace(label, "");
        bool median = MedianPrefix().IsMatch(label);
        label = MedianPrefix().Replace(label, "").Trim().TrimEnd(',', ':', '.').Trim();
        if (label.Length == 0) return null;
        foreach (var (term, meaning) in Terms)
        {
            if (!OcrTolerantComparer.Instance.Matches(label, term)) continue;
            // "Cr" heads a creatinine column, "Pd" is no response: two-letter measures are written in capitals.
            if (meaning.Role == ColumnRole.Measure && term.Length <= 2 && label.Any(char.IsLower)) continue;
            if (meaning.Role != ColumnRole.Measure) return median ? null : meaning;
            return meaning with { Unit = unit.Length > 0 ? unit : meaning.Unit };
        }
        return null;
    }

    /// <summary>
    /// The label of a column under a header cell that spans several columns ("Median (months)" over "PFS" and "OS",
    /// "Response, n (%)" over "CR" and "PR"): the child with the parent's "median" and unit, when the child alone
    /// reads as a header label. Otherwise the two texts joined.
    /// </summary>
    public string Qualify(string child, string parent)
    {
        if (Read(child) is not { } meaning) return parent + " " + child;
        if (meaning.Role != ColumnRole.Measure) return child;
        var p = FootnoteTail().Replace(parent.Trim(), "").Trim();
        string unit = "";
        var u = TrailingUnit().Match(p);
        if (u.Success && UnitOf(u.Groups["u"].Value) is { } found)
        {
            unit = found == "%" && CountSuffix().IsMatch(p[..u.Index]) ? ", n (%)" : found == "%" ? " (%)" : " (months)";
        }
        var median = MedianPrefix().IsMatch(p) && !MedianPrefix().IsMatch(child) ? "Median " : "";
        return median + child.Trim() + (TrailingUnit().IsMatch(child) ? "" : unit);
    }

    // A group label above measure columns that names no measure itself: "Median (months)", "Median, mo", "n (%)".
    [GeneratedRegex(@"^\s*(?:median\s*)?(?:[\(\[,]\s*)?(?:months?|mo\.?|%|(?:n|no\.?)\s*\(\s*%\s*\))\s*[\)\]]?\s*$|^\s*median\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex GroupLabel();

    /// <summary>True for a header cell that only qualifies the columns under it ("Median (months)").</summary>
    public bool IsGroupLabel(string cell) => GroupLabel().IsMatch(cell);

    /// <summary>True when a single word is a header term ("PFS", "ORR", "n", "Study").</summary>
    public bool IsHeaderWord(string word) =>
        word.Length > 0 && Terms.Any(t => !t.Label.Contains(' ') && OcrTolerantComparer.Instance.Matches(word, t.Label)
                                         && (word.Length > 1 || t.Label.Length == 1));
}
