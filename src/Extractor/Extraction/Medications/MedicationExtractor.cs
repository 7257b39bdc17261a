using System.Text.RegularExpressions;
using Extractor.Extraction.Doses;
using Extractor.Extraction.Drugs;
using Extractor.Language;

namespace Extractor.Extraction.Medications;

/// <summary>Options of the medication extractor.</summary>
public sealed record MedicationOptions
{
    /// <summary>How far after a drug name a dose may start (characters, same sentence, before the next drug).</summary>
    public int MaxDoseDistance { get; init; } = 70;
    /// <summary>Emit rows for drugs named only as context ("interferon alpha-resistant", "resistant to chemotherapy").</summary>
    public bool IncludeContextMentions { get; init; } = true;
    public static readonly MedicationOptions Default = new();
}

/// <summary>
/// One medications.csv row per drug mention: the drug (lexicon, class term, INN stem, or an OCR-damaged name by edit
/// distance when a dose follows), its dose, frequency, route, duration, relative dose, dose change, timing and
/// negation, read from the drug's own stretch of the sentence (up to the next drug). Drugs given in one sentence with
/// an administration verb share a regimen id; "at the same dose" copies the dose of the drug's previous mention.
/// </summary>
public sealed class MedicationExtractor(DrugLexicon lexicon, MedicationOptions options) : IExtractor
{
    public static readonly MedicationExtractor Instance = new(DrugLexicon.Default, MedicationOptions.Default);

    private const RegexOptions Rx = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly Regex SameDose = new(@"\b(?:at|with|in)?\s*the\s+same\s+(?:dose|dosage|doses|regimen|schedule|dosing)\b", Rx);
    private static readonly Regex AdministrationCue = new(
        @"\b(?:receiv\w*|given|gave|administ\w*|treated|treatment\s+with|started|starting|initiated|commenced|prescribed|taking|took|switched|continued|resumed|added|re-?challenged|infused|injected|put\s+on|placed\s+on|(?:was|were)\s+on|dose\s+of|reduced|increased|tapered|consisted\s+of|restarted)\b",
        Rx);
    private static readonly Regex PreNegation = new(@"\b(?:no|not|without|never|nor|neither|denied|denies|refused|declined|avoided|instead\s+of|rather\s+than|free\s+of)\b", Rx);
    private static readonly Regex NegationBlocker = new(@"[,;:()]|\b(?:but|however|although|though|which|who|then|after|because|since|until|except|response|responded|respond|improvement|improve|effect|effects|benefit|change|sign|signs|evidence|relief|reaction|resistance|resistant|complications?|side|adverse|toxicity|toxicities|longer|need|needed|requiring|required|further\s+\w+ment)\b", Rx);
    private static readonly Regex PostNegation = new(
        @"^[^.;:]{0,40}?\b(?:(?:was|were|is|are|had\s+been|has\s+been|have\s+been|being|could\s+be|could)\s+(?:not|never)\s+(?:be\s+)?(?:given|administered|started|used|prescribed|initiated|received|commenced|applied|taken|instituted|introduced|added|resumed|restarted|continued|repeated)|(?:was|were)\s+(?:withheld|avoided|omitted|contraindicated))\b",
        Rx);
    private static readonly Regex ContextAfter = new(@"^\s*[-‐]?\s*(?<c>resistant|refractory|naive|naïve|induced|associated|related|intolerant|dependent|sensitive|free)\b", Rx);
    private static readonly Regex ContextBefore = new(@"\b(?<c>resistant|refractory|resistance|intolerant|intolerance|allergy|allergic|hypersensitivity|sensitivity|unresponsive|response|failure\s+of|failed)\s+(?:to\s+)?(?:the\s+|prior\s+|previous\s+)?$", Rx);
    private static readonly Regex AnalyteAfter = new(@"^\s*[-‐]?\s*(?:levels?|concentrations?|deficiency|deficient|resistance|receptors?|sensitivity|secretion|assay|antibod\w*|producing|secreting|tolerance|tests?|stimulation|axis|clearance|metabolism|status|index|ratio|-?like|analogues?|pathway|gene|mutation)\b|^\s*(?:level\s*)?(?:of\s*|was\s*|:\s*|=\s*)?\d+(?:[.,]\d+)?\s*[a-zμµ]*\s*/\s*(?:d?l|ml|mL)\b", Rx);
    private static readonly Regex Measurement = new(@"\b(?:proteinuria|protein\w*|albumin\w*|excretion|output|intake|loss|levels?|concentrations?|clearance|fell|rose|dropped|weight|weighing|urine|urinary|serum|plasma|glucose|sodium|creatinine|ferritin|h(?:a)?emoglobin|Hb|cholesterol|triglycerides?)\b[^,;()]*$", Rx);
    private static readonly Regex LabBefore = new(@"\b(?:serum|plasma|blood|urine|urinary|free|total|fasting|trough|peak|circulating|endogenous|salivary|cerebrospinal)\s+$|\b(?:levels?|concentrations?|deficiency|measurement)\s+of\s+$", Rx);
    private static readonly Regex StateAfter = new(@"^\s*[-‐]?\s*(?:deficiency|deficient|absorption|deposition|overload|metabolism|transporter|storage|levels?|concentrations?)\b", Rx);
    private static readonly Regex AnalyteBefore = new(@"\b(?:low|high|elevated|raised|decreased|increased|reduced|normal|abnormal|undetectable|measured)\s+$", Rx);
    private static readonly HashSet<string> AnalyteClasses = new(StringComparer.OrdinalIgnoreCase)
    {
        "hormone", "vitamin", "vitamin D", "mineral supplement", "electrolyte", "insulin", "thyroid hormone", "estrogen",
        "androgen", "progestogen", "plasma expander", "erythropoiesis-stimulating agent", "vasopressin analogue",
        "vasopressor", "immunoglobulin", "antiarrhythmic", "mood stabilizer", "hypnotic",
    };

