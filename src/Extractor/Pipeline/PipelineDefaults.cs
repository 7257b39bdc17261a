using Extractor.Cleanup;
using Extractor.Extraction;

namespace Extractor.Pipeline;

/// <summary>The default parts of the pipeline. Each stage registers itself here with one line.</summary>
public static class PipelineDefaults
{
    public static ICleaner CreateCleaner() => OcrCleaner.Instance;

    /// <summary>The default cleaner weighing a batch's word counts (<see cref="BatchEvidence"/>); the plain one without them.</summary>
    public static ICleaner CreateCleaner(IReadOnlyDictionary<string, int>? batchCounts) =>
        batchCounts is null ? CreateCleaner() : new OcrCleaner(OcrCleaner.Instance.Options with { CorpusCounts = batchCounts }, OcrCleaner.Instance.Lexicon);

    public static IEnumerable<IExtractor> CreateExtractors() =>
    [
        Extraction.Medications.MedicationExtractor.Instance,
        Extraction.Tables.TableExtractor.Instance,
        Extraction.AdverseEvents.AdverseEventExtractor.Instance,
        Extraction.Tnm.TnmExtractor.Instance,
        Extraction.Findings.FindingsExtractor.Instance,
        Extraction.Outcomes.TextOutcomeExtractor.Instance,
        Extraction.Bibliography.BibliographyExtractor.Instance,
    ];
}
