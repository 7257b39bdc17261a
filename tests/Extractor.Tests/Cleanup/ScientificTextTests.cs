using Extractor.Cleanup;

namespace Extractor.Tests.Cleanup;

/// <summary>Cleanup mechanisms for scanned scientific papers (technical vocabulary, references, old OCR), on inputs the seed does not contain.</summary>
public class ScientificTextTests
{
    private static CleanResult Clean(string text) => OcrCleaner.Instance.Clean(text);

    [Theory]
    // '?' written for characters an ASCII-only step could not keep: apostrophes, quotes, en dashes in ranges
    [InlineData("the reviewer?s comments and Smith?s model", "the reviewer's comments and Smith's model")]
    [InlineData("we didn?t see it; O?Brien agreed", "we didn't see it; O'Brien agreed")]
    [InlineData("Proceedings of COLING?96, pages 412-?419.", "Proceedings of COLING'96, pages 412-419.")]
    [InlineData("the term ?word sense? is vague", "the term \"word sense\" is vague")]
    [InlineData("known as ?bag of words,? which", "known as \"bag of words,\" which")]
    public void Replacement_marks_are_read_back(string input, string expected)
    {
        var result = Clean(input);
        Assert.Equal(expected, result.Text);
        Assert.All(result.Corrections, c => Assert.Equal(c.Original, input[c.Start..c.End]));
        Assert.Equal(result.Text, Clean(result.Text).Text);
    }

    [Theory]
    [InlineData("Is it true? Yes. What about x? It holds.")]     // questions
    [InlineData("(define ?x ?y) binds ?x to the value")]         // variables of a rule language
    [InlineData("for all k ? K -? K the map is defined")]        // lost math symbols stay
    public void Question_marks_that_are_no_replacement_stay(string input)
    {
        Assert.Equal(input, Clean(input).Text);
    }
}
