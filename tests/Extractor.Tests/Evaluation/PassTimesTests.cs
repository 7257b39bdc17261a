using Extractor.Cleanup;
using Extractor.Evaluation;

namespace Extractor.Tests.Evaluation;

/// <summary>The per-pass timing `benchmark cleanup` prints: every pass that ran is timed, and timing changes no output.</summary>
public sealed class PassTimesTests
{
    private const string Text = "The patlent was glven 40 mg/di of furosemide.\nHer hemoglobin was 9.l g/dl and the rnother re-\nported no pain.";

    [Fact]
    public void Each_pass_that_ran_is_timed_and_the_output_is_the_same()
    {
        var times = new PassTimes();
        var timed = new OcrCleaner(CleanupOptions.Default with { Times = times, Passes = CleanupPasses.All & ~CleanupPasses.Punctuation });
        var plain = new OcrCleaner(CleanupOptions.Default with { Passes = CleanupPasses.All & ~CleanupPasses.Punctuation });
        Assert.Equal(plain.Clean(Text).Text, timed.Clean(Text).Text);
        var names = times.Seconds().Select(t => t.Pass).ToHashSet();
        Assert.Equal(["ContextRules", "Dehyphenation", "Speller", "TokenGrammars", "choosing among proposals"], names.Order(StringComparer.Ordinal));
        Assert.All(times.Seconds(), t => Assert.True(t.Seconds >= 0));
        Assert.True(times.Seconds()[0].Seconds >= times.Seconds()[^1].Seconds);   // largest first
    }

    [Fact]
    public void Shares_name_every_pass_and_the_rest()
    {
        var line = CleanupSpeed.PassShares(OcrCleaner.Instance, () => [Text, Text], passes: 1);
        foreach (var pass in new[] { "Speller", "ContextRules", "TokenGrammars", "Punctuation", "Dehyphenation", "rounds and edit maps" })
            Assert.Contains(pass + " ", line);
    }
}
