using System.Text.RegularExpressions;
using Extractor.Language;
using Extractor.Language.Patterns;

namespace Extractor.Extraction.Findings;

/// <summary>Options of <see cref="LabValueFinder"/>.</summary>
public sealed record LabValueOptions
{
    /// <summary>Words allowed between a test name and its value ("hemoglobin level was decreased to 8.1 g/dL").</summary>
    public int MaxWordsFromName { get; init; } = 6;
    public static readonly LabValueOptions Default = new();
}

/// <summary>
/// Laboratory values and vital-sign measurements: a number (or range, "&lt;3", "52 × 10^9/L", "130/80") with a unit
/// from a unit grammar, tied to the nearest test name before it (Resources/findings/labs.tsv) or, for counts written
/// "88% neutrophils", right after it. A value with a concentration-type unit (g/dL, mmol/L, U/L, mmHg, °C, × 10^9/L)
/// is a lab value even without a name; a value with an ambiguous unit (%, kg, cm, none) needs a name. Dose units
/// (mg, mg/kg, mg/m2, IU) never make a lab value on their own. OCR-damaged units are read through their usual
/// confusions (mg/di, mg/dI, mg/d1 -> mg/dL; mmol/1 -> mmol/L; x 109/L -> × 10^9/L). A reference range in brackets
/// right after the value goes to the qualifier: "creatinine 1.2 mg/dL (0.6-1.1)" -> "reference 0.6-1.1".
/// The span is the value with its unit, like expert annotations of lab values.
/// </summary>
public sealed partial class LabValueFinder
{
    public static readonly LabValueFinder Instance = new();
    public LabValueOptions Options { get; }
    public LabValueFinder(LabValueOptions? options = null) => Options = options ?? LabValueOptions.Default;

    private static readonly Lazy<Gazetteer<string>> Names = new(() => ResourceLists.Gazetteer("findings/labs.tsv"));