    public void Extract(AnalyzedDocument document, ExtractionSink sink)
    {
        string text = document.Text;
        var tokens = document.Tokens;
        // Doses per sentence, so no dose reads its frequency across a sentence end.
        var sentenceDoses = new List<Dose>[document.Sentences.Length];
        var allDoses = new List<Dose>();
        for (int s = 0; s < document.Sentences.Length; s++)
        {
            var sen = document.Sentences[s];
            sentenceDoses[s] = [.. DoseParser.ParseAll(text, sen.Start, sen.End)];
            allDoses.AddRange(sentenceDoses[s]);
        }
        bool DoseContext(int start, int end)
        {
            foreach (var d in allDoses)
            {
                if (d.AmountStart >= end && d.AmountStart - end <= 40 && !text.AsSpan(end, d.AmountStart - end).ContainsAny(".;")) return true;
                if (d.AmountEnd <= start && start - d.AmountEnd <= 12) return true;
            }
            return false;
        }
        var matches = lexicon.Find(text, tokens, 0, tokens.Length, new DrugFindOptions { DoseContext = DoseContext })
            .Where(m => !IsAnalyte(text, m) && !IsTestResult(document, m)).ToList();
        // An abbreviation the report defines as something else: "endomyocardial biopsy (EMB)" makes every EMB the biopsy.
        var definedElse = DefinedAsSomethingElse(text, matches);
        if (definedElse.Count > 0) matches.RemoveAll(m => definedElse.Contains(m.Text));

        var rows = new List<Medication>();
        var claimed = new HashSet<Dose>(ReferenceEqualityComparer.Instance);
        var rowMatch = new List<DrugMatch>();
        int regimens = 0;
        for (int s = 0; s < document.Sentences.Length; s++)
        {
            var sen = document.Sentences[s];
            var inSentence = matches.Where(m => m.Start >= sen.Start && m.End <= sen.End).ToList();
            if (inSentence.Count == 0) continue;
            bool cue = AdministrationCue.IsMatch(text.AsSpan(sen.Start, sen.End - sen.Start).ToString());
            string regimenId = "";
            for (int i = 0; i < inSentence.Count; i++)
            {
                var m = inSentence[i];
                int prevEnd = i > 0 ? inSentence[i - 1].End : sen.Start;
                int nextStart = i + 1 < inSentence.Count ? inSentence[i + 1].Start : sen.End;
                int windowEnd = Math.Min(nextStart, Math.Min(sen.End, m.End + options.MaxDoseDistance + 60));
                var made = Read(document, m, sen, prevEnd, nextStart, windowEnd, sentenceDoses[s], rows, claimed);
                foreach (var row in made)
                {
                    var r = row;
                    bool administered = cue && !r.Negated && r.Note.IndexOf("context", StringComparison.Ordinal) < 0 && r.Drug != "medication";
                    if (administered)
                    {
                        if (regimenId.Length == 0) regimenId = (++regimens).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        r = r with { RegimenId = regimenId };
                    }
                    if (!options.IncludeContextMentions && r.Note.StartsWith("context", StringComparison.Ordinal)) continue;
                    rows.Add(r with { MentionId = "m" + (rows.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });
                    rowMatch.Add(m);
                }
            }
        }
        AttachLooseDoses(document, sentenceDoses, claimed, rows, rowMatch);
        AttachScheduleSentences(document, matches, sentenceDoses, rows);
        sink.Medications.AddRange(rows);
    }

    /// <summary>
    /// A dose that no drug name claimed ("followed by 20 mg for 7 days", "tapered to a maintenance dose of 5 mg daily")
    /// belongs to the drug named last before it in the same or the previous sentence: it becomes a row of that drug.
    /// </summary>
    private static void AttachLooseDoses(AnalyzedDocument document, List<Dose>[] sentenceDoses, HashSet<Dose> claimed, List<Medication> rows, List<DrugMatch> rowMatch)
    {
        var sentences = document.Sentences;
        for (int s = 0; s < sentences.Length; s++)
        {
            foreach (var d in sentenceDoses[s])
            {
                if (claimed.Contains(d) || d.Unit == "mL") continue;
                // "proteinuria of 4.2 g/day", "intake of 2 g": a measurement, not a dose.
                int back = Math.Max(sentences[s].Start, d.AmountStart - 40);
                if (Measurement.IsMatch(document.Text.AsSpan(back, d.AmountStart - back).ToString())) continue;
                int from = s > 0 ? sentences[s - 1].Start : sentences[s].Start;
                int best = -1;
                for (int i = 0; i < rows.Count; i++)
                {
                    var r = rows[i];
                    if (r.Start < from || r.End > d.AmountStart || r.Negated || r.Note.StartsWith("context", StringComparison.Ordinal)) continue;
                    if (r.Drug == "medication" || d.AmountStart - r.End > 300) continue;
                    if (best < 0 || r.Start > rows[best].Start) best = i;
                }
                if (best < 0) continue;
                claimed.Add(d);
                var owner = rows[best];
                var (dss, dse) = document.Cleanup.Map.ToSource(d.Start, d.End);
                var (fss, fse) = d.FrequencyStart >= 0 ? document.Cleanup.Map.ToSource(d.FrequencyStart, d.FrequencyEnd) : (-1, -1);
                var note = d.Change.Length > 0 ? $"dose change: {d.Change}; dose read after the name" : "dose read after the name";
                if (d.Note.Length > 0) note += "; " + d.Note;
                rows.Add(owner with
                {
                    MentionId = "m" + (rows.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    DoseValue = d.Value, DoseUnit = d.Unit, Frequency = d.Frequency, DosesPerWeek = d.DosesPerWeek,
                    Route = d.Route.Length > 0 ? d.Route : owner.Route, Duration = d.Duration, DoseChange = d.Change,
                    RelativeDose = "", DoseStart = d.Start, DoseEnd = d.End, DoseSourceStart = dss, DoseSourceEnd = dse,
                    FrequencyStart = d.FrequencyStart, FrequencyEnd = d.FrequencyEnd, FrequencySourceStart = fss, FrequencySourceEnd = fse,
                    Note = note,
                });
                rowMatch.Add(rowMatch[best]);
            }
        }
    }

    private static readonly Regex MeasuredAfter = new(@"^\s*[-‐]?\s*(?:trough|peak|serum|plasma|blood)?\s*(?:levels?|concentrations?|activity|activities)\b", Rx);
    // "vitamin B12, folate levels", "iron or amyloid deposition": the last item of a list names what was measured.
    private static readonly Regex ListMeasuredAfter = new(@"^(?:\s*(?:,|,?\s*and|,?\s*or|/)\s*[\p{L}\d-]+(?:\s+[\p{L}\d-]+)?){1,3}\s*[-‐]?\s*(?:levels?|concentrations?|deposition|activity|activities)\b", Rx);
    private static readonly Regex SusceptibilityTrigger = new(@"\b(?:resistant|resistance|susceptible|susceptibility|sensitive|sensitivity|intermediate)\s+to\b", Rx);
    private static readonly Regex MicrobiologyCue = new(@"\b(?:isolates?|strains?|organisms?|bacteri\w*|MICs?|E-?test|antibiograms?|cultures?|susceptibility\s+test\w*|staphylococc\w*|streptococc\w*|enterococc\w*|MRSA|MSSA|pseudomonas|klebsiella|escherichia|E\.\s?coli|acinetobacter|mycobacteri\w*)\b", Rx);
    private static readonly Regex SusceptibilityAfter = new(@"^\s*(?:E-?test|disks?|discs?|MICs?|minimum\s+inhibitory|susceptibility|resistance\s+gene)\b", Rx);
    private static readonly Regex ListItems = new(@"^(?:[\s,/()-]|\b(?:and|or|but|and\s+susceptible\s+to|susceptible\s+to|sensitive\s+to|resistant\s+to|intermediate\s+to)\b|[\p{L}\d-]+)*$", Rx);

    /// <summary>
    /// A drug named in a test result rather than given: an antimicrobial susceptibility result ("isolates were resistant
    /// to A, B and C and susceptible to D"; "the E around the D Etest strip"), or a list whose last item is measured
    /// ("screening for X, Y or Z deposition") in a sentence without an administration verb before the name.
    /// </summary>
    private static bool IsTestResult(AnalyzedDocument document, DrugMatch m)
    {
        string text = document.Text;
        var after = text.AsSpan(m.End, Math.Min(60, text.Length - m.End)).ToString();
        if (SusceptibilityAfter.IsMatch(after)) return true;
        if (document.SentenceAt(m.Start) is not { } sen || sen.End < m.End) return false;
        var sentence = text.AsSpan(sen.Start, sen.End - sen.Start).ToString();
        var before = text.AsSpan(sen.Start, m.Start - sen.Start).ToString();
        if (MicrobiologyCue.IsMatch(sentence))
        {
            Match? trigger = null;
            for (var t = SusceptibilityTrigger.Match(before); t.Success; t = t.NextMatch()) trigger = t;
            if (trigger is not null && ListItems.IsMatch(before[(trigger.Index + trigger.Length)..]) && !AdministrationCue.IsMatch(before[(trigger.Index + trigger.Length)..])) return true;
        }
        if (MeasuredAfter.IsMatch(after) && !AdministrationCue.IsMatch(after)) return true;
        return ListMeasuredAfter.IsMatch(after) && !AdministrationCue.IsMatch(before);
    }

    private static readonly Regex ScheduleSubject = new(
        @"^\W*(?:the\s+|these\s+|all\s+|subsequent\s+|further\s+)?(?:courses?|cycles?|infusions?|injections?|doses?|administrations?|treatments?)\s+(?:were|was|are|is|had\s+been|have\s+been|has\s+been)\s+(?:then\s+|subsequently\s+)?(?:performed|given|repeated|administered|delivered|scheduled|continued|applied)\b", Rx);

    /// <summary>
    /// A sentence that names no drug and only gives the schedule of the treatment before it ("Courses were repeated
    /// every 3 weeks.") gives that frequency to the administered rows of the previous sentence that have none.
    /// </summary>
    private static void AttachScheduleSentences(AnalyzedDocument document, List<DrugMatch> matches, List<Dose>[] sentenceDoses, List<Medication> rows)
    {
        string text = document.Text;
        var sentences = document.Sentences;
        for (int s = 1; s < sentences.Length; s++)
        {
            var sen = sentences[s];
            if (sentenceDoses[s].Count > 0 || matches.Any(m => m.Start >= sen.Start && m.End <= sen.End)) continue;
            if (!ScheduleSubject.IsMatch(text.AsSpan(sen.Start, sen.End - sen.Start).ToString())) continue;
            if (DoseParser.ParseFrequency(text, sen.Start, sen.End) is not { } f || f.Value is "once" or "prn") continue;
            var prev = sentences[s - 1];
            var (fss, fse) = document.Cleanup.Map.ToSource(f.Start, f.End);
            for (int i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                if (r.Start < prev.Start || r.End > prev.End || r.RegimenId.Length == 0 || r.Frequency.Length > 0) continue;
                rows[i] = r with
                {
                    Frequency = f.Value, DosesPerWeek = f.PerWeek,
                    FrequencyStart = f.Start, FrequencyEnd = f.End, FrequencySourceStart = fss, FrequencySourceEnd = fse,
                    Note = r.Note.Length > 0 ? r.Note + "; schedule read from the next sentence" : "schedule read from the next sentence",
                };
            }
        }
    }

    /// <summary>
    /// Abbreviations matched as drugs that the text defines in brackets after a phrase whose word initials spell them
    /// and that names no drug: "endomyocardial biopsy (EMB)" (EMB is also ethambutol), "proton therapy (PT)".
    /// </summary>
    private static HashSet<string> DefinedAsSomethingElse(string text, List<DrugMatch> matches)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var abbr in matches.Select(m => m.Text).Where(t => t.Length is >= 2 and <= 6 && t.All(char.IsUpper)).Distinct())
        {
            for (int at = text.IndexOf("(" + abbr + ")", StringComparison.Ordinal); at > 0; at = text.IndexOf("(" + abbr + ")", at + 1, StringComparison.Ordinal))
            {
                if (matches.Any(m => m.End <= at && at - m.End <= 2)) break; // "ethambutol (EMB)": the drug's own abbreviation
                if (LongFormStart(text, at, abbr) is { } start && !matches.Any(m => m.Start >= start && m.End <= at)) { result.Add(abbr); break; }
            }
        }
        return result;
    }

