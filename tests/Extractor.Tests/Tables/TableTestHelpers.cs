using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Extraction;
using Extractor.Extraction.Tables;
using Extractor.Language;

namespace Extractor.Tests.Tables;

internal static class TableTestHelpers
{
    public static readonly TableReaderOptions Fake = new() { Vocabulary = FakeArmVocabulary.Instance };

    public static AnalyzedDocument Analyze(string text, IReadOnlyList<OcrWord>? words = null) =>
        new(new SourceDocument { DocumentId = "t", SourcePath = "t.txt", Text = text, Words = words ?? [] }, IdentityCleaner.Instance.Clean(text));

    public static ExtractionSink Run(string text, TableReaderOptions? options = null, IReadOnlyList<OcrWord>? words = null)
    {
        var sink = new ExtractionSink();
        new TableExtractor(options ?? Fake).Extract(Analyze(text, words), sink);
        return sink;
    }

    public static string Arms(ExtractionSink sink) =>
        string.Join("\n", sink.TrialArms.Select(a => $"{a.TableId}|{a.Row}|{a.Study}|{a.Year}|{a.Arm}|{a.Drug}|{a.DoseValue}|{a.DoseUnit}|{a.Frequency}"));

    public static string Outcomes(ExtractionSink sink) =>
        string.Join("\n", sink.Outcomes.Select(o => $"{o.TableId}|{o.Row}|{o.Study}|{o.Year}|{o.Arm}|{o.Measure}|{o.Value}|{o.Unit}"));
}
