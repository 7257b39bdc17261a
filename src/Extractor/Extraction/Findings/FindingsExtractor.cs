using System.Text.RegularExpressions;
using Extractor.Language;

namespace Extractor.Extraction.Findings;

/// <summary>
/// Patient facts for findings.csv: age, sex, ethnicity (<see cref="PatientFinder"/>), lab values and vital signs
/// (<see cref="LabValueFinder"/>), performance status, risk group, histology, grade, tumor size, symptoms and
/// procedures (<see cref="ClinicalFinder"/>), pertinent negatives (<see cref="PertinentNegativeFinder"/>) and event
/// frequencies (<see cref="EventFrequencyFinder"/>, less those a medication row holds), in text order.
/// </summary>
public sealed partial class FindingsExtractor : IExtractor
{
    public static readonly FindingsExtractor Instance = new();

    public void Extract(AnalyzedDocument document, ExtractionSink sink)
    {
        var found = PatientFinder.Find(document)
            .Concat(LabValueFinder.Instance.Find(document))
            .Concat(ClinicalFinder.Find(document)).ToList();
        // A size next to a tumour is the tumor_size row; the same span is no lab value too.
        var sizes = found.Where(f => f.Field == "tumor_size").ToList();
        found.RemoveAll(f => f.Field == "lab" && f.Unit is "mm" or "cm" or "m" or "cm2" or "mm2" && sizes.Any(t => t.Start < f.End && f.Start < t.End));
        // Pertinent negatives only where no other row (a negated symptom, an adverse event) already holds the term.
        var negatives = PertinentNegativeFinder.Instance.Find(document)
            .Where(n => !found.Any(f => f.Start < n.End && n.Start < f.End)
                        && !sink.AdverseEvents.Any(a => a.Start < n.End && n.Start < a.End)
                        && !sink.Medications.Any(m => m.Start < n.End && n.Start < m.End));
        // Event frequencies: a drug's schedule belongs to its medication row ("erlotinib 150 mg daily", "weekly carboplatin"),
        // and a rate inside a lab value is part of the value.
        var frequencies = EventFrequencyFinder.Find(document)
            .Where(q => !sink.Medications.Any(m => HoldsSchedule(document.Text, m, q))).ToList();
        // A bare number read as a lab value inside a rate of counted events ("over time to about 8-10 seizures/day")
        // is the rate; a lab value with its unit keeps the span.
        found.RemoveAll(f => f.Field == "lab" && f.Unit.Length == 0 && frequencies.Any(q => q.Value.Contains('/') && q.Start <= f.Start && f.End <= q.End));
        frequencies.RemoveAll(q => found.Any(f => f.Field == "lab" && f.Start < q.End && q.Start < f.End));
        var facts = found.Concat(negatives).Concat(frequencies).OrderBy(f => f.Start).ThenBy(f => f.Field, StringComparer.Ordinal);
        foreach (var f in facts) sink.Findings.Add(FindingRows.ToRow(document, f));
    }

    [GeneratedRegex(@"\b(?:administered|given|injected|infused|prescribed|taken|dosed|instilled|applied)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AdministrationVerb();

    /// <summary>True when the frequency is the medication's: inside its drug, dose or frequency span, or next to the
    /// drug name in the same phrase (at most two words between, no punctuation, no preposition or conjunction), or in one clause with the drug
    /// and a verb of administration.</summary>
    private static bool HoldsSchedule(string text, Medication m, FoundFact q)
    {
        bool Overlaps(int s, int e) => s >= 0 && e > s && s < q.End && q.Start < e;
        if (Overlaps(m.Start, m.End) || Overlaps(m.DoseStart, m.DoseEnd) || Overlaps(m.FrequencyStart, m.FrequencyEnd)) return true;
        static bool Near(string gap)
        {
            if (gap.Length > 30 || gap.IndexOfAny([',', ';', '(', ')', '.', ':']) >= 0) return false;
            var words = gap.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
            // "treated several times by various antibiotics": a preposition puts the drug in another phrase.
            return words.Length <= 2 && !words.Any(w => w is "by" or "with" or "for" or "of" or "in" or "on" or "to" or "after" or "before" or "during" or "and" or "or");
        }
        if (m.End <= q.Start && Near(text[m.End..q.Start])) return true;
        if (q.End <= m.Start && Near(text[q.End..m.Start])) return true;
        // "50 mg levodopa was administered over a nasogastric tube every two hours": the drug and an administration
        // verb in the frequency's clause.
        int a = Math.Min(m.Start, q.Start), b = Math.Max(m.End, q.End);
        if (b - a < 160 && text.AsSpan(a, b - a).IndexOfAny(".;()") < 0 && AdministrationVerb().IsMatch(text.AsSpan(a, b - a))) return true;
        return false;
    }
}