    /// <summary>Schwartz and Hearst (2003): the start of the long form before "(ABBR)" when the abbreviation's letters
    /// occur in it in order, the first one starting a word, within min(|ABBR| + 5, 2|ABBR|) words; otherwise null.</summary>
    private static int? LongFormStart(string text, int bracket, string abbr)
    {
        int maxWords = Math.Min(abbr.Length + 5, abbr.Length * 2), words = 0, from = bracket;
        while (from > 0 && words <= maxWords)
        {
            from--;
            if (text[from] is '.' or ';' or ')' or '(' || text[from] == '\n' && from > 0 && text[from - 1] == '\n') { from++; break; }
            if (char.IsWhiteSpace(text[from]) && from + 1 < bracket && !char.IsWhiteSpace(text[from + 1])) words++;
        }
        int li = bracket - 1;
        for (int si = abbr.Length - 1; si >= 0; si--)
        {
            char c = char.ToLowerInvariant(abbr[si]);
            while (li >= from && (char.ToLowerInvariant(text[li]) != c || si == 0 && li > from && char.IsLetterOrDigit(text[li - 1]))) li--;
            if (li < from) return null;
            li--;
        }
        return li + 1;
    }

    private static bool IsAnalyte(string text, DrugMatch m)
    {
        var after = text.AsSpan(m.End, Math.Min(40, text.Length - m.End)).ToString();
        var before = text.AsSpan(Math.Max(0, m.Start - 24), m.Start - Math.Max(0, m.Start - 24)).ToString();
        // "urinary and plasma catecholamines were elevated": a class measured in a body fluid is an analyte too.
        if (m.Entry.IsClass) return Regex.IsMatch(before, @"\b(?:serum|plasma|urine|urinary)\s+$", RegexOptions.IgnoreCase) && !AdministrationCue.IsMatch(after);
        if (LabBefore.IsMatch(before) || StateAfter.IsMatch(after)) return true;
        if (!AnalyteClasses.Contains(m.Class) && m.Kind != DrugMatchKind.Stem) return Regex.IsMatch(after, @"^\s*[-‐]?\s*(?:levels?|concentrations?)\b", RegexOptions.IgnoreCase);
        return AnalyteAfter.IsMatch(after) || AnalyteBefore.IsMatch(before);
    }

