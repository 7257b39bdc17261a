using Extractor.Language;

namespace Extractor.Extraction.Findings;

/// <summary>
/// Patient facts for findings.csv: age, sex, ethnicity (<see cref="PatientFinder"/>), lab values and vital signs
/// (<see cref="LabValueFinder"/>), performance status, risk group, histology, grade, tumor size, symptoms and
/// procedures (<see cref="ClinicalFinder"/>), in text order.
/// </summary>
public sealed class FindingsExtractor : IExtractor
{
    public static readonly FindingsExtractor Instance = new();

    public void Extract(AnalyzedDocument document, ExtractionSink sink)
    {
        var facts = PatientFinder.Find(document)
            .Concat(LabValueFinder.Instance.Find(document))
            .Concat(ClinicalFinder.Find(document))
            .OrderBy(f => f.Start).ThenBy(f => f.Field, StringComparer.Ordinal);
        foreach (var f in facts) sink.Findings.Add(FindingRows.ToRow(document, f));
    }
}
