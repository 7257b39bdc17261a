using Extractor.Evaluation;
using Xunit;

namespace Extractor.Tests.Evaluation;

/// <summary>The bootstrap interval of the cleanup figures over documents (eval cleanup --intervals).</summary>
public class CleanupIntervalsTests
{
    private static CleanupCounts Doc(long rawEdits, long cleanEdits, long changed = 0, long right = 0, long correct = 100, long damaged = 0) => new()
    {
        Documents = 1, GoldChars = 1000, RawCharEdits = rawEdits, CleanCharEdits = cleanEdits,
        ChangedWords = changed, RightChangedWords = right, CorrectRawWords = correct, DamagedWords = damaged,
    };

    [Fact]
    public void Alike_documents_give_an_interval_of_one_point()
    {
        var docs = Enumerable.Range(0, 20).Select(_ => Doc(10, 6, changed: 4, right: 3, damaged: 1)).ToList();
        var r = CleanupIntervals.Of(docs, resamples: 200);
        Assert.Equal(0.4, r.CerReduction.Value, 9);
        Assert.Equal(r.CerReduction.Value, r.CerReduction.Low, 9);
        Assert.Equal(r.CerReduction.Value, r.CerReduction.High, 9);
        Assert.Equal(0.75, r.ChangePrecision.Low, 9);
        Assert.Equal(0.01, r.DamageRate.High, 9);
    }

    [Fact]
    public void Two_opposite_documents_span_everything_between_them()
    {
        // Resamples of two documents: both the first (reduction 1), both the second (0), or one of each (0.5).
        var docs = new[] { Doc(10, 0), Doc(10, 10) };
        var r = CleanupIntervals.Of(docs, resamples: 400);
        Assert.Equal(0.5, r.CerReduction.Value, 9);
        Assert.Equal(0.0, r.CerReduction.Low, 9);
        Assert.Equal(1.0, r.CerReduction.High, 9);
    }

    [Fact]
    public void The_interval_narrows_as_the_level_drops_and_holds_the_figure()
    {
        var random = new Random(5);
        var docs = Enumerable.Range(0, 60).Select(_ => { int raw = random.Next(1, 40); return Doc(raw, random.Next(0, raw + 1)); }).ToList();
        var wide = CleanupIntervals.Of(docs, level: 0.95);
        var narrow = CleanupIntervals.Of(docs, level: 0.5);
        Assert.True(wide.CerReduction.Low < narrow.CerReduction.Low && narrow.CerReduction.High < wide.CerReduction.High);
        Assert.InRange(wide.CerReduction.Value, wide.CerReduction.Low, wide.CerReduction.High);
        Assert.Equal(wide, CleanupIntervals.Of(docs, level: 0.95));   // seeded: the same set, the same interval
    }

    [Fact]
    public void Without_any_change_precision_has_no_interval()
    {
        var r = CleanupIntervals.Of([Doc(5, 5), Doc(3, 3)]);
        Assert.True(double.IsNaN(r.ChangePrecision.Value));
        Assert.True(double.IsNaN(r.ChangePrecision.Low));
        Assert.Contains("change precision n/a-n/a", CleanupIntervals.Line(r));
    }

    [Fact]
    public void Eval_cleanup_prints_the_intervals_when_asked()
    {
        var output = CliRunner.Run("eval", "cleanup", CleanupEvaluatorTests.FixtureDir(""), "--intervals");
        Assert.Equal(0, output.ExitCode);
        Assert.Contains("95 % interval over documents (bootstrap, 1000 resamples): reduction", output.Stdout);
        Assert.DoesNotContain("interval", CliRunner.Run("eval", "cleanup", CleanupEvaluatorTests.FixtureDir("")).Stdout);
    }
}
