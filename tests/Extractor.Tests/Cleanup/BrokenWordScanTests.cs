using Extractor.Cleanup;
using Xunit;

namespace Extractor.Tests.Cleanup;

/// <summary>Dehyphenation finds the words broken at line ends from the line breaks as its regex's scan finds them.</summary>
public class BrokenWordScanTests
{
    [Fact]
    public void Finds_what_the_regex_finds_on_random_texts()
    {
        var random = new Random(37);
        string[] pieces = ["ab", "C", "é", "7", "-", "--", " ", "\t", "\n", "\r\n", "\r", "\f", ".", "x-\ny", "word-\n\nend"];
        for (int round = 0; round < 20000; round++)
        {
            var sb = new System.Text.StringBuilder();
            int count = random.Next(0, 16);
            for (int k = 0; k < count; k++) sb.Append(pieces[random.Next(pieces.Length)]);
            string text = sb.ToString();
            var expected = Dehyphenation.BrokenWordsByRegex(text).Select(m => (m.Index, m.Length, m.Groups["left"].Value, m.Groups["right"].Value));
            var actual = Dehyphenation.BrokenWords(text).Select(m => (m.Index, m.Length, m.Groups["left"].Value, m.Groups["right"].Value));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void A_word_broken_at_a_line_end_is_found()
    {
        var m = Assert.Single(Dehyphenation.BrokenWords("the carcino-\nma was"));
        Assert.Equal(("carcino", "ma"), (m.Groups["left"].Value, m.Groups["right"].Value));
    }
}
