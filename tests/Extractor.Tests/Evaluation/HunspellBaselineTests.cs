using Extractor.Cli;
using Extractor.Evaluation;

namespace Extractor.Tests.Evaluation;

/// <summary>Reading hunspell's pipe-mode output, without the program.</summary>
public class HunspellOutputTests
{
    [Theory]
    [InlineData("*")]
    [InlineData("-")]
    [InlineData("+ patient")]
    public void Right_words_are_correct(string line) =>
        Assert.Equal(HunspellVerdict.Correct, HunspellOutput.ParseLine(line)!.Verdict);

    [Fact]
    public void The_empty_line_ends_an_input_line() => Assert.Null(HunspellOutput.ParseLine(""));

    [Fact]
    public void A_misspelled_word_carries_its_offset_and_suggestions_with_spaces()
    {
        var w = HunspellOutput.ParseLine("& thepatient 6 7: the patient, the-patient, interpatient, impatient, patienter, patient")!;
        Assert.Equal(HunspellVerdict.Misspelled, w.Verdict);
        Assert.Equal("thepatient", w.Word);
        Assert.Equal(7, w.Offset);
        Assert.Equal(["the patient", "the-patient", "interpatient", "impatient", "patienter", "patient"], w.Suggestions);
    }

    [Fact]
    public void A_word_without_suggestions_is_kept()
    {
        var w = HunspellOutput.ParseLine("# qwzxv 17")!;
        Assert.Equal(HunspellVerdict.NoSuggestion, w.Verdict);
        Assert.Equal("qwzxv", w.Word);
        Assert.Equal(17, w.Offset);
        Assert.Empty(HunspellOutput.Edits("aaaaaaaaaaaaaaa qwzxv", 0, [w]));
    }

    [Theory]
    [InlineData("@(#) International Ispell Version 3.2.06")]
    [InlineData("& wrod six 13: word")]
    [InlineData("# qwzxv")]
    public void An_unknown_line_is_an_error(string line) => Assert.Throws<FormatException>(() => HunspellOutput.ParseLine(line));

    [Theory]
    [InlineData("μmol café wrod", 10, 10)]      // BMP letters: one code point, one char
    [InlineData("𝛼bc wrod", 4, 5)]              // U+1D6FC: one code point, two chars
    [InlineData("𝛼𝛼 wrod", 3, 5)]
    [InlineData("\ud835x wrod", 3, 3)]          // a lone surrogate is one code point (U+FFFD once encoded)
    public void Code_point_offsets_become_char_indexes(string line, int codePoint, int index) =>
        Assert.Equal(index, HunspellOutput.CharIndex(line, codePoint));

    [Fact]
    public void Edits_replace_by_the_first_suggestion_at_the_offset_after_non_ascii_letters()
    {
        // As hunspell answered "^μmol café wrod" (offsets count the ^): μmol at 1, wrod at 11.
        const string line = "μmol café wrod";
        var results = new[]
        {
            HunspellOutput.ParseLine("& μmol 3 1: mol, mmol, pmol")!,
            HunspellOutput.ParseLine("*")!,
            HunspellOutput.ParseLine("& wrod 6 11: w rod, word")!,
        };
        var edits = HunspellOutput.Edits(line, 100, results).ToList();
        Assert.Equal(2, edits.Count);
        Assert.Equal((100, 104, "mol"), (edits[0].Edit.Start, edits[0].Edit.End, edits[0].Edit.Replacement));
        Assert.Equal((110, 114, "w rod"), (edits[1].Edit.Start, edits[1].Edit.End, edits[1].Edit.Replacement));
        Assert.Equal("wrod", edits[1].Correction.Original);
        Assert.True(edits[1].Correction.Applied);
    }

    [Fact]
    public void Words_holding_a_digit_are_kept_when_asked()
    {
        // As hunspell answered "^(G3) mm3 wrod".
        var results = new[]
        {
            HunspellOutput.ParseLine("& G3 15 2: G, 3, Ge")!,
            HunspellOutput.ParseLine("& mm3 3 6: mm, cm3, mm 3")!,
            HunspellOutput.ParseLine("& wrod 6 10: word")!,
        };
        Assert.Equal(["G", "mm", "word"], HunspellOutput.Edits("(G3) mm3 wrod", 0, results).Select(e => e.Edit.Replacement));
        Assert.Equal(["word"], HunspellOutput.Edits("(G3) mm3 wrod", 0, results, skipWordsWithDigits: true).Select(e => e.Edit.Replacement));
    }

