using System.Text.RegularExpressions;
using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Extraction;
using Extractor.Language;
using Extractor.Pipeline;
using FsCheck.Xunit;

namespace Extractor.Tests.Properties;

/// <summary>The property checks catch what they are meant to catch, and hold for a cleaner that really edits.</summary>
public class PropertyCheckTests
{
    /// <summary>Joins words broken at a line end and collapses runs of spaces, with an edit map and a log: a small real cleaner.</summary>
    private sealed class JoiningCleaner : ICleaner
    {
        public CleanResult Clean(string text)
        {
            var edits = new List<TextEdit>();
            var log = new List<Correction>();
            foreach (Match m in Regex.Matches(text, @"(?<=\p{Ll})-\n(?=\p{Ll})| {2,}"))
            {
                string to = m.Value[0] == ' ' ? " " : "";
                edits.Add(new TextEdit(m.Index, m.Index + m.Length, to));
                log.Add(new Correction(m.Index, m.Index + m.Length, m.Value, to, to == "" ? "dehyphenation" : "spacing", 0.9, true));
            }
            var (clean, map) = EditMap.Apply(text, edits);
            return new CleanResult(clean, map, log);
        }
    }

    private sealed class WordExtractor(string word) : IExtractor
    {
        public int Shift { get; init; }
        public void Extract(AnalyzedDocument document, ExtractionSink sink)
        {
            foreach (Match m in Regex.Matches(document.Text, word))
            {
                var at = document.Locate(m.Index, m.Index + m.Length);
                sink.AdverseEvents.Add(new AdverseEvent
                {
                    DocumentId = document.DocumentId, Event = m.Value, EventText = m.Value, Start = at.Start, End = at.End,
                    SourceStart = at.SourceStart + Shift, SourceEnd = at.SourceEnd + Shift, Page = at.Page, Evidence = at.Evidence,
                });
            }
        }
    }

    private static DocumentResult Process(ICleaner cleaner, IExtractor extractor, string text) =>
        new DocumentPipeline(cleaner, [extractor]).Process(new SourceDocument { DocumentId = "t", SourcePath = "t", Text = text });

    [Property(MaxTest = 150, Arbitrary = [typeof(TextArbitraries)])]
    public void A_cleaner_that_edits_keeps_every_property(OcrText input)
    {
        var cleaner = new JoiningCleaner();
        var result = Process(cleaner, new WordExtractor("carcinoma|grade|hypertension"), input.Value);
        Assert.Equal(result.Cleanup.Text, cleaner.Clean(result.Cleanup.Text).Text);
        PipelineProperties.AssertCorrectionsTrace(input.Value, result.Cleanup);
        PipelineProperties.AssertRowsTrace(result);
    }

    [Fact]
    public void A_row_whose_source_span_is_off_fails_the_check()
    {
        const string text = "renal cell carci-\nnoma  with    hypertension";
        var good = Process(new JoiningCleaner(), new WordExtractor("carcinoma|hypertension"), text);
        Assert.Equal(2, good.AdverseEvents.Count);
        Assert.Equal("carci-\nnoma", text[good.AdverseEvents[0].SourceStart..good.AdverseEvents[0].SourceEnd]);
        PipelineProperties.AssertRowsTrace(good);
        var shifted = Process(new JoiningCleaner(), new WordExtractor("hypertension") { Shift = 1 }, text);
        Assert.ThrowsAny<Exception>(() => PipelineProperties.AssertRowsTrace(shifted));
    }

    [Fact]
    public void A_correction_whose_original_is_not_the_input_fails_the_check()
    {
        var bad = new CleanResult("x", EditMap.Identity, [new Correction(0, 2, "ab", "x", "test", 1, true)]);
        Assert.ThrowsAny<Exception>(() => PipelineProperties.AssertCorrectionsTrace("ac", bad));
        PipelineProperties.AssertCorrectionsTrace("ab", bad);
    }
}