    private IEnumerable<Medication> Read(AnalyzedDocument document, DrugMatch m, Sentence sen, int prevEnd, int nextStart, int windowEnd,
        List<Dose> doses, List<Medication> earlier, HashSet<Dose> claimed)
    {
        string text = document.Text;
        var notes = new List<string>();
        if (m.Kind == DrugMatchKind.Fuzzy) notes.Add($"name read as {m.Name} (OCR-damaged, edit distance)");
        if (m.Kind == DrugMatchKind.Stem) notes.Add($"unknown name recognised by INN stem ({m.Class})");

        // Dose after the name (before the next drug), else one written just before it ("400 mg of sorafenib").
        var after = doses.Where(d => d.AmountStart >= m.End && d.AmountStart < windowEnd && d.AmountStart - m.End <= options.MaxDoseDistance).ToList();
        Dose? dose = after.FirstOrDefault(d => !claimed.Contains(d));
        if (dose is null || dose.Change.Length > 0) // a change after the name needs the first dose, which may stand before it
        {
            dose = doses.LastOrDefault(d => d.AmountEnd <= m.Start && d.AmountStart >= prevEnd && m.Start - d.AmountEnd <= 30 && !claimed.Contains(d)
                && Regex.IsMatch(text.AsSpan(d.AmountEnd, m.Start - d.AmountEnd).ToString(), @"^\s*(?:/\s*(?:day|d|week|wk)\s*)?(?:(?:once\s+|twice\s+)?(?:daily|weekly|monthly)\s+)?(?:of\s+)?(?:(?:oral|intravenous|iv|IV|subcutaneous|inhaled|topical|intramuscular|i\.v\.|p\.o\.)\s+)?$", RegexOptions.IgnoreCase)) ?? after.FirstOrDefault(d => !claimed.Contains(d));
        }

        // Context-only mentions: "interferon alpha-resistant", "resistant to chemotherapy".
        var ctxAfter = ContextAfter.Match(text.AsSpan(m.End, Math.Min(30, text.Length - m.End)).ToString());
        var beforeText = text.AsSpan(Math.Max(sen.Start, m.Start - 40), m.Start - Math.Max(sen.Start, m.Start - 40)).ToString();
        var ctxBefore = ContextBefore.Match(beforeText);
        if (dose is null && ctxAfter.Success) notes.Insert(0, "context: " + ctxAfter.Groups["c"].Value.ToLowerInvariant());
        else if (dose is null && ctxBefore.Success) notes.Insert(0, "context: " + ctxBefore.Groups["c"].Value.ToLowerInvariant() + " to");

        // Relative dose: just before the name ("half-dose sorafenib", "high doses of steroids") or in its own stretch.
        string relative = "";
        int relStart = -1, relEnd2 = -1;
        int relFrom = Math.Max(prevEnd, m.Start - 30);
        foreach (var rd in DoseParser.ParseRelativeDoses(text, relFrom, m.Start))
            if (Regex.IsMatch(text.AsSpan(rd.End, m.Start - rd.End).ToString(), @"^[\s,]*(?:of\s+(?:the\s+)?)?(?:[\p{L}-]+\s+)?$")) (relative, relStart, relEnd2) = rd;
        if (relative.Length == 0)
        {
            int relEnd = dose is not null && dose.AmountStart > m.End ? dose.AmountStart : Math.Min(windowEnd, m.End + 40);
            foreach (var rd in DoseParser.ParseRelativeDoses(text, m.End, relEnd))
            {
                if (windowEnd == nextStart && nextStart < sen.End && Regex.IsMatch(text.AsSpan(rd.End, nextStart - rd.End).ToString(), @"^[\s,]*(?:of\s+(?:the\s+)?)?$")) break; // belongs to the next drug
                (relative, relStart, relEnd2) = rd;
                break;
            }
        }

        // Route: with the dose, just before the name ("intravenous methylprednisolone"), or after it ("given orally").
        // (The dose's own route may lie past the next drug name, so the route is read within this drug's stretch.)
        string route = "";
        {
            int from = Math.Max(prevEnd, m.Start - 25);
            var before = DoseParser.ParseRoute(text, from, m.Start);
            if (before is not null && m.Start - before.End <= 2) route = before.Value;
            else if (DoseParser.ParseRoute(text, m.End, windowEnd, maxGap: dose is not null ? Math.Max(40, dose.End - m.End + 45) : 40) is { } r2
                     && !(windowEnd == nextStart && nextStart < sen.End && Regex.IsMatch(text.AsSpan(r2.End, nextStart - r2.End).ToString(), @"^[\s,]*$"))) route = r2.Value;
        }
        string duration = dose?.Duration ?? DoseParser.ParseDuration(text, m.End, windowEnd) ?? "";
        string timing = DoseParser.ParseTiming(text, sen.Start, sen.End, m.Start, m.End, 60) ?? "";
        bool negated = IsNegated(text, m, sen, windowEnd);

        // "at the same dose as described above": copy the dose of this drug's previous mention with a dose.
        string doseValue = dose?.Value ?? "", unit = dose?.Unit ?? "", frequency = dose?.Frequency ?? "", perWeek = dose?.DosesPerWeek ?? "";
        int doseStart = dose?.Start ?? -1, doseEnd = dose?.End ?? -1;
        int freqStart = dose?.FrequencyStart ?? -1, freqEnd = dose?.FrequencyEnd ?? -1;
        var extent = new List<(int Start, int End)>(); // parts of a dose expression without an amount
        string change = dose?.Change ?? "";
        if (dose is null)
        {
            var same = SameDose.Match(text, m.End, windowEnd - m.End);
            if (same.Success && same.Index - m.End <= 30)
            {
                var source = earlier.LastOrDefault(r => r.Drug == m.Name && r.DoseValue.Length > 0);
                if (source is not null)
                {
                    doseValue = source.DoseValue; unit = source.DoseUnit; frequency = source.Frequency; perWeek = source.DosesPerWeek;
                    if (route.Length == 0) route = source.Route;
                    notes.Add($"dose copied from {source.MentionId} (\"{Squash(same.Value)}\")");
                    doseStart = same.Index + (same.Value.Length - same.Value.TrimStart().Length);
                    doseEnd = same.Index + same.Length;
                }
                else notes.Add("\"same dose\" without an earlier dose of this drug");
            }
            else if (DoseParser.ParseFrequency(text, m.End, windowEnd, maxGap: 30) is { } f && !(windowEnd == nextStart && nextStart < sen.End && nextStart - f.End <= 2))
            {
                // A schedule without an amount ("gemcitabine weekly"): keep the frequency, no dose.
                frequency = f.Value; perWeek = f.PerWeek; (freqStart, freqEnd) = (f.Start, f.End);
                extent.Add((f.Start, f.End));
            }
            else if (FrequencyBefore(text, m, Math.Max(prevEnd, m.Start - 45), doses) is { } fb)
            {
                // A schedule written before the name ("monthly ibandronate", "a one-time injection of ganciclovir").
                frequency = fb.Value; perWeek = fb.PerWeek; (freqStart, freqEnd) = (fb.Start, fb.End);
                extent.Add((fb.Start, fb.End));
            }
            // A count of cycles or courses before the name ("4 cycles of docetaxel") or just after it ("... for six courses").
            if (CyclesOf(text, m, Math.Max(prevEnd, m.Start - 45), windowEnd) is { } cyc)
            {
                if (duration.Length == 0) duration = cyc.Value;
                extent.Add((cyc.Start, cyc.End));
            }
            // A taper without an amount ("was then slowly tapered off").
            var taper = TaperAfter.Match(text.AsSpan(m.End, Math.Min(windowEnd, m.End + 70) - m.End).ToString());
            if (taper.Success)
            {
                change = "tapered"; // a change, not a dose: no dose span
            }
        }
        else if (frequency.Length == 0 && FrequencyBefore(text, m, Math.Max(prevEnd, m.Start - 45), doses) is { } fb2)
        {
            // An amount without a schedule after the name, a schedule before it ("a one-time injection of X 2 mg").
            frequency = fb2.Value; perWeek = fb2.PerWeek; (freqStart, freqEnd) = (fb2.Start, fb2.End);
        }
        if (dose is not null && dose.Note.Length > 0) notes.Add(dose.Note);
        // Without an amount, a relative dose ("high-dose", "low-dose"), a schedule ("monthly", "as needed") or a count of
        // cycles is the dose expression: the span from the first to the last of them when they are written together.
        if (doseStart < 0 && relStart >= 0) extent.Add((relStart, relEnd2));
        if (doseStart < 0 && extent.Count > 0)
        {
            extent.Sort();
            (doseStart, doseEnd) = extent[0];
            foreach (var (a, b) in extent.Skip(1))
                if (a - doseEnd <= 3 || (a < m.Start) == (doseEnd <= m.Start) && a - doseEnd <= 25 && !text.AsSpan(doseEnd, a - doseEnd).ContainsAny(".;()")) doseEnd = Math.Max(doseEnd, b);
        }
        if (dose is not null) claimed.Add(dose);

        yield return MakeRow(document, m, doseValue, unit, frequency, perWeek, route, duration, relative, change, timing, negated, doseStart, doseEnd, notes, freqStart, freqEnd);

        // Later doses in the drug's stretch introduced as changes ("reduced to 400 mg once daily") are rows of their own.
        if (dose is not null)
            foreach (var d in after.Where(d => d != dose && !claimed.Contains(d) && d.AmountStart > dose.AmountStart && d.Change.Length > 0 && d.AmountStart < windowEnd).ToList())
            {
                claimed.Add(d);
                yield return MakeRow(document, m, d.Value, d.Unit, d.Frequency, d.DosesPerWeek, d.Route.Length > 0 ? d.Route : route, d.Duration, "", d.Change, timing, negated, d.Start, d.End,
                    [$"dose change: {d.Change}", .. d.Note.Length > 0 ? new[] { d.Note } : []], d.FrequencyStart, d.FrequencyEnd);
            }
    }

