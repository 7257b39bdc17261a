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
