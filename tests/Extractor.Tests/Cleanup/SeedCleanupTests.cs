using Extractor.Cleanup;
using Extractor.Ingest;

namespace Extractor.Tests.Cleanup;

public class SeedCleanupTests
{
    private static string Corpus => Path.Combine(RepoPaths.Root, "corpus", "hinyokika-kiyo-2009");

    private static string ReadInput() =>
        InputReader.CreateDefault().Read(Path.Combine(Corpus, "report.txt"), "report").Text;

    [Fact]
    public void Seed_comes_out_exactly_as_the_hand_written_expected_text()
    {
        var input = ReadInput();
        var expected = File.ReadAllText(Path.Combine(Corpus, "expected", "report.clean.txt"));
        var result = OcrCleaner.Instance.Clean(input);
        Assert.Equal(expected, result.Text);
    }

    [Fact]
    public void Every_logged_correction_quotes_the_input_at_its_offsets()
    {
        var input = ReadInput();
        var result = OcrCleaner.Instance.Clean(input);
        Assert.NotEmpty(result.Corrections);
        foreach (var c in result.Corrections)
        {
            Assert.Equal(c.Original, input[c.Start..c.End]);
            Assert.InRange(c.Confidence, 0, 1);
            Assert.False(string.IsNullOrEmpty(c.Kind));
        }
    }

    [Fact]
    public void Applied_corrections_map_back_to_their_input_spans()
    {
        var input = ReadInput();
        var result = OcrCleaner.Instance.Clean(input);
        foreach (var c in result.Corrections.Where(c => c.Applied))
        {
            var (s, e) = result.Map.ToEdited(c.Start, c.End);
            Assert.Equal(c.Corrected, result.Text[s..e]);
            Assert.Equal((c.Start, c.End), result.Map.ToSource(s, e));
        }
    }

    [Theory]
    [InlineData("Japanese women")]
    [InlineData("lesions was growing")]
    [InlineData("Sora:")]
    [InlineData("PFS (H) LAzl")]
    [InlineData("M = IS")]
    [InlineData("RIVEH O")]
    [InlineData("Hinyokika Kiyo")]
    [InlineData("(Pul, Hep)")]
    [InlineData("Escudier B")]
    [InlineData("Gollob JA")]
    [InlineData("10 MIU")]
    [InlineData("CR/PR: 33%")]
    [InlineData("800 mg/D")]
    public void Author_wording_names_and_garbage_stay_untouched(string fragment)
    {
        var input = ReadInput();
        Assert.Contains(fragment, input);
        var result = OcrCleaner.Instance.Clean(input);
        Assert.Contains(fragment, result.Text);
    }
}
