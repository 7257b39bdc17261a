using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Evaluation;

namespace Extractor.Tests.Evaluation;

public class CleanupEvaluatorTests
{
    // Hand-computed: gold has 32 characters and 7 words. The raw OCR has 2 character errors in 2 words
    // (patlent, dai1y), so 5 raw words are correct. The cleaned text fixes both and damages "given".
    private const string Raw = "the  patlent\fwas given 5 mg dai1y";
    private const string Cleaned = "the patient was glven 5 mg daily";
    private const string Gold = "the patient was given 5 mg daily";

    [Fact]
    public void Figures_of_a_hand_computed_example()
    {
        var c = CleanupEvaluator.Score("x", Raw, Cleaned, Gold).Counts;
        Assert.Equal(32, c.GoldChars);
        Assert.Equal(2, c.RawCharEdits);
        Assert.Equal(1, c.CleanCharEdits);
        Assert.Equal(2.0 / 32, c.RawCer, 9);
        Assert.Equal(0.5, c.CerReduction, 9);
        Assert.Equal(7, c.GoldWords);
        Assert.Equal(2.0 / 7, c.RawWer, 9);
        Assert.Equal(1.0 / 7, c.CleanWer, 9);
        Assert.Equal(5, c.CorrectRawWords);
        Assert.Equal(1, c.DamagedWords);
        Assert.Equal(0.2, c.DamageRate, 9);
        Assert.Equal(3, c.ChangedWords);
        Assert.Equal(2, c.RightChangedWords);
        Assert.Equal(2.0 / 3, c.ChangePrecision, 9);
    }

    [Fact]
    public void Examples_classify_damage_and_right_changes()
    {
        var s = CleanupEvaluator.Score("x", Raw, Cleaned, Gold, examples: true);
        Assert.Contains(s.Examples, e => e.Kind == ChangeKind.Damaged && e.Raw == "given" && e.Cleaned == "glven" && e.Gold == "given");
        Assert.Contains(s.Examples, e => e.Kind == ChangeKind.RightChange && e.Raw == "patlent" && e.Cleaned == "patient");
    }

    [Fact]
    public void A_joined_hyphenation_is_one_right_change()
    {
        var s = CleanupEvaluator.Score("x", "it con- tained cells", "it contained cells", "it contained cells", examples: true);
        Assert.Equal(1, s.Counts.ChangedWords);
        Assert.Equal(1, s.Counts.RightChangedWords);
        var e = Assert.Single(s.Examples);
        Assert.Equal(ChangeKind.RightChange, e.Kind);
        Assert.Equal("con- tained", e.Raw);
        Assert.Equal("contained", e.Cleaned);
        Assert.Equal("contained", e.Gold);
    }

    [Fact]
    public void A_word_split_by_the_ocr_shows_its_whole_gold_word()
    {
        var s = CleanupEvaluator.Score("x", "see (Fig.l A). now", "see (Fig.1 A). now", "see (Fig.1A). now", examples: true);
        var e = Assert.Single(s.Examples);
        Assert.Equal(ChangeKind.WrongChange, e.Kind);
        Assert.Equal("(Fig.1A).", e.Gold);
    }

    [Fact]
    public void Wrong_change_of_a_wrong_word_lowers_precision_but_is_no_damage()
    {
        var c = CleanupEvaluator.Score("x", "a rnole b", "a rnale b", "a mole b").Counts;
        Assert.Equal(1, c.ChangedWords);
        Assert.Equal(0, c.RightChangedWords);
        Assert.Equal(0, c.DamagedWords);
        Assert.Equal(0.0, c.ChangePrecision);
    }

    [Fact]
    public void Unchanged_text_scores_no_changes_and_zero_reduction()
    {
        var c = CleanupEvaluator.Score("x", Raw, Raw, Gold).Counts;
        Assert.Equal(0, c.ChangedWords);
        Assert.True(double.IsNaN(c.ChangePrecision));
        Assert.Equal(0.0, c.CerReduction);
        Assert.Equal(c.RawCer, c.CleanCer);
    }

    [Fact]
    public void Counts_add_up_over_documents()
    {
        var a = CleanupEvaluator.Score("a", Raw, Cleaned, Gold).Counts;
        var sum = a + a;
        Assert.Equal(2, sum.Documents);
        Assert.Equal(a.RawCer, sum.RawCer, 9);
        Assert.Equal(2 * a.DamagedWords, sum.DamagedWords);
    }

    public static string FixtureDir(string name)
    {
        var root = BenchmarkLocator.FindRepositoryRoot() ?? throw new InvalidOperationException("repository root not found");
        return Path.Combine(root, "tests", "Extractor.Tests", "Fixtures", "evaluation", name);
    }

    [Fact]
    public void Fixture_folder_set_scores_with_a_cleaner()
    {
        var pairs = CleanupBenchmark.Read(FixtureDir("cleanup-set")).ToList();
        Assert.Equal(["case1", "case2"], pairs.Select(p => p.Id));
        var total = new CleanupCounts();
        foreach (var p in pairs) total += CleanupEvaluator.Evaluate(p, new ReplacingCleaner("rn", "m")).Counts;
        // Raw errors: wornan, adrnitted, norrnal (rn for m: 2 edits each) and 9.l (1) = 7 edits; the cleaner fixes the rn words.
        Assert.Equal(7, total.RawCharEdits);
        Assert.Equal(1, total.CleanCharEdits);
        Assert.Equal(3, total.ChangedWords);
        Assert.Equal(3, total.RightChangedWords);
        Assert.Equal(0, total.DamagedWords);
    }

    [Fact]
    public void Fixture_line_pair_reads_one_document_a_line()
    {
        var pairs = CleanupBenchmark.Read(FixtureDir("line-pair")).ToList();
        Assert.Equal(2, pairs.Count);
        Assert.Equal("line 2", pairs[1].Id);
        Assert.Equal("The results are similar.", pairs[1].Gold);
    }

    [Fact]
    public void Eval_cleanup_command_prints_one_line_per_set()
    {
        var output = CliRunner.Run("eval", "cleanup", FixtureDir(""), "--details");
        Assert.Equal(0, output.ExitCode);
        Assert.Contains("cleanup-set: raw CER", output.Stdout);
        Assert.Contains("line-pair: raw CER", output.Stdout);
        Assert.Contains("docs 2", output.Stdout);
    }

    /// <summary>A stand-in cleaner: replaces every occurrence of one string.</summary>
    private sealed class ReplacingCleaner(string from, string to) : ICleaner
    {
        public CleanResult Clean(string text)
        {
            var edits = new List<TextEdit>();
            for (int i = text.IndexOf(from, StringComparison.Ordinal); i >= 0; i = text.IndexOf(from, i + from.Length, StringComparison.Ordinal))
                edits.Add(new TextEdit(i, i + from.Length, to));
            var (t, map) = EditMap.Apply(text, edits);
            return new CleanResult(t, map, []);
        }
    }
}
