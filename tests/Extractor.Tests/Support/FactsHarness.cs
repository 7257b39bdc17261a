using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Extraction;
using Extractor.Language;

namespace Extractor.Tests.Support;

/// <summary>Runs one extractor over a text (cleaned = input) and returns the sink.</summary>
public static class FactsHarness
{
    public static AnalyzedDocument Analyze(string text, ICleaner? cleaner = null)
    {
        var source = new SourceDocument { DocumentId = "t", SourcePath = "t.txt", Text = text };
        return new AnalyzedDocument(source, (cleaner ?? IdentityCleaner.Instance).Clean(text));
    }

    public static ExtractionSink Run(string text, params IExtractor[] extractors)
    {
        var doc = Analyze(text);
        var sink = new ExtractionSink();
        foreach (var e in extractors) e.Extract(doc, sink);
        return sink;
    }
}
