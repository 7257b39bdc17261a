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
    // Anatomical structures measured by their size (echo chambers, vessels, bone lengths): names only for length units.
    private static readonly Lazy<Gazetteer<string>> Structures = new(() => ResourceLists.Gazetteer("findings/structures.tsv"));
    private static readonly HashSet<string> LengthUnits = ["mm", "cm", "m", "mm2", "cm2"];

    // Number: 1,200 | 9.2 | 9,2 | <3 | ≥95 | 0.6-1.1 ; optionally × 10^9 (also "x 109", superscript lost).
    private const string Num = @"\d+(?:[.,]\d+)?";
    [GeneratedRegex(@"(?<![\w.,/])(?<cmp>[<>≤≥]=?\s*)?(?<neg>(?<=[\s(:=,]|^)[-−](?=\d))?(?<num>" + Num + @")(?:\s*(?:-|–|−|to|(?<=\bbetween\s+[<>]?" + Num + @")\s+and)\s*(?<num2>" + Num + @"))?(?<mult>\s*[×xX*]\s*10\s*(?:\^|\*\*)?\s*[-−]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}(?![\d.]))?\s?(?<unit>" + UnitAlternation + @")?", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePattern();

    [GeneratedRegex(@"(?<![\w.,/])(?<sys>\d{2,3})\s*/\s*(?<dia>\d{2,3})\s*(?<unit>mm\s?Hg|mmHg)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BloodPressurePattern();

    [GeneratedRegex(@"^\s*[\(\[]\s*(?:(?:normal|reference|ref\.?|RV|NR|range|N|upper limit|cut-?off)[\w ,.]{0,25}?\s*[:=,]?\s*)?(?:up to\s*)?(?<lo>[<>≤≥]?\s*" + Num + @")(?:\s*(?:-|–|−|to)\s*(?<hi>" + Num + @"))?\s*(?:" + UnitAlternation + @")?\s*[\)\]]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ReferencePattern();

    // Units, longest first within each family; OCR variants (l/I/1 for L, di for dL, u for µ) included.
    private const string L = @"(?:L|l|I|1)(?![a-zA-Z])";
    // µ is often read as u, y or ~ by OCR; only ever taken before g/mol/L/IU, where no word starts so.
    private const string Micro = @"(?:µ|μ|u|mc|y|~)";
    private const string UnitAlternation =
        @"(?:(?:g|mg|" + Micro + @"g|ng|pg)\s?(?:/|per\s)\s?(?:milliliter|millilitre|liter|litre|deciliter|decilitre)" +
        @"|(?:g|mg|" + Micro + @"g|ng|pg)\s?/\s?(?:dL|dl|di|dI|d1|d" + L + @")" +
        @"|(?:m|" + Micro + @"|n|p|f)?m[oe][lV]\s?/\s?(?:" + L + @"|dL|dl|mL|ml)" +
        @"|pe\s?/\s?(?:dL|mL|" + L + @")" +
        @"|mEq\s?/\s?" + L + @"|mOsm\s?/\s?kg" +
        @"|(?:m|k|" + Micro + @")?(?:IU|U|iu)\s?/\s?(?:" + L + @"|mL|ml|dL)" +
        @"|(?:g|mg|" + Micro + @"g|ng|pg)\s?/\s?(?:mL|ml|" + L + @"|24\s?h(?:ours?)?|day|d)" +
        @"|copies\s?/\s?mL|(?:cells|leukocytes|leucocytes|WBCs?|RBCs?|erythrocytes)\s?/\s?(?:" + Micro + @"L|mm3|mm³|mL|L|" + Micro + @"l|HPF|hpf)" +
        @"|/\s?(?:L(?![a-z])|" + Micro + @"L|mm3|mm³|mm\^3|" + Micro + @"l|hpf|HPF|min|dL(?![a-z])|mL(?![a-z]))" +
        @"|(?:n|p|" + Micro + @"|m)M(?![a-zA-Z])|Torr(?![a-z])" +
        @"|mm\s?Hg|mmHg|cm\s?H2O|kPa" +
        @"|beats\s?(?:per|/)\s?min(?:ute)?|breaths\s?(?:per|/)\s?min(?:ute)?|bpm|b\.p\.m\." +
        @"|°\s?[CF]|℃|degrees?\s?(?:C|F|Celsius|Fahrenheit)\b" +
        @"|mL\s?/\s?min(?:\s?/\s?1\.73\s?m2)?|L\s?/\s?min(?:\s?/\s?m2)?" +
        @"|fL|fl(?![a-z])|kg\s?/\s?m2|kg\s?/\s?m²|kg(?![a-z])|(?:cm|mm)(?:2|²)(?![\d]|[.,]\d)|cm(?![a-z])|mm(?![a-z])|msec|ms(?![a-z])|sec(?:onds)?(?![a-z])|s(?![a-z])" +
        @"|mL(?![a-z/])|L(?![a-zA-Z/])|°(?![CF])|HU(?![a-zA-Z])|dB(?![a-zA-Z])|m(?![\w/²])|percent(?![a-z])" +
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
        foreach (var f in Fractions(document, names).Concat(Grades(document)))
        {
            if (taken.Any(t => f.Start < t.Item2 && t.Item1 < f.End)) continue;
            taken.Add((f.Start, f.End));
            yield return f;
        }
        foreach (Match m in WeightChangePattern().Matches(text))
        {
            var g = m.Groups["v"];
            int vs = g.Index, ve = m.Groups["u"].Index + m.Groups["u"].Length;
            if (taken.Any(t => vs < t.Item2 && t.Item1 < ve)) continue;
            taken.Add((vs, ve));
            string unit = m.Groups["u"].Value.StartsWith('k') ? "kg" : "lb";
            yield return new FoundFact("lab", "weight change", g.Value.Replace('–', '-'), unit, "", vs, ve);
        }
        FoundFact? previous = null;
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
            // A structure names only its size: "left atrium of 52 mm" is a measurement, "left atrium 3 days" is not.
            if (name is { Structure: true }) { if (LengthUnits.Contains(unit)) kind = UnitKind.Lab; else name = null; }
            // "valve prosthesis (diameter 25 mm)": the size of a device, not of the patient.
            if (name is { } sized && LengthUnits.Contains(unit) && SizeHead().IsMatch(sized.Canonical)
                && DeviceWords().IsMatch(text.AsSpan(Math.Max(0, sized.Start - 60), Math.Min(60, sized.Start)).ToString())) continue;
            bool nameAfter = false;
            if (name is null && unit == "%") { name = NameAfter(document, names, end); nameAfter = name is not null; }
            // A percentage is a measured value (saturation, fraction, activity, stenosis) unless it speaks of a
            // population, a trial result, a solution or a dose change.
            if (name is null && unit == "%" && !PercentIsNoMeasurement(document, start, end)) kind = UnitKind.Lab;
            // A bare number right before its reference range: "light chains 1,763 (normal range: 598–1,329 mg/dL)".
            var reference = ReferencePattern().Match(text[end..Math.Min(text.Length, end + 60)]);
            if (name is null && kind == UnitKind.None && reference.Success && ReferenceWords().IsMatch(reference.Value)) kind = UnitKind.Lab;
            // "at 4 weeks", "41 min", "8-10 seizures/day", "02:15 p.m.", "after 12 and 24 months": a time or a count, not a measured value.
            if (kind == UnitKind.None && TimeOrCountAfter().IsMatch(text.AsSpan(end, Math.Min(16, text.Length - end)).ToString())) continue;
            // A list continues the name of its first value: "Hb 9.2, Plt 52" has both names, "were 40°, 8°, and 17°"
            // and "Apgar scores 9 and 10" give theirs to every value.
            if (name is null && previous is { } p && p.Unit == unit && ListGap().IsMatch(text.AsSpan(p.End, Math.Max(0, start - p.End)).ToString()))
            {
                name = new NameMatch(p.Start, p.Start, p.Name);
                if (kind == UnitKind.None) kind = UnitKind.Lab;
            }
            if (name is null && kind != UnitKind.Lab) continue;
            if (name is not null && kind == UnitKind.None && !IsAdjacent(text, name.Value.End, start) && !reference.Success) continue;
            // "CK 5/6", "800 mg 5 times daily": a bare number that is part of a name or a count of times.
            if (kind == UnitKind.None && Regex.IsMatch(text.AsSpan(end, Math.Min(8, text.Length - end)).ToString(), @"^\s*(?:/|times\b|x\b)")) continue;
            // A count after its name needs no unit; a name far from a bare number is not its name.
            string value = m.Groups["cmp"].Value.Replace(" ", "") + (m.Groups["neg"].Success ? "-" : "") + m.Groups["num"].Value + (m.Groups["num2"].Success ? "-" + m.Groups["num2"].Value : "");
            string qualifier = "";
            if (reference.Success)
                qualifier = "reference " + reference.Groups["lo"].Value.Replace(" ", "") + (reference.Groups["hi"].Success ? "-" + reference.Groups["hi"].Value : "");
            var fact = new FoundFact("lab", name?.Canonical ?? "", value, unit, qualifier, start, end);
            previous = fact;
            yield return fact;
        }
        foreach (Match m in TiterPattern().Matches(text))
        {
            var sentence = document.SentenceAt(m.Index);
            if (sentence is not { } st || !TiterCue().IsMatch(text.AsSpan(st.Start, Math.Min(text.Length, st.End) - st.Start).ToString())) continue;
            if (taken.Any(t => m.Index < t.Item2 && t.Item1 < m.Index + m.Length)) continue;
            yield return new FoundFact("lab", "titer", m.Value.Replace(" ", ""), "", "", m.Index, m.Index + m.Length);
        }
    }

    [GeneratedRegex(@"^\s*(?:,\s*(?:and|or)?|and|or)\s*$")]
    private static partial Regex ListGap();

    [GeneratedRegex(@"^(?::\d|(?:\s*(?:,|and|or)\s*\d{1,3}(?![\d.,]))*\s*(?:min(?:utes?)?|h|hrs?|hours?|days?|weeks?|months?|years?|times|cycles?|sessions?|episodes?|seizures?|doses?|patients|cases|courses?|lines?)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex TimeOrCountAfter();

    // An antibody titer: "ANA 1:640", "antinuclear antibodies (1 : 320, speckled)".
    [GeneratedRegex(@"(?<![\d:.])1\s?:\s?\d{2,5}(?![\d:])")]
    private static partial Regex TiterPattern();

    [GeneratedRegex(@"\b(?:antibod\w*|titers?|titres?|ANA|ANCA|dilution|seropositiv\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TiterCue();

    // "weight loss of 8 kg", "lost 5 kg", "a 15–20 pound weight loss", "gained 13 kg": a change of body weight.
    [GeneratedRegex(@"(?:\b(?:los[st]|lost|gain(?:ed)?|weight loss|weight gain)\s*(?:\(\s*|of\s+|\s)(?:approximately\s+|about\s+|around\s+|nearly\s+|over\s+|up to\s+)?(?<v>\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?)\s?(?<u>kg|kilograms?|lbs?|pounds?)\b)|(?:(?<![\w.])(?<v>\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?)\s?[-]?(?<u>kg|kilograms?|lbs?|pounds?)\)?\s+(?:of\s+)?(?:body\s+)?weight\s+(?:loss|gain))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex WeightChangePattern();

    // "in 30% of patients", "a response rate of 35%", "10% formalin", "reduced by 25%": no measurement of the patient.
    [GeneratedRegex(@"^\s*(?:of\s+(?:the\s+|all\s+|these\s+)?(?:patients|cases|subjects|individuals|people|population|children|adults|women|men)\b|(?:neutral\s+|buffered\s+)?(?:formalin|formaldehyde|saline|solution|dextrose|ethanol|alcohol|lidocaine|NaCl|sodium|povidone|chlorhexidine|agarose|acetic|w/v|v/v|isopropyl|glycerol|sucrose)\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PopulationOrSolutionAfter();

    [GeneratedRegex(@"\b(?:response|responses|survival|remission|mortality|morbidity|incidence|prevalence|trials?|stud(?:y|ies)|series|literature|cohort|probability|chance|risk|sensitivity|specificity|dose|doses|dosage|reduced|reduction|by|in|CR|PR|SD|PD|ORR|DCR|OS|PFS|TTP|efficacy|accuracy|success|confidence|CI|p)\W*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StatisticBefore();

    private static bool PercentIsNoMeasurement(AnalyzedDocument document, int start, int end)
    {
        string text = document.Text;
        if (PopulationOrSolutionAfter().IsMatch(text.AsSpan(end, Math.Min(40, text.Length - end)).ToString())) return true;
        // The words of the clause before the value (up to 6), back to a clause boundary.
        int sentenceStart = document.SentenceAt(start)?.Start ?? 0;
        int from = start, words = 0;
        while (from > sentenceStart && words < 6)
        {
            char c = text[from - 1];
            if (c is ';' or '.' && from - 1 > sentenceStart) break;
            if (char.IsWhiteSpace(c) && from < start && !char.IsWhiteSpace(text[from])) words++;
            from--;
        }
        string before = text[from..start];
        foreach (Match w in Regex.Matches(before, @"[\p{L}\p{N}]+"))
            if (StatisticBefore().IsMatch(w.Value)) return true;
        return false;
    }

    // Values written as a fraction: blood pressure without its unit (after the name), murmur grades "2/6",
    // muscle strength "4/5", visual acuity "20/40" or "6/9 N5", scores "17/30"; each needs its cue in the sentence.
    [GeneratedRegex(@"(?<![\w.,/])(?:(?<grade>grade\s+))?(?<a>\d{1,3}(?:[.,]\d)?)\s*/\s*(?<b>\d{1,3}(?:[.,]\d)?)(?:\s*/\s*(?<c>\d{1,3}))?(?![\d/])(?:\s+(?<n>N\d{1,2})\b)?(?:\s+(?<u>mm\s?Hg|mmHg|mm/Hg))?(?:\s?(?<len>mm|cm)(?![a-zA-Z]))?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FractionPattern();

    [GeneratedRegex(@"\bmurmurs?\b", RegexOptions.IgnoreCase)] private static partial Regex MurmurCue();
    [GeneratedRegex(@"\b(?:strength|power|motor|muscle|MRC)\b", RegexOptions.IgnoreCase)] private static partial Regex StrengthCue();
    [GeneratedRegex(@"\b(?:acuity|acuities|vision|VA|BCVA|Snellen)\b", RegexOptions.IgnoreCase)] private static partial Regex AcuityCue();

    private static readonly HashSet<string> FractionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "blood pressure", "pulmonary artery pressure", "pulmonary capillary wedge pressure", "visual acuity", "glasgow coma scale", "score",
    };

    private IEnumerable<FoundFact> Fractions(AnalyzedDocument document, List<NameMatch> names)
    {
        string text = document.Text;
        foreach (Match m in FractionPattern().Matches(text))
        {
            int start = m.Index, end = m.Index + m.Length;
            var sentence = document.SentenceAt(start);
            string sentenceText = sentence is { } st ? text[st.Start..Math.Min(text.Length, st.End)] : text;
            double.TryParse(m.Groups["a"].Value.Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture, out double a);
            string b = m.Groups["b"].Value;
            string? name = null;
            string unit = m.Groups["u"].Success ? "mmHg" : "";
            var before = NameBefore(document, names, start);
            // Two sizes of one structure: "LV diameters 60/42 mm" (end-diastolic/end-systolic).
            if (m.Groups["len"].Success)
            {
                if (m.Groups["u"].Success || m.Groups["c"].Success || before is not { } sn || !(sn.Structure || SizeHead().IsMatch(sn.Canonical))) continue;
                yield return new FoundFact("lab", sn.Canonical, m.Groups["a"].Value + "/" + b, m.Groups["len"].Value, "", start, end);
                continue;
            }
            if (before is { } n && (FractionNames.Contains(n.Canonical) || n.Canonical.EndsWith(" score", StringComparison.OrdinalIgnoreCase) || n.Canonical.EndsWith(" pressure", StringComparison.OrdinalIgnoreCase))
                && (m.Groups["c"].Success || !n.Canonical.Contains("pressure") || a >= 20)) name = n.Canonical;
            else if (b == "6" && a is >= 1 and <= 6 && MurmurCue().IsMatch(sentenceText)) name = "murmur grade";
            else if (b == "5" && a is >= 0 and <= 5 && StrengthCue().IsMatch(sentenceText)) name = "muscle strength";
            else if ((b.Length >= 2 && a == 20 || a == 6 && !m.Groups["c"].Success) && AcuityCue().IsMatch(sentenceText)) name = "visual acuity";
            if (name is null) continue;
            if (m.Groups["grade"].Success && name != "murmur grade") start = m.Groups["a"].Index;
            string value = m.Groups["a"].Value + "/" + b + (m.Groups["c"].Success ? "/" + m.Groups["c"].Value : "") + (m.Groups["n"].Success ? " " + m.Groups["n"].Value : "");
            yield return new FoundFact("lab", name, value, unit, "", start, end);
        }
    }

    [GeneratedRegex(@"\b(?:prosthes[ie]s|stents?|catheters?|grafts?|tubes?|sheaths?|balloons?|needles?|cannulas?|devices?|implants?|coils?|occluders?|valves? was implanted)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DeviceWords();

    [GeneratedRegex(@"\b(?:diameters?|dimensions?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SizeHead();

    // Semi-quantitative grades of a sign: "2+ cells", "+2 pitting edema", "grade 1+ mitral regurgitation", "(3+)".
    [GeneratedRegex(@"(?<![\w+/.])(?:grade\s+)?(?<v>[1-4]\+|\+[1-4])(?![\d+\w])(?=\s*[\p{L})])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PlusGradePattern();

    // Graded valve and murmur findings: "grade 3 holosystolic murmur", "4th degree mitral insufficiency".
    [GeneratedRegex(@"\b(?:grade\s+(?<v>[1-6]|I{1,3}|IV|VI?)|(?<v>[1-4])(?:st|nd|rd|th)[\s-]degree)\s+(?<noun>(?:[a-z]+\s+){0,2}?(?:murmur|regurgitation|insufficiency|incompetence|reflux|stenosis|hydronephrosis))\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SignGradePattern();

    // Growth percentiles: "weight 2.3 kg (10th percentile)".
    [GeneratedRegex(@"(?<![\w.])(?<v>\d{1,2}(?:st|nd|rd|th))\s+percentile\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PercentilePattern();

    [GeneratedRegex(@"^\s*(?<w>[a-z]+(?:\s+[a-z]+){0,2})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex WordsAfter();

    private static readonly HashSet<string> PhraseStops = new(StringComparer.OrdinalIgnoreCase) { "and", "or", "in", "of", "with", "on", "at", "was", "were", "is", "are", "the", "a" };

    // Vital signs told by their decade: "systolic pressures in the 90s", "tachycardia to the 120s".
    [GeneratedRegex(@"\b(?:in|to|into)\s+(?:the\s+)?(?:(?:high|low|mid|upper|lower)[\s-]+)?(?<v>\d0|1\d0|2\d0)'?s\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DecadePattern();

    [GeneratedRegex(@"\b(?:(?<name>systolic|diastolic|blood pressures?|BP|heart rates?|HR|pulse|tachycardi\w*|bradycardi\w*|hypertensi\w*|hypotensi\w*|saturations?|SpO2|sats|respiratory rates?|glucose|sugars?)\b)[^.;]{0,30}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex VitalBefore();

    // Positive lymph nodes of those examined: "3 of 12 lymph nodes were involved", "2/15 nodes positive".
    [GeneratedRegex(@"(?<![\w.,/])(?<a>\d{1,2})\s*(?:of|/|out of)\s*(?<b>\d{1,3})\s+(?:(?:regional|resected|dissected|examined|retrieved|harvested|removed|axillary|pelvic|mediastinal|sentinel)\s+){0,2}(?:lymph\s+)?nodes?\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NodeRatioPattern();

    /// <summary>Graded findings (semi-quantitative "2+", valve and murmur grades), growth percentiles, vital signs
    /// told by their decade and lymph node ratios.</summary>
    private static IEnumerable<FoundFact> Grades(AnalyzedDocument document)
    {
        string text = document.Text;
        foreach (Match m in PlusGradePattern().Matches(text))
        {
            int end = m.Index + m.Length;
            // The graded sign is what follows ("2+ vitreous cells"), or before a bracketed grade ("HER2 (3+)").
            string name = "";
            var after = WordsAfter().Match(text, end, Math.Min(40, text.Length - end));
            if (after.Success)
                name = string.Join(" ", after.Groups["w"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(w => !PhraseStops.Contains(w)));
            if (name.Length == 0) name = "grade";
            string v = m.Groups["v"].Value;
            yield return new FoundFact("lab", name, v.StartsWith('+') ? v[1..] + "+" : v, "", "", m.Index, end);
        }
        foreach (Match m in SignGradePattern().Matches(text))
        {
            var v = m.Groups["v"];
            int degree = m.Value.IndexOf("degree", StringComparison.OrdinalIgnoreCase);
            int end = degree >= 0 ? m.Index + degree + "degree".Length : v.Index + v.Length;
            yield return new FoundFact("lab", Regex.Replace(m.Groups["noun"].Value.Trim(), @"\s+", " ") + " grade", v.Value, "", "", m.Index, end);
        }
        foreach (Match m in DecadePattern().Matches(text))
        {
            var vital = VitalBefore().Match(text.AsSpan(Math.Max(0, m.Index - 40), Math.Min(40, m.Index)).ToString());
            if (!vital.Success) continue;
            var v = m.Groups["v"];
            yield return new FoundFact("lab", vital.Groups["name"].Value.ToLowerInvariant(), v.Value + "s", "", "decade", v.Index, m.Index + m.Length);
        }
        foreach (Match m in NodeRatioPattern().Matches(text))
        {
            if (!int.TryParse(m.Groups["a"].Value, out int a) || !int.TryParse(m.Groups["b"].Value, out int b) || a > b) continue;
            yield return new FoundFact("lab", "positive lymph nodes", a + "/" + b, "", "", m.Index, m.Groups["b"].Index + m.Groups["b"].Length);
        }
        foreach (Match m in PercentilePattern().Matches(text))
            yield return new FoundFact("lab", "percentile", m.Groups["v"].Value, "percentile", "", m.Index, m.Index + m.Length);
    }

    [GeneratedRegex(@"[\(\[][^\(\)\[\]]{0,40}$")]
    private static partial Regex OpenBracketBefore();

    [GeneratedRegex(@"\b(?:normal|reference|ref|RV|NR|range|upper limit|lower limit|cut-?off|ULN|LLN)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceWords();

    [GeneratedRegex(@"\d\s*(?<unit>" + UnitAlternation + @")\s*[,;]?\s*$", RegexOptions.CultureInvariant)]
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
        var before = ValueBefore().Match(text[Math.Max(0, open - 30)..open]);
        if (!before.Success) return false;
        // "98°F (36.7°C)": one value in another unit is the same measurement converted, not a reference range.
        var own = ConvertedValue().Match(text, start, Math.Min(40, text.Length - start));
        return !(own.Success && NormalizeUnit(own.Groups["unit"].Value) != NormalizeUnit(before.Groups["unit"].Value));
    }

    [GeneratedRegex(@"\G" + Num + @"\s?(?<unit>" + UnitAlternation + @")\s*[\)\]]", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedValue();

    private readonly record struct NameMatch(int Start, int End, string Canonical, bool Structure = false);

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
        foreach (var (first, last, canonical) in Structures.Value.FindAll(document.Text, document.Tokens))
        {
            int s = document.Tokens[first].Start, e = document.Tokens[last].End;
            if (e - s <= 3 && !document.Text.AsSpan(s, e - s).ContainsAnyInRange('A', 'Z')) continue;
            if (list.Any(n => n.Start < e && s < n.End)) continue;
            list.Add(new NameMatch(s, e, canonical, Structure: true));
        }
        // Head nouns of a measured quantity stand for a name the list lacks: "growth rate of 2%", "factor IX
        // activity was 3%", "the Golde score 80"; the name is the head with up to two words before it.
        var tokens = document.Tokens;
        var text = document.Text;
        for (int i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Kind != TokenKind.Word || !MeasureHeads.Contains(tokens[i].TextOf(text))) continue;
            int s = tokens[i].Start, e = tokens[i].End;
            if (list.Any(n => n.Start < e && s < n.End)) continue;
            int first = i;
            for (int j = i - 1; j >= 0 && j >= i - 2; j--)
            {
                var t = tokens[j];
                if (t.Kind is not (TokenKind.Word or TokenKind.Number) || text.AsSpan(t.End, tokens[j + 1].Start - t.End).ContainsAny('\n', '\r')) break;
                var w = t.TextOf(text);
                if (Connectors.Contains(w) || FreeWords.Contains(w) || HeadStops.Contains(w)) break;
                first = j;
            }
            string phrase = text[tokens[first].Start..e];
            if (NoMeasurementWords().IsMatch(phrase)) continue;
            list.Add(new NameMatch(tokens[first].Start, e, phrase));
        }
        list.Sort((x, y) => x.Start.CompareTo(y.Start));
        return list;
    }

    private static readonly HashSet<string> MeasureHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "level", "levels", "concentration", "concentrations", "activity", "titer", "titre", "titers", "ratio", "index",
        "score", "scores", "fraction", "rate", "saturation", "values", "volume", "time", "interval", "gradient", "velocity", "pressure",
        "pressures", "shortening", "clearance", "value", "percentile", "resistance",
        // sizes of what is measured ("ventricle dimension 61 mm", "head circumference 48 cm"); not a bare diameter or thickness (often a lesion's)
        "dimension", "dimensions", "circumference",
    };

    private static readonly HashSet<string> HeadStops = new(StringComparer.OrdinalIgnoreCase)
    {
        "this", "these", "those", "any", "no", "not", "showed", "revealed", "demonstrated", "with", "without", "in", "for", "on", "her", "his",
    };

    // Heads that name a result of a trial or a population rather than a measurement of the patient.
    [GeneratedRegex(@"\b(?:response|survival|remission|mortality|recurrence|incidence|prevalence|success|cure|failure|relapse|progression|infusion|dose|dosing|time of|first time|same time|growth hormone|tumou?rs?|mass|masses|lesions?|nodules?|cysts?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoMeasurementWords();

    // Words that may sit between a name and its value without being connectors: the setting of the measurement.
    private static readonly HashSet<string> FreeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "on", "room", "air", "rest", "admission", "arrival", "presentation", "discharge", "baseline", "day", "days",
        "later", "after", "before", "during", "time", "that", "this", "his", "her", "their", "its", "patient's",
        "measured", "recorded", "noted", "found", "detected", "observed", "obtained", "be", "being", "also", "only",
        "urine", "urinary", "arterial", "venous", "capillary", "fasting", "random", "postprandial", "systolic", "diastolic",
        "mean", "average", "rate", "ratio", "index", "fraction", "activity", "titer", "titre", "score", "percentage",
        "prolonged", "shortened", "lowered", "normal", "abnormal", "level's", "count's", "estimated", "echocardiography",
        "end", "diastole", "systole", "end-diastole", "end-systole", "diastolic", "systolic", "dilated", "enlarged",
        "diameter", "diameters", "thickness", "dimension", "dimensions", "size", "length", "width",
    };

    private static readonly HashSet<string> Connectors = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "was", "were", "is", "are", "level", "levels", "count", "counts", "concentration", "concentrations", "value",
        "values", "serum", "plasma", "blood", "total", "increased", "decreased", "elevated", "rose", "fell", "dropped",
        "to", "at", "from", "reached", "measured", "showed", "had", "has", "been", "and", "a", "an", "the", "high", "low",
        "raised", "reduced", "initial", "peak", "maximum", "minimum", "up", "down", "by", "with", "slightly", "markedly",
        "mildly", "significantly", "remained", "improved", "recovered", "normalized", "declined", "further", "again",
        "then", "later", "still", "within", "about", "approximately", "around", "nearly", "estimated", "as", "be",
        "less", "than", "greater", "more", "over", "under", "above", "below", "between", "only", "right", "left",
        "bilaterally", "respectively", "scored",
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
        var between = Tokenizer.Tokenize(text, best.Value.End, offset).ToList();
        bool IsAbbreviation(int k) => k >= 0 && k < between.Count && between[k].Kind == TokenKind.Word && between[k].TextOf(text) is var w
            && w.Length <= 8 && w.Any(char.IsUpper) && !w.Any(char.IsLower);
        // "[INR]": square brackets around the name's abbreviation (a bracketed number stays a citation).
        bool AroundAbbreviation(int k) => between[k].TextOf(text) switch
        {
            "[" => IsAbbreviation(k + 1) && k + 2 < between.Count && between[k + 2].TextOf(text) == "]",
            "]" => IsAbbreviation(k - 1) && k >= 2 && between[k - 2].TextOf(text) == "[" || k == 0 && best.Value.Start > 0 && text[best.Value.Start - 1] == '[',
            _ => false,
        };
        for (int k = 0; k < between.Count; k++)
        {
            var t = between[k];
            var s = t.TextOf(text);
            // The name's abbreviation in brackets: "clotting time (CT) (228 s)".
            if (k > 0 && k + 1 < between.Count && between[k - 1].TextOf(text) is "(" or "[" && between[k + 1].TextOf(text) is ")" or "]"
                && s.Any(char.IsUpper) && !s.Any(char.IsLower) && s.Length <= 8) continue;
            if (t.Kind == TokenKind.Number) return null;
            if (t.Kind == TokenKind.Word)
            {
                if (++words > Options.MaxWordsFromName) return null;
                if (!Connectors.Contains(s) && !FreeWords.Contains(s)) return null;
            }
            else if (t.Kind == TokenKind.Punctuation && s is not (":" or "=" or "," or "(" or ")" or "-" or "–" or "/") && !AroundAbbreviation(k)) return null;
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
        "%" or "kg" or "cm" or "mm" or "s" or "ms" or "kg/m2" or "fL" or "m" or "cm2" or "mm2" => UnitKind.Ambiguous,
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
            else if (u.Length > 1 && u[0] is 'u' or 'y' or '~' && (u[1] is 'g' or 'm' or 'I' or 'U')) u = "µ" + u[1..];
            u = Regex.Replace(u, @"m[oe][lV]/", "mol/");
            u = Regex.Replace(u, @"^pe/", "pg/");
            u = Regex.Replace(u, @"(?:/|per)(?:milliliter|millilitre)$", "/mL");
            u = Regex.Replace(u, @"(?:/|per)(?:deciliter|decilitre)$", "/dL");
            u = Regex.Replace(u, @"(?:/|per)(?:liter|litre)$", "/L");
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
            u = u.Replace("cm²", "cm2").Replace("mm²", "mm2");
            if (u == "percent") u = "%";
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