    private static Medication MakeRow(AnalyzedDocument document, DrugMatch m, string value, string unit, string frequency, string perWeek, string route,
        string duration, string relative, string change, string timing, bool negated, int doseStart, int doseEnd, List<string> notes,
        int freqStart = -1, int freqEnd = -1)
    {
        var loc = document.Locate(m.Start, m.End);
        int dss = -1, dse = -1, fss = -1, fse = -1;
        if (doseStart >= 0) (dss, dse) = document.Cleanup.Map.ToSource(doseStart, doseEnd);
        if (freqStart >= 0 && frequency.Length > 0) (fss, fse) = document.Cleanup.Map.ToSource(freqStart, freqEnd);
        else freqStart = freqEnd = -1;
        return new Medication
        {
            DocumentId = document.DocumentId,
            Drug = m.Name,
            DrugText = Squash(m.Text),
            DrugClass = m.Class,
            DoseValue = value,
            DoseUnit = unit,
            Frequency = frequency,
            DosesPerWeek = perWeek,
            Route = route,
            Duration = duration,
            RelativeDose = relative,
            DoseChange = change,
            Timing = timing,
            Negated = negated,
            Start = loc.Start,
            End = loc.End,
            SourceStart = loc.SourceStart,
            SourceEnd = loc.SourceEnd,
            Page = loc.Page,
            Evidence = loc.Evidence,
            DoseStart = doseStart,
            DoseEnd = doseEnd,
            DoseSourceStart = dss,
            DoseSourceEnd = dse,
            FrequencyStart = freqStart,
            FrequencyEnd = freqEnd,
            FrequencySourceStart = fss,
            FrequencySourceEnd = fse,
            Note = string.Join("; ", notes),
        };
    }