    [Fact]
    public void A_word_not_found_at_its_offset_is_skipped()
    {
        var w = HunspellOutput.ParseLine("& wrod 6 2: word")!; // index 1 (the ^ counts): " wro", not the word
        Assert.Empty(HunspellOutput.Edits("a wrod", 0, [w]));
    }

    [Fact]
    public void Lines_split_at_every_line_break_and_skip_empty_lines()
    {
        const string text = "ab\r\ncd\fef\n\ngh\rij";
        var lines = HunspellOutput.Lines(text).Select(l => text.Substring(l.Start, l.Length)).ToList();
        Assert.Equal(["ab", "cd", "ef", "gh", "ij"], lines);
    }

    [Fact]
    public void Long_lines_split_at_a_space_within_the_byte_limit()
    {
        const string text = "ééééé ab cd efghij\nxy";  // é is two bytes
        var lines = HunspellOutput.Lines(text, maxBytes: 14);
        foreach (var (s, n) in lines) Assert.True(System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(s, n)) <= 14);
        Assert.Equal(["ééééé ab", " cd efghij", "xy"], lines.Select(l => text.Substring(l.Start, l.Length)));
    }

    [Fact]
    public void Control_characters_are_sent_as_spaces_one_for_one()
    {
        Assert.Equal("a b\tc d", HunspellOutput.Sendable("xa\0b\tc\u0001d", 1, 7));
        Assert.Equal("plain", HunspellOutput.Sendable("plain", 0, 5));
    }
}

/// <summary>The naive baseline with Debian's hunspell (installed by scripts/setup).</summary>
public class HunspellBaselineTests
{
    [Fact]
    public void Rejected_words_get_their_first_suggestion_and_lines_starting_with_command_characters_are_text()
    {
        // Lines starting with * & # ~ ! % @ + - would be pipe-mode commands without the ^ (e.g. "*wrod" adds
        // "wrod" to the dictionary and answers nothing, which would shift every later answer).
        const string text = "Thc patient\r\n*wrod & tset\f#qwzxv -- +recieved\n~μmol café wrod\n!wrod %wrod @wrod\r\n-wrod +wrod thepatient\n";
        using var hunspell = new HunspellBaseline();
        var result = hunspell.Clean(text);
        Assert.Equal("THC patient\r\n*word & stet\f#qwzxv -- +received\n~mol café word\n!word %word @word\r\n-word +word the patient\n", result.Text);
        Assert.Equal(12, result.Corrections.Count);
        Assert.All(result.Corrections, c => Assert.Equal(c.Original, text[c.Start..c.End]));
        // The process is kept: a second text is answered too, and its own words only.
        Assert.Equal("word", hunspell.Clean("wrod").Text);
        Assert.Equal(2, hunspell.Texts);
        Assert.True(hunspell.CpuSeconds >= 0);
    }

    [Fact]
    public void The_edit_map_leads_a_replaced_word_back_to_the_input()
    {
        const string text = "The dose was giv3n ofthe day.\nwrod";
        using var hunspell = new HunspellBaseline();
        var result = hunspell.Clean(text);
        int at = result.Text.IndexOf("of the", StringComparison.Ordinal);
        Assert.True(at > 0, result.Text);
        Assert.Equal((text.IndexOf("ofthe", StringComparison.Ordinal), text.IndexOf("ofthe", StringComparison.Ordinal) + 5), result.Map.ToSource(at, at + 6));
        int word = result.Text.LastIndexOf("word", StringComparison.Ordinal);
        Assert.Equal((text.Length - 4, text.Length), result.Map.ToSource(word, word + 4));
        // After the replaced words, unchanged text maps one to one.
        int day = result.Text.IndexOf("day", StringComparison.Ordinal);
        Assert.Equal((text.IndexOf("day", StringComparison.Ordinal), text.IndexOf("day", StringComparison.Ordinal) + 3), result.Map.ToSource(day, day + 3));
    }

    [Fact]
    public void A_big_text_with_a_line_longer_than_hunspells_buffer_does_not_block_and_keeps_offsets()
    {
        // ~400 KB in and ~70 KB of answers: more than a pipe holds each way, so writing and reading must overlap.
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < 2000; i++) sb.Append("the patient was given the drug for many days\n");
        // One line of 20,000 characters: hunspell reads at most 8191 bytes a line.
        for (int i = 0; i < 2000; i++) sb.Append("the dose ");
        sb.Append("wrod\n");
        string text = sb.ToString();
        for (int k = 0; k < 2; k++) text += text;
        using var hunspell = new HunspellBaseline();
        var result = hunspell.Clean(text);
        Assert.Equal(text.Replace("wrod", "word"), result.Text);
        Assert.Equal(4, result.Corrections.Count);
    }

    [Fact]
    public void A_missing_dictionary_is_a_clear_error()
    {
        var ex = Assert.Throws<HunspellException>(() => new HunspellBaseline("en_XX_no_such_dictionary"));
        Assert.Contains("en_XX_no_such_dictionary", ex.Message);
    }

    [Fact]
    public void A_missing_program_is_a_clear_error()
    {
        var ex = Assert.Throws<HunspellException>(() => new HunspellBaseline(program: "hunspell-not-installed-here"));
        Assert.Contains("not found: apt-get install hunspell", ex.Message);
    }
}

