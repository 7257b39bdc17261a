using Extractor.Pipeline;

namespace Extractor.Review;

/// <summary>Everything a reviewer decided for an output folder: corrections and facts, read at the start of a run.</summary>
public sealed record Reviews(ReviewBook Corrections, FactReviewBook Facts)
{
    public static Reviews Load(string outDir) => new(ReviewBook.Load(outDir), FactReviewBook.Load(outDir));

    public int Count => Corrections.Count + Facts.Count;

    public IEnumerable<string> Warnings => Corrections.Warnings.Concat(Facts.Warnings).Concat(Facts.Notes);

    /// <summary>Changes when a decision changes (empty without decisions): part of the resume fingerprint.</summary>
    public string Fingerprint() => Count == 0 ? "" : $";review={Corrections.Fingerprint()}/{Facts.Fingerprint()}";

    /// <summary>The pipeline with the decisions applied: a <see cref="ReviewedCleaner"/> around its cleaner, a <see cref="FactReviewer"/> after its extractors.</summary>
    public DocumentPipeline Apply(DocumentPipeline pipeline) =>
        new(new ReviewedCleaner(pipeline.Cleaner, Corrections), Facts.Count == 0 ? pipeline.Extractors : [.. pipeline.Extractors, new FactReviewer(Facts)]);

    /// <summary>After a run: creates the review files that are missing, appends rows for new documents; returns the rows written.</summary>
    /// <param name="sourceText">The input text of a document's span (document_id, source_start, source_end), recorded in
    /// the fact review files as <c>source_text</c> so a decision is found again when the input moves.</param>
    public static int Sync(string outDir, Func<string, int, int, string?>? sourceText = null) => ReviewBook.Sync(outDir) + FactReviewBook.Sync(outDir, sourceText);
}