    // Between a schedule or cycle count and the drug it modifies: a few modifiers ("intravitreal injection of"), no
    // conjunction or verb that would make it another clause's schedule.
    private static readonly Regex ModifierGap = new(
        @"^[\s-]*(?:(?!(?:and|or|with|plus|then|to|was|were|is|are|had|has|have|after|before|from|until|than|but)\b)[\p{L}-]+\s+){0,3}(?:of\s+(?:the\s+|a\s+|an\s+)?)?(?:[\p{L}-]+\s+)?$", Rx);

    /// <summary>The last schedule in text[from, drug start) that modifies the drug and is no other dose's part.</summary>
    private static Frequency? FrequencyBefore(string text, DrugMatch m, int from, List<Dose> doses)
    {
        Frequency? last = null;
        for (int pos = from; pos < m.Start;)
        {
            var f = DoseParser.ParseFrequency(text, pos, m.Start);
            if (f is null) break;
            last = f;
            pos = f.End;
        }
        if (last is null || m.Start - last.End > 30) return null;
        if (Regex.IsMatch(text.AsSpan(last.Start, last.End - last.Start).ToString(), @"^once$", RegexOptions.IgnoreCase)) return null; // "was once treated"
        if (doses.Any(d => d.AmountStart <= last.Start && last.Start < Math.Max(d.End, d.FrequencyEnd))) return null;
        return ModifierGap.IsMatch(text.AsSpan(last.End, m.Start - last.End).ToString()) ? last : null;
    }