/// <summary>The comparison line and its ratios, over hand-made counts.</summary>
public class BaselineComparisonTests
{
    [Fact]
    public void Speed_and_damage_ratios_are_ours_over_the_baseline()
    {
        var ours = new CleanupCounts { RawCharEdits = 100, CleanCharEdits = 80, CorrectRawWords = 1000, DamagedWords = 1, ChangedWords = 10, RightChangedWords = 8 };
        var baseline = new CleanupCounts { RawCharEdits = 100, CleanCharEdits = 140, CorrectRawWords = 1000, DamagedWords = 20, ChangedWords = 50, RightChangedWords = 4 };
        var c = new BaselineComparison(ours, baseline, 2_000_000, 1.0, 500.0);
        Assert.Equal(500, c.SpeedRatio, 9);
        string line = c.Summary();
        Assert.Contains("CER reduction 20.0 % vs -40.0 %", line);
        Assert.Contains("change precision 0.800 vs 0.080 (10.0x)", line);
        Assert.Contains("damage rate 0.100 % vs 2.000 % (20.0x less)", line);
        Assert.EndsWith("= 500x", line);
    }

    [Fact]
    public void No_damage_by_ours_says_so_instead_of_dividing_by_zero()
    {
        var c = new BaselineComparison(new CleanupCounts { CorrectRawWords = 10 }, new CleanupCounts { CorrectRawWords = 10, DamagedWords = 2 }, 1000, 0, 1);
        Assert.Contains("(none by ours)", c.Summary());
        Assert.True(double.IsNaN(c.SpeedRatio));
    }
}

/// <summary>`eval cleanup --baseline` on a tiny set made here, and its option checks.</summary>
public class EvalCleanupBaselineTests
{
    [Fact]
    public void Baseline_lines_follow_ours_on_the_first_documents_only()
    {
        var dir = Directory.CreateTempSubdirectory("baseline-set");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "a.ocr.txt"), "The patlent was given 5 mg daily.\n");
            File.WriteAllText(Path.Combine(dir.FullName, "a.gold.txt"), "The patient was given 5 mg daily.\n");
            File.WriteAllText(Path.Combine(dir.FullName, "b.ocr.txt"), "Thc wrod.\n");
            File.WriteAllText(Path.Combine(dir.FullName, "b.gold.txt"), "The word.\n");
            var (code, stdout, stderr) = CliRunner.Run("eval", "cleanup", dir.FullName, "--baseline", "--baseline-limit", "1");
            Assert.True(code == 0, stderr);
            var lines = stdout.Split('\n');
            int ours = Array.FindIndex(lines, l => l.StartsWith(dir.Name + ": ", StringComparison.Ordinal));
            Assert.True(ours >= 0, stdout);
            Assert.Contains("docs 1 ", lines[ours]);
            Assert.StartsWith(dir.Name + " baseline (hunspell, first suggestion): ", lines[ours + 1]);
            Assert.Contains("docs 1 ", lines[ours + 1]);
            Assert.StartsWith("  ours vs baseline: ", lines[ours + 2]);
            Assert.Contains("first 1 documents", stdout);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Baseline_limit_without_baseline_is_a_usage_error()
    {
        var (code, _, stderr) = CliRunner.Run("eval", "cleanup", "/nonexistent", "--baseline-limit", "3");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--baseline-limit goes with --baseline", stderr);
    }

    [Theory]
    [InlineData(new[] { "cleanup", "--baseline", "20" }, 20, new[] { "cleanup" })]
    [InlineData(new[] { "cleanup", "--baseline" }, 0, new[] { "cleanup" })]
    [InlineData(new[] { "cleanup", "--baseline", "DIR" }, 0, new[] { "cleanup", "DIR" })]
    public void Baseline_takes_an_optional_count(string[] argv, int count, string[] positional)
    {
        var args = new Arguments(argv);
        Assert.Equal(count, args.FlagWithCount("baseline"));
        Assert.Equal(positional, args.Positional);
        Assert.Null(new Arguments(["cleanup"]).FlagWithCount("baseline"));
    }
}
