using Extractor.Cleanup;
using Extractor.Core;

namespace Extractor.Tests.Ocr;

/// <summary>The cleanup takes Tesseract's word confidence as evidence: an unsure reading makes a fix likelier, a sure one less.</summary>
public sealed class OcrConfidenceEvidenceTests
{
    private static readonly CleanupOptions Options = CleanupOptions.Default;

    [Theory]
    [InlineData("lexicon")]
    [InlineData("confusion")]
    [InlineData("grammar.unit")]
    public void RecognitionFixes_GainOnUnsureWords_AndLoseOnSureOnes(string kind)
    {
        var p = new Correction(0, 5, "tbe", "the", kind, 0.7, false, "close to a word");
        var unsure = OcrCleaner.WeighByOcrConfidence(p, 12f, Options);
        var middling = OcrCleaner.WeighByOcrConfidence(p, 80f, Options);
        var sure = OcrCleaner.WeighByOcrConfidence(p, 99f, Options);
        Assert.True(unsure.Confidence > 0.8, $"{unsure.Confidence}"); // 0.7 + 0.15 * 48/60
        Assert.Equal(p, middling);
        Assert.True(sure.Confidence < 0.7 && sure.Confidence > 0.5, $"{sure.Confidence}");
        Assert.Equal("close to a word; OCR confidence 12", unsure.Reason);
        Assert.Equal(p, OcrCleaner.WeighByOcrConfidence(p, null, Options)); // no OCR word there (text input, PDF text layer)
    }

    [Theory]
    [InlineData("dehyphenation")]
    [InlineData("spacing")]
    [InlineData("punctuation.period")]
    public void LayoutAndPunctuationChanges_IgnoreRecognitionConfidence(string kind)
    {
        var p = new Correction(0, 5, "a-\nb", "ab", kind, 0.7, false);
        Assert.Equal(p, OcrCleaner.WeighByOcrConfidence(p, 5f, Options));
    }

    // The same misread word in an OCR'd document, once read with low and once with high confidence.
    private static SourceDocument Scan(float confidence)
    {
        const string text = "The patient was treated with cisplatln and recovered.\n";
        var words = new List<OcrWord>();
        int x = 10;
        foreach (var m in System.Text.RegularExpressions.Regex.Matches(text, @"\S+").Cast<System.Text.RegularExpressions.Match>())
        {
            float c = m.Value == "cisplatln" ? confidence : 93f;
            words.Add(new OcrWord(m.Value, 1, new BoundingBox(x, 10, x + 10 * m.Length, 30), c, m.Index, m.Index + m.Length));
            x += 10 * m.Length + 10;
        }
        return new SourceDocument { DocumentId = "scan", SourcePath = "scan.png", Text = text, Words = words, Encoding = "ocr" };
    }

    [Fact]
    public void DocumentCleanup_WeighsTheFixOfAMisreadWordByItsOcrConfidence()
    {
        var cleaner = OcrCleaner.Instance;
        var textOnly = Assert.Single(cleaner.Clean(Scan(50).Text).Corrections, c => c.Original == "cisplatln");
        var unsure = Assert.Single(cleaner.Clean(Scan(20)).Corrections, c => c.Original == "cisplatln");
        var sure = Assert.Single(cleaner.Clean(Scan(99)).Corrections, c => c.Original == "cisplatln");
        Assert.Equal("cisplatin", unsure.Corrected);
        Assert.True(unsure.Confidence > textOnly.Confidence || unsure.Confidence == 1, $"{unsure.Confidence} vs {textOnly.Confidence}");
        Assert.True(sure.Confidence < textOnly.Confidence, $"{sure.Confidence} vs {textOnly.Confidence}");
        Assert.Contains("OCR confidence 20", unsure.Reason);
        Assert.Equal(unsure.Confidence >= CleanupOptions.Default.ApplyThreshold, unsure.Applied);
        Assert.Equal(sure.Confidence >= CleanupOptions.Default.ApplyThreshold, sure.Applied);
        // The pipeline cleans by document, so run and its corrections.csv see the same evidence.
        var result = Extractor.Pipeline.DocumentPipeline.CreateDefault().Process(Scan(20));
        Assert.Contains(result.Cleanup.Corrections, c => c.Original == "cisplatln" && c.Reason.Contains("OCR confidence 20"));
    }
}
