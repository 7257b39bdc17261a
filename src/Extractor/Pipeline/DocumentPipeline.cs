using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Extraction;
using Extractor.Language;

namespace Extractor.Pipeline;

/// <summary>
/// The stages for one document, composed by the caller: clean the source text, analyse the cleaned text, run the
/// extractors in order. Immutable once built; safe to share across threads when its parts are.
/// </summary>
public sealed class DocumentPipeline
{
    public ICleaner Cleaner { get; }
    public IReadOnlyList<IExtractor> Extractors { get; }

    public DocumentPipeline(ICleaner cleaner, IEnumerable<IExtractor> extractors)
    {
        Cleaner = cleaner;
        Extractors = extractors.ToArray();
    }

    /// <summary>The default cleaner and every extractor this build knows.</summary>
    public static DocumentPipeline CreateDefault() => new(PipelineDefaults.CreateCleaner(), PipelineDefaults.CreateExtractors());

    public DocumentResult Process(SourceDocument source)
    {
        // Between stages the document's time limit is checked (DocumentDeadline: set by the batch runner, never
        // expires elsewhere), so an overrun ends at the next stage even when a stage itself does not check.
        DocumentDeadline.ThrowIfExpired();
        var cleanup = Cleaner is Review.IDocumentCleaner byDocument ? byDocument.Clean(source) : Cleaner.Clean(source.Text); // reviewer decisions need the id
        DocumentDeadline.ThrowIfExpired();
        var analyzed = new AnalyzedDocument(source, cleanup);
        var sink = new ExtractionSink();
        foreach (var extractor in Extractors)
        {
            DocumentDeadline.ThrowIfExpired();
            extractor.Extract(analyzed, sink);
        }
        DocumentDeadline.ThrowIfExpired();
        var info = sink.Info with
        {
            DocumentId = source.DocumentId,
            SourcePath = source.SourcePath,
            Pages = source.Pages,
            Characters = source.Text.Length,
            CorrectionsApplied = cleanup.Corrections.Count(c => c.Applied),
            CorrectionsSuggested = cleanup.Corrections.Count(c => !c.Applied),
            Encoding = source.Encoding,
            ContentHash = source.ContentHash,
        };
        return Ocr.EvidenceBoxes.Fill(new DocumentResult
        {
            Source = source,
            Cleanup = cleanup,
            Info = info,
            Medications = sink.Medications,
            TrialArms = sink.TrialArms,
            Outcomes = sink.Outcomes,
            AdverseEvents = sink.AdverseEvents,
            Staging = sink.Staging,
            Findings = sink.Findings,
        });
    }
}
