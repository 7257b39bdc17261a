using System.Text.RegularExpressions;
using Extractor.Language;
using Extractor.Language.Negation;
using Extractor.Language.Patterns;

namespace Extractor.Extraction.AdverseEvents;

/// <summary>Options of <see cref="AdverseEventExtractor"/>.</summary>
public sealed record AdverseEventOptions
{
    /// <summary>Token distance within which a "grade N" before the event (or "(grade N)" after it) is its grade.</summary>
    public int MaxGradeDistance { get; init; } = 4;
    public static readonly AdverseEventOptions Default = new();
}

/// <summary>
/// Adverse events from a curated gazetteer (Resources/events/adverse_events.tsv). A "toxicity" term (hand-foot
/// syndrome, neutropenia, "drug-related adverse events") is always an event; a "general" term (hypertension, fatigue,
/// rash) is one only in treatment context: graded, attributed to a treatment, or in a sentence about a treatment, so a
/// presenting symptom is not reported as a drug's adverse event. Grade: CTCAE "grade 2", "grade 3/4" -> 3-4, "G3",
/// roman "grade III". Negation and hypotheticals: ConText (<see cref="ContextNegation"/>).
/// drug_related: the text attributes the event to a treatment ("drug-related", "-induced", "caused by", "side effect").
/// </summary>
public sealed partial class AdverseEventExtractor : IExtractor
{
    public static readonly AdverseEventExtractor Instance = new();
    public AdverseEventOptions Options { get; }
    private readonly ContextNegation _negation;

    private static readonly Lazy<(Gazetteer<string> Terms, HashSet<string> Toxicity)> Lexicon = new(Load);

    public AdverseEventExtractor(AdverseEventOptions? options = null, ContextNegation? negation = null)
    {
        Options = options ?? AdverseEventOptions.Default;
        _negation = negation ?? ContextNegation.Instance;
    }

    private static (Gazetteer<string>, HashSet<string>) Load()
    {
        var g = new Gazetteer<string>();
        var toxicity = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in ResourceLists.Rows("events/adverse_events.tsv"))
        {
            string canonical = row[0].Trim();
            g.Add(canonical, canonical);
            if (row.Length > 1)
                foreach (var form in row[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) g.Add(form, canonical);
            if (row.Length > 2 && row[2].Trim() == "toxicity") toxicity.Add(canonical);
        }
        return (g, toxicity);
    }