    /// <summary>A count of cycles or courses that belongs to the drug: "N cycles of [adj] drug" before it, or
    /// "(for) N cycles" right after the drug's name.</summary>
    private static (string Value, int Start, int End)? CyclesOf(string text, DrugMatch m, int from, int windowEnd)
    {
        (string, int, int)? before = null;
        foreach (var c in DoseParser.ParseCycles(text, from, m.Start)) before = c;
        if (before is { } b && Regex.IsMatch(text.AsSpan(b.Item3, m.Start - b.Item3).ToString(), @"^\s+of\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}$", RegexOptions.IgnoreCase)) return b;
        int end = Math.Min(windowEnd, m.End + 40);
        foreach (var c in DoseParser.ParseCycles(text, m.End, end))
        {
            if (Regex.IsMatch(text.AsSpan(m.End, c.Start - m.End).ToString(), @"^[\s,]*(?:(?:therapy|treatment|chemotherapy|regimen)\s+)?(?:\([^()]{0,30}\)\s*)?(?:for|x|×|over|during)?\s*$", RegexOptions.IgnoreCase)) return c;
            break;
        }
        return null;
    }

    private static readonly Regex TaperAfter = new(
        @"^[^.;:]{0,45}?\b(?:was|were|is|are|been|then|and)\s+(?:then\s+|subsequently\s+|later\s+)?(?<t>(?:gradually\s+|slowly\s+|progressively\s+|rapidly\s+)?(?:tapered|weaned)(?:\s+off)?)\b", Rx);

    private static bool IsNegated(string text, DrugMatch m, Sentence sen, int windowEnd)
    {
        int from = Math.Max(sen.Start, m.Start - 60);
        var before = text.AsSpan(from, m.Start - from).ToString();
        Match? last = null;
        for (var t = PreNegation.Match(before); t.Success; t = t.NextMatch()) last = t;
        if (last is not null)
        {
            var gap = before[(last.Index + last.Length)..];
            int words = gap.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            if (words <= 4 && !NegationBlocker.IsMatch(gap)) return true;
        }
        var after = text.AsSpan(m.End, Math.Min(sen.End, m.End + 60) - m.End).ToString();
        return PostNegation.IsMatch(after);
    }

    private static string Squash(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
