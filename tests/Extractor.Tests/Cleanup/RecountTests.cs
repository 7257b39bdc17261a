using Extractor.Cleanup;
using Xunit;

namespace Extractor.Tests.Cleanup;

/// <summary>The later rounds' word counts are updated where the last round's changes fell, not counted again.</summary>
public class RecountTests
{
    [Theory]
    [InlineData("the lett lung was clear", 4, 8, "left", "the left lung was clear")]
    [InlineData("hepato megaly and fever", 6, 7, "", "hepatomegaly and fever")]            // a removed space joins two words
    [InlineData("painand fever", 4, 4, " ", "pain and fever")]                            // an inserted space splits one
    [InlineData("rn is it", 0, 2, "m", "m is it")]
    [InlineData("end.", 3, 4, "", "end")]
    public void OneEditGivesTheCountsOfTheNewText(string before, int start, int end, string corrected, string after)
    {
        var edit = new Correction(start, end, before[start..end], corrected, "test", 1, true, "");
        Assert.Equal(after, before[..start] + corrected + before[end..]);
        var counts = CleanupContext.Recount(CleanupContext.CountWords(before), before, [edit], after);
        Assert.Equal(CleanupContext.CountWords(after).OrderBy(kv => kv.Key), counts.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void RandomEditsGiveTheCountsOfTheNewText()
    {
        var random = new Random(17);
        const string alphabet = "abcAB -.,\n1";
        for (int round = 0; round < 3000; round++)
        {
            string before = RandomText(random, alphabet, 40);
            var edits = new List<Correction>();
            int pos = 0;
            while (pos <= before.Length && random.Next(3) > 0)
            {
                int start = Math.Min(before.Length, pos + random.Next(0, 6));
                int end = Math.Min(before.Length, start + random.Next(0, 3));
                string corrected = RandomText(random, alphabet, 3);
                if (edits.Count > 0 && (start < edits[^1].End || (start == edits[^1].End && start == edits[^1].Start))) break;   // non-overlapping (they may meet)
                edits.Add(new Correction(start, end, before[start..end], corrected, "test", 1, true, ""));
                pos = end;
            }
            var sb = new System.Text.StringBuilder();
            int at = 0;
            foreach (var e in edits) { sb.Append(before, at, e.Start - at).Append(e.Corrected); at = e.End; }
            string after = sb.Append(before, at, before.Length - at).ToString();
            var counts = CleanupContext.Recount(CleanupContext.CountWords(before), before, edits, after);
            Assert.Equal(CleanupContext.CountWords(after).OrderBy(kv => kv.Key), counts.OrderBy(kv => kv.Key));
        }
    }

    [Fact]
    public void The_pair_scan_counts_the_words_as_CountWords_does_in_the_same_order()
    {
        var random = new Random(23);
        const string alphabet = "abcÄé AB -.,\n1";
        for (int round = 0; round < 2000; round++)
        {
            string text = RandomText(random, alphabet, 60);
            if (round % 100 == 0) text += " " + new string('a', 70) + " ab";   // a run over 64 letters is no word
            Assert.Equal(CleanupContext.CountWords(text).ToList(), DocumentPairs.Of(text).WordCounts().ToList());
        }
    }

    [Fact]
    public void The_pair_scan_counts_the_pairs_as_CountBigrams_does()
    {
        var random = new Random(29);
        const string alphabet = "abAÄé  -.\n";
        for (int round = 0; round < 300; round++)
        {
            string text = RandomText(random, alphabet, 300);
            var pairs = DocumentPairs.Of(text);
            var expected = CleanupContext.CountBigrams(text);
            var words = CleanupContext.CountWords(text).Keys.Append("zz").ToList();
            foreach (var a in words)
                foreach (var b in words)
                    Assert.Equal(expected.GetValueOrDefault((a, b)), pairs.Count(a, b));
        }
    }

    [Fact]
    public void Batch_counts_hold_each_word_pair_code_and_compound_place_once_per_text_that_has_it()
    {
        // The definition DocumentFrequencies keeps: the keys of CountWords, CountBigrams ("first second"),
        // CountCodes and CompoundParts.Count of each text, each counted once per text.
        var random = new Random(31);
        const string alphabet = "abAÄé  -.\n1";
        for (int round = 0; round < 200; round++)
        {
            var texts = Enumerable.Range(0, random.Next(1, 5)).Select(_ => RandomText(random, alphabet, 200)).ToList();
            if (round % 50 == 0) texts.Add(new string('b', 70) + " ab ab-Ab MRI");   // a run over 64 letters is no word
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var text in texts)
            {
                var keys = CleanupContext.CountWords(text).Keys
                    .Concat(CleanupContext.CountBigrams(text).Keys.Select(p => p.Item1 + " " + p.Item2))
                    .Concat(TokenGrammars.CountCodes(text).Keys)
                    .Concat(CompoundParts.Count(text).Keys);
                foreach (var key in keys) expected[key] = expected.GetValueOrDefault(key) + 1;
            }
            var counts = CleanupContext.DocumentFrequencies(texts);
            Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), counts.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        }
    }

    // A string of up to maxLength - 1 characters drawn from the alphabet.
    private static string RandomText(Random random, string alphabet, int maxLength) =>
        new(Enumerable.Range(0, random.Next(0, maxLength)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
}