    [GeneratedRegex(@"\b(?:CTCAE\s*(?:v(?:ersion)?\s*\d(?:\.\d+)?\s*)?)?grade\s*(?<a>[1-5]|I{1,3}|IV|V)\b(?:\s*(?:/|-|–|to|or|and)\s*(?<b>[1-5]|I{1,3}|IV|V)\b)?|\bG(?<a>[1-5])(?:\s*[-/]\s*G?(?<b>[1-5]))?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GradePattern();

    [GeneratedRegex(@"\b(?:drug|treatment|therapy|chemotherapy|immunotherapy)[- ](?:related|induced|associated)\b|-induced\b|\binduced by\b|\bcaused by\b|\battributed to\b|\battributable to\b|\bside[- ]effects?\b|\badverse (?:events?|effects?|reactions?)\b|\btoxicit(?:y|ies)\b|\bdue to (?:the )?(?:drug|treatment|therapy|administration)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttributionPattern();

    [GeneratedRegex(@"\b(?:therapy|treatment|chemotherapy|immunotherapy|administration|administered|infusion|dose|doses|dosage|regimen|cycles?|course|tolerated|tolerable|discontinu\w*|interrupt\w*|reduc\w+ (?:the )?dose|adverse|side effects?|toxicit\w*|CTCAE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TreatmentContextPattern();

    // The line holding the offset reads as a reference entry (sentence splitting may cut an entry at its initials).
    private static bool IsInReferenceLine(string text, int offset)
    {
        int a = offset > 0 ? text.LastIndexOf('\n', offset - 1) + 1 : 0;
        int b = text.IndexOf('\n', offset);
        if (b < 0) b = text.Length;
        return Bibliography.BibliographyExtractor.IsReferenceEntry(text[a..b]);
    }

    public void Extract(AnalyzedDocument document, ExtractionSink sink)
    {
        var (terms, toxicity) = Lexicon.Value;
        string text = document.Text;
        var tokens = document.Tokens;
        // The title and the reference list name events of other patients or of the drug in general, not this patient's.
        var (_, titleStart, titleEnd) = Bibliography.BibliographyExtractor.FindTitle(text);
        int referencesStart = Bibliography.BibliographyExtractor.ReferencesStart(text);
        var titleAttributed = new HashSet<string>(StringComparer.Ordinal);
        int firstRow = sink.AdverseEvents.Count;
        foreach (var sentence in document.Sentences)
        {
            int from = sentence.FirstToken, to = sentence.FirstToken + sentence.TokenCount;
            string sentenceText = text.Substring(sentence.Start, sentence.End - sentence.Start);
            if (sentence.Start >= referencesStart || Bibliography.BibliographyExtractor.IsReferenceEntry(sentenceText)) continue;
            var grades = GradePattern().Matches(sentenceText);
            bool treatmentContext = TreatmentContextPattern().IsMatch(sentenceText);
            foreach (var (firstTok, lastTok, canonical) in terms.FindAll(text, tokens, from, to))
            {
                int start = tokens[firstTok].Start, end = tokens[lastTok].End;
                // Words inside a longer word-joined term ("HFS" in "HFSR" is a token match already); skip
                // matches glued to a letter by a hyphen (the "PPE" of "PPE-mask" is no event).
                if (!IsStandalone(text, start, end)) continue;
                if (titleEnd > titleStart && start < titleEnd && end > titleStart)
                {
                    // "Capecitabine-induced hand-foot skin reaction": the title's attribution holds for the body's mentions.
                    if (IsAttributed(text, sentence, start, end, canonical)) titleAttributed.Add(canonical);
                    continue;
                }
                if (IsInReferenceLine(text, start)) continue;
                string grade = GradeOf(text, sentence.Start, grades, start, end, tokens, firstTok, lastTok);
                bool attributed = IsAttributed(text, sentence, start, end, canonical);
                bool isEvent = toxicity.Contains(canonical) || grade.Length > 0 || attributed || treatmentContext;
                if (!isEvent) continue;
                if (IsAbbreviationOnly(text, start, end) && !treatmentContext && grade.Length == 0) continue;
                var assessment = _negation.Assess(document, start, end);
                if (assessment.Hypothetical && !assessment.Negated) continue; // "risk of", "to prevent": no event happened
                var loc = Provenance.Locate(document, start, end);
                sink.AdverseEvents.Add(new AdverseEvent
                {
                    DocumentId = document.DocumentId,
                    Event = canonical,
                    EventText = text[start..end],
                    Grade = grade,
                    Negated = assessment.Negated,
                    DrugRelated = attributed || canonical == "drug-related adverse events",
                    Start = loc.Start, End = loc.End,
                    SourceStart = loc.SourceStart, SourceEnd = loc.SourceEnd,
                    Page = loc.Page, Evidence = loc.Evidence,
                });
            }
        }
        for (int i = firstRow; i < sink.AdverseEvents.Count; i++)
            if (!sink.AdverseEvents[i].Negated && titleAttributed.Contains(sink.AdverseEvents[i].Event))
                sink.AdverseEvents[i] = sink.AdverseEvents[i] with { DrugRelated = true };
    }

    private static bool IsStandalone(string text, int start, int end) =>
        !(end < text.Length - 1 && text[end] == '-' && char.IsLetter(text[end + 1]) && !text.AsSpan(end + 1).StartsWith("related"));

    // A short all-capital abbreviation (HFS, PPE, AEs) counts only in treatment context.
    private static bool IsAbbreviationOnly(string text, int start, int end)
    {
        var s = text.AsSpan(start, end - start);
        if (s.Length > 5) return false;
        foreach (var c in s) if (char.IsLower(c) && c != 's') return false;
        return true;
    }

    private string GradeOf(string text, int sentenceStart, MatchCollection grades, int start, int end, Token[] tokens, int firstTok, int lastTok)
    {
        foreach (Match g in grades)
        {
            int gs = sentenceStart + g.Index, ge = gs + g.Length;
            bool before = ge <= start && WordsBetween(text, tokens, ge, start, out bool clean) <= Options.MaxGradeDistance && clean;
            bool after = gs >= end && WordsBetween(text, tokens, end, gs, out bool clean2) <= 1 && clean2 && text.AsSpan(end, gs - end).Contains('(');
            if (!before && !after) continue;
            string a = Arabic(g.Groups["a"].Value), b = g.Groups["b"].Success ? Arabic(g.Groups["b"].Value) : "";
            return b.Length > 0 && b != a ? $"{a}-{b}" : a;
        }
        return "";
    }

    private static string Arabic(string grade) => grade.ToUpperInvariant() switch
    {
        "I" => "1", "II" => "2", "III" => "3", "IV" => "4", "V" => "5", var d => d,
    };

    // Word tokens between two offsets; `clean` is false when a clause boundary or a verb lies between.
    private static int WordsBetween(string text, Token[] tokens, int from, int to, out bool clean)
    {
        clean = true;
        int n = 0;
        foreach (var t in tokens)
        {
            if (t.Start < from) continue;
            if (t.Start >= to) break;
            if (t.Kind == TokenKind.Word)
            {
                n++;
                if (t.TextOf(text) is "was" or "were" or "is" or "are" or "and" or "with" or "but") clean = false;
            }
            else if (t.Kind == TokenKind.Punctuation && text[t.Start] is ',' or ';' or '.' or ':') clean = false;
        }
        return n;
    }

    private static bool IsAttributed(string text, Sentence sentence, int start, int end, string canonical)
    {
        // "sorafenib-induced hypertension", "hypertension induced by", "side effects such as rash":
        // an attribution phrase within a few words of the term.
        int winStart = Math.Max(sentence.Start, start - 40), winEnd = Math.Min(sentence.End, end + 40);
        var window = text.AsSpan(winStart, winEnd - winStart).ToString();
        foreach (Match m in AttributionPattern().Matches(window))
        {
            int ms = winStart + m.Index, me = ms + m.Length;
            if (me <= start || ms >= end)
            {
                // The attribution must not be the generic term itself ("adverse events" names no cause).
                if (canonical == "adverse events" && m.Value.StartsWith("adverse", StringComparison.OrdinalIgnoreCase)) continue;
                return true;
            }
            if (ms >= start && me <= end && canonical == "drug-related adverse events") return true;
        }
        return false;
    }
}
