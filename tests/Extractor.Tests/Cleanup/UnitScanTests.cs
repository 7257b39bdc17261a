using Extractor.Cleanup;
using Xunit;

namespace Extractor.Tests.Cleanup;

/// <summary>The unit grammar's own scan for a number and the token after it finds what its regex finds.</summary>
public class UnitScanTests
{
    [Theory]
    [InlineData("a dose of 5 mg daily", 12, 2)]
    [InlineData("3.5mg/dL and", 3, 5)]
    [InlineData("a 3-cm incision", 4, 2)]
    [InlineData("2 million cells/uL", 10, 8)]
    [InlineData("a peak of 40\nem from", 13, 2)]
    public void Finds_the_token_after_a_number(string text, int at, int length) =>
        Assert.Equal((at, length), TokenGrammars.UnitTokens(text)[0]);

    [Fact]
    public void Finds_what_the_regex_finds_on_random_texts()
    {
        var random = new Random(31);
        string[] pieces = ["1", "2", "05", ".", ",", " ", "  ", "\t", "\n", "\r\n", "\r", "-", "–", "mg", "L", "/", "(", ")", ";", ":",
            "million", "billion", "thousand", "x", "é", "²", "µ"];
        for (int round = 0; round < 20000; round++)
        {
            var sb = new System.Text.StringBuilder();
            int count = random.Next(0, 14);
            for (int k = 0; k < count; k++) sb.Append(pieces[random.Next(pieces.Length)]);
            string text = sb.ToString();
            Assert.Equal(TokenGrammars.UnitTokensByRegex(text), TokenGrammars.UnitTokens(text));
        }
    }

    [Fact]
    public void A_text_with_other_digits_is_scanned_by_the_regex()
    {
        const string text = "٣ mg and 4 kg";   // an Arabic-Indic three
        Assert.Equal(TokenGrammars.UnitTokensByRegex(text), TokenGrammars.UnitTokens(text));
    }
}

/// <summary>The digit look-alike rule reads on from every glyph it knows, but from an l only where a token can start.</summary>
public class DigitLikeStartTests
{
    [Fact]
    public void Gives_every_glyph_and_every_l_at_a_token_start_in_order()
    {
        var random = new Random(41);
        const string alphabet = "lSOIL|Jx (\n\t.";
        for (int round = 0; round < 20000; round++)
        {
            string text = new(Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var expected = Enumerable.Range(0, text.Length)
                .Where(p => "SOIlL|J".Contains(text[p]) && (text[p] != 'l' || p == 0 || text[p - 1] is ' ' or '\n' or '\t' or '('));
            Assert.Equal(expected, TokenGrammars.DigitLikeStarts(text));
        }
    }
}