    // Number: 1,200 | 9.2 | 9,2 | <3 | ≥95 | 0.6-1.1 ; optionally × 10^9 (also "x 109", superscript lost).
    private const string Num = @"\d+(?:[.,]\d+)?";
    [GeneratedRegex(@"(?<![\w.,/])(?<cmp>[<>≤≥]=?\s*)?(?<num>" + Num + @")(?:\s*(?:-|–|−|to)\s*(?<num2>" + Num + @"))?(?<mult>\s*[×xX*]\s*10\s*(?:\^|\*\*)?\s*[-−]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}(?![\d.]))?\s?(?<unit>" + UnitAlternation + @")?", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePattern();

    [GeneratedRegex(@"(?<![\w.,/])(?<sys>\d{2,3})\s*/\s*(?<dia>\d{2,3})\s*(?<unit>mm\s?Hg|mmHg)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BloodPressurePattern();

    [GeneratedRegex(@"^\s*[\(\[]\s*(?:(?:normal|reference|ref\.?|RV|NR|range|N|upper limit|cut-?off)[\w ,.]{0,25}?\s*[:=,]?\s*)?(?:up to\s*)?(?<lo>[<>≤≥]?\s*" + Num + @")(?:\s*(?:-|–|−|to)\s*(?<hi>" + Num + @"))?\s*(?:" + UnitAlternation + @")?\s*[\)\]]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ReferencePattern();

    // Units, longest first within each family; OCR variants (l/I/1 for L, di for dL, u for µ) included.
    private const string L = @"(?:L|l|I|1)(?![a-zA-Z])";
    private const string Micro = @"(?:µ|μ|u|mc)";
    private const string UnitAlternation =
        @"(?:(?:g|mg|" + Micro + @"g|ng|pg)\s?/\s?(?:dL|dl|di|dI|d1|d" + L + @")" +
        @"|(?:m|" + Micro + @"|n|p|f)?mol\s?/\s?(?:" + L + @"|dL|dl|mL|ml)" +
        @"|mEq\s?/\s?" + L + @"|mOsm\s?/\s?kg" +
        @"|(?:m|k|" + Micro + @")?(?:IU|U|iu)\s?/\s?(?:" + L + @"|mL|ml|dL)" +
        @"|(?:g|mg|" + Micro + @"g|ng|pg)\s?/\s?(?:mL|ml|" + L + @"|24\s?h(?:ours?)?|day|d)" +
        @"|copies\s?/\s?mL|cells\s?/\s?(?:" + Micro + @"L|mm3|mm³|mL|L|" + Micro + @"l)" +
        @"|/\s?(?:L(?![a-z])|" + Micro + @"L|mm3|mm³|mm\^3|" + Micro + @"l|hpf|HPF|min)" +
        @"|mm\s?Hg|mmHg|cm\s?H2O|kPa" +
        @"|beats\s?(?:per|/)\s?min(?:ute)?|breaths\s?(?:per|/)\s?min(?:ute)?|bpm|b\.p\.m\." +
        @"|°\s?[CF]|℃|degrees?\s?(?:C|F|Celsius|Fahrenheit)\b" +
        @"|mL\s?/\s?min(?:\s?/\s?1\.73\s?m2)?|L\s?/\s?min(?:\s?/\s?m2)?" +
        @"|fL|fl(?![a-z])|kg\s?/\s?m2|kg\s?/\s?m²|kg(?![a-z])|cm(?![a-z])|mm(?![a-z])|msec|ms(?![a-z])|sec(?:onds)?(?![a-z])|s(?![a-z])" +
        @"|mL(?![a-z/])|L(?![a-zA-Z/])|°(?![CF])" +
        @"|%)";

    private enum UnitKind { None, Lab, Ambiguous }

    /// <summary>Every lab value in the document.</summary>
    public IEnumerable<FoundFact> Find(AnalyzedDocument document) => FindUnordered(document).OrderBy(f => f.Start);

    private IEnumerable<FoundFact> FindUnordered(AnalyzedDocument document)
    {
        string text = document.Text;
        var names = NameMatches(document);
        var taken = new List<(int, int)>();
        foreach (Match m in BloodPressurePattern().Matches(text))
        {
            var name = NameBefore(document, names, m.Index);
            taken.Add((m.Index, m.Index + m.Length));
            yield return new FoundFact("lab", name?.Canonical ?? "blood pressure", $"{m.Groups["sys"].Value}/{m.Groups["dia"].Value}", "mmHg", "", m.Index, m.Index + m.Length);
        }
        foreach (Match m in ValuePattern().Matches(text))
        {
            int start = m.Index, end = m.Index + m.Length;
            if (taken.Any(t => start < t.Item2 && t.Item1 < end)) continue;
            // Trailing space consumed before a missing unit.
            while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
            string unitRaw = m.Groups["unit"].Value.Trim();
            string unit = NormalizeUnit(unitRaw, m.Groups["mult"].Value);
            var kind = KindOf(unit);
            // Part of a date, a reference, a figure, a stage code: letters glued to the number.
            if (end < text.Length && char.IsLetter(text[end]) && unitRaw.Length == 0) continue;
            if (start > 0 && (char.IsLetter(text[start - 1]) || text[start - 1] == '-')) continue;
            if (InsideReference(text, start)) continue;
            var name = NameBefore(document, names, start);
            bool nameAfter = false;
            if (name is null && unit == "%") { name = NameAfter(document, names, end); nameAfter = name is not null; }
            if (name is null && kind != UnitKind.Lab) continue;
            if (name is not null && kind == UnitKind.None && !IsAdjacent(text, name.Value.End, start)) continue;
            // "CK 5/6", "800 mg 5 times daily": a bare number that is part of a name or a count of times.
            if (kind == UnitKind.None && Regex.IsMatch(text.AsSpan(end, Math.Min(8, text.Length - end)).ToString(), @"^\s*(?:/|times\b|x\b)")) continue;
            // A count after its name needs no unit; a name far from a bare number is not its name.
            string value = (m.Groups["cmp"].Value.Replace(" ", "") + m.Groups["num"].Value + (m.Groups["num2"].Success ? "-" + m.Groups["num2"].Value : ""));
            string qualifier = "";
            var reference = ReferencePattern().Match(text[end..Math.Min(text.Length, end + 60)]);
            if (reference.Success)
                qualifier = "reference " + reference.Groups["lo"].Value.Replace(" ", "") + (reference.Groups["hi"].Success ? "-" + reference.Groups["hi"].Value : "");
            yield return new FoundFact("lab", name?.Canonical ?? "", value, unit, qualifier, start, end);
        }
    }

    [GeneratedRegex(@"[\(\[][^\(\)\[\]]{0,40}$")]
    private static partial Regex OpenBracketBefore();

    [GeneratedRegex(@"\b(?:normal|reference|ref|RV|NR|range|upper limit|lower limit|cut-?off|ULN|LLN)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceWords();

    [GeneratedRegex(@"\d\s*(?:" + UnitAlternation + @")\s*[,;]?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValueBefore();

    // A value inside brackets that give a reference range: "(normal: <5 mg/l)", "[reference up to 100 U/L]", or a
    // bare bracket right after another value ("8.5 pg/L (15–65 pg/L)").
    private static bool InsideReference(string text, int start)
    {
        var m = OpenBracketBefore().Match(text[Math.Max(0, start - 41)..start]);
        if (!m.Success) return false;
        string inside = m.Value; // from the bracket to the value
        if (ReferenceWords().IsMatch(inside[1..])) return true;
        if (inside[1..].Trim().TrimStart('<', '>', '≤', '≥').Trim().Length > 0) return false;
        int open = start - inside.Length;
        return ValueBefore().IsMatch(text[Math.Max(0, open - 30)..open]);
    }

    private readonly record struct NameMatch(int Start, int End, string Canonical);

    private static List<NameMatch> NameMatches(AnalyzedDocument document)
    {
        var list = new List<NameMatch>();
        foreach (var (first, last, canonical) in Names.Value.FindAll(document.Text, document.Tokens))
        {
            int s = document.Tokens[first].Start, e = document.Tokens[last].End;
            // A short abbreviation must carry its capital: "Mg" is magnesium, "mg" a unit; "K", not "k".
            if (e - s <= 3 && !document.Text.AsSpan(s, e - s).ContainsAnyInRange('A', 'Z')) continue;
            list.Add(new NameMatch(s, e, canonical));
        }
        return list;
    }

    // Words that may sit between a name and its value without being connectors: the setting of the measurement.
    private static readonly HashSet<string> FreeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "on", "room", "air", "rest", "admission", "arrival", "presentation", "discharge", "baseline", "day", "days",
        "later", "after", "before", "during", "time", "that", "this", "his", "her", "their", "its", "patient's",
        "measured", "recorded", "noted", "found", "detected", "observed", "obtained", "be", "being", "also", "only",
        "urine", "urinary", "arterial", "venous", "capillary", "fasting", "random", "postprandial", "systolic", "diastolic",
        "mean", "average", "rate", "ratio", "index", "fraction", "activity", "titer", "titre", "score", "percentage",
        "prolonged", "shortened", "lowered", "normal", "abnormal", "level's", "count's", "estimated", "echocardiography",
    };

    private static readonly HashSet<string> Connectors = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "was", "were", "is", "are", "level", "levels", "count", "counts", "concentration", "concentrations", "value",
        "values", "serum", "plasma", "blood", "total", "increased", "decreased", "elevated", "rose", "fell", "dropped",
        "to", "at", "from", "reached", "measured", "showed", "had", "has", "been", "and", "a", "an", "the", "high", "low",
        "raised", "reduced", "initial", "peak", "maximum", "minimum", "up", "down", "by", "with", "slightly", "markedly",
        "mildly", "significantly", "remained", "improved", "recovered", "normalized", "declined", "further", "again",
        "then", "later", "still", "within", "about", "approximately", "around", "nearly", "estimated", "as", "be",
    };

    // The nearest name before `offset` in the same sentence, joined to it only by connector words and punctuation.
    private NameMatch? NameBefore(AnalyzedDocument document, List<NameMatch> names, int offset)
    {
        string text = document.Text;
        var sentence = document.SentenceAt(offset);
        int sentenceStart = sentence?.Start ?? 0;
        NameMatch? best = null;
        foreach (var n in names)
        {
            if (n.End > offset) break;
            if (n.Start >= sentenceStart) best = n;
        }
        if (best is null) return null;
        // What lies between must be connectors, ':', '=', ',', '(' and no other number.
        int words = 0;
        foreach (var t in Tokenizer.Tokenize(text, best.Value.End, offset))
        {
            var s = t.TextOf(text);
            if (t.Kind == TokenKind.Number) return null;
            if (t.Kind == TokenKind.Word)
            {
                if (++words > Options.MaxWordsFromName) return null;
                if (!Connectors.Contains(s) && !FreeWords.Contains(s)) return null;
            }
            else if (t.Kind == TokenKind.Punctuation && s is not (":" or "=" or "," or "(" or ")" or "-" or "–" or "/")) return null;
            else if (t.Kind == TokenKind.Symbol && s is not ("=" or "~")) return null;
        }
        return best;
    }

    private static NameMatch? NameAfter(AnalyzedDocument document, List<NameMatch> names, int offset)
    {
        foreach (var n in names)
        {
            if (n.Start < offset) continue;
            return document.Text.AsSpan(offset, n.Start - offset).IsWhiteSpace() && n.Start - offset <= 2 ? n : null;
        }
        return null;
    }

    // A bare number (no unit) belongs to a name only when little stands between: "pH 7.21", "LVEF of 0.20".
    private static bool IsAdjacent(string text, int nameEnd, int valueStart)
    {
        int words = 0;
        foreach (var t in Tokenizer.Tokenize(text, nameEnd, valueStart))
            if (t.Kind == TokenKind.Word && ++words > 3) return false;
        return true;
    }

    private static UnitKind KindOf(string unit) => unit switch
    {
        "" => UnitKind.None,
        "%" or "kg" or "cm" or "mm" or "s" or "ms" or "kg/m2" or "fL" => UnitKind.Ambiguous,
        "L" or "mL" or "°" => UnitKind.Ambiguous,
        var u when u.EndsWith("/day") || u.EndsWith("/d") => UnitKind.Ambiguous,
        _ => UnitKind.Lab,
    };

    private static string SuperscriptDigits(string s)
    {
        const string sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var chars = s.ToCharArray();
        for (int i = 0; i < chars.Length; i++) { int k = sup.IndexOf(chars[i]); if (k >= 0) chars[i] = (char)('0' + k); }
        return new string(chars);
    }

    /// <summary>The canonical spelling of a unit as written (OCR confusions read back): "mg/di" -> "mg/dL".</summary>
    public static string NormalizeUnit(string raw, string multiplier = "")
    {
        string u = Regex.Replace(raw, @"\s+", "");
        if (u.Length > 0)
        {
            u = u.Replace('μ', 'µ');
            if (u.StartsWith("mcg")) u = "µg" + u[3..];
            else if (u.StartsWith("mc") && u.Length > 2 && u[2] is 'm' or 'I' or 'U') u = "µ" + u[2..];
            else if (u.Length > 1 && u[0] == 'u' && (u[1] is 'g' or 'm' or 'I' or 'U')) u = "µ" + u[1..];
            u = Regex.Replace(u, @"/d[lIi1]$", "/dL");
            u = Regex.Replace(u, @"/(?:l|I|1)$", "/L");
            u = Regex.Replace(u, @"/(?:µ|u)l$", "/µL");
            u = Regex.Replace(u, @"/m[lI]$", "/mL");
            u = u.Replace("mm³", "mm3").Replace("mm^3", "mm3").Replace("℃", "°C").Replace("iu", "IU");
            u = Regex.Replace(u, @"^degrees?(?:C|Celsius)$", "°C");
            u = Regex.Replace(u, @"^degrees?(?:F|Fahrenheit)$", "°F");
            u = Regex.Replace(u, @"^beats(?:per|/)min(?:ute)?$|^b\.p\.m\.$", "bpm");
            u = Regex.Replace(u, @"^breaths(?:per|/)min(?:ute)?$", "breaths/min");
            u = Regex.Replace(u, @"^sec(?:onds)?$", "s");
            u = u.Replace("msec", "ms").Replace("mmHg", "mmHg").Replace("fl", "fL").Replace("kg/m²", "kg/m2");
        }
        if (multiplier.Length > 0)
        {
            var exp = Regex.Match(multiplier, @"10\s*(?:\^|\*\*)?\s*(?<e>[-−]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})\s*$");
            string e = exp.Groups["e"].Value.Replace('−', '-');
            // "x 109" is 10^9 with the superscript flattened by the scan or the typesetting; "10³" is 10^3.
            e = SuperscriptDigits(e);
            string m = "× 10^" + e;
            return u.Length > 0 ? m + (u.StartsWith('/') ? u : " " + u) : m;
        }
        return u;
    }
}
