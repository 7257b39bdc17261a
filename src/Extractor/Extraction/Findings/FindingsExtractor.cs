using Extractor.Language;

namespace Extractor.Extraction.Findings;

/// <summary>
/// Patient facts for findings.csv: age, sex, ethnicity (<see cref="PatientFinder"/>), lab values and vital signs
/// (<see cref="LabValueFinder"/>), performance status, risk group, histology, grade, tumor size, symptoms and
/// procedures (<see cref="ClinicalFinder"/>) and pertinent negatives (<see cref="PertinentNegativeFinder"/>), in text order.
/// </summary>
public sealed class FindingsExtractor : IExtractor
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
        var facts = found.Concat(negatives).OrderBy(f => f.Start).ThenBy(f => f.Field, StringComparer.Ordinal);
        foreach (var f in facts) sink.Findings.Add(FindingRows.ToRow(document, f));
    }
}
