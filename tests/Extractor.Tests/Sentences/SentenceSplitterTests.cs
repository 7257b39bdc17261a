using Extractor.Language;
using Xunit;

namespace Extractor.Tests.Sentences;

public class SentenceSplitterTests
{
    private static string[] Sentences(string text)
    {
        var tokens = Tokenizer.Tokenize(text);
        return SentenceSplitter.Split(text, tokens).Select(s => text[s.Start..s.End]).ToArray();
    }

    [Theory]
    // Period before a capital ends a sentence; abbreviations and initials do not.
    [InlineData("She took aspirin. It helped.", new[] { "She took aspirin.", "It helped." })]
    [InlineData("See Fig. 2 for the scan. Dr. Lee agreed.", new[] { "See Fig. 2 for the scan.", "Dr. Lee agreed." })]
    [InlineData("as shown by Okafor J. in 2010. Then", new[] { "as shown by Okafor J. in 2010.", "Then" })]
    // A blank line ends a heading or a finished sentence.
    [InlineData("Case presentation\n\nA woman of 50 came in.", new[] { "Case presentation", "A woman of 50 came in." })]
    [InlineData("The rash resolved.\n\nlater notes follow", new[] { "The rash resolved.", "later notes follow" })]
    // A column or page break inside an open parenthesis or an unfinished clause does not.
    [InlineData("treated with metformin (850 mg\n\ntwice a day) and diet.", new[] { "treated with metformin (850 mg\n\ntwice a day) and diet." })]
    [InlineData("The patient was given oral iron for\f\nthree months.", new[] { "The patient was given oral iron for\f\nthree months." })]
    [InlineData("Her husband reported fever, cough,\n\nand night sweats.", new[] { "Her husband reported fever, cough,\n\nand night sweats." })]
    // Too short to be an unfinished clause, or the next line starts like a new block: still a break.
    [InlineData("Dose\n\nmg per day", new[] { "Dose", "mg per day" })]
    [InlineData("The patient was given oral iron for\n\nThree months later", new[] { "The patient was given oral iron for", "Three months later" })]
    public void Splits_sentences(string text, string[] expected) => Assert.Equal(expected, Sentences(text));
}
