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

    [Theory]
    // Letters an old OCR engine split into a letter and a mark (l; = t, (: = c, 1) = p, l) = b), read back by the table
    [InlineData("the l;ol;al cost of 1)arsing", "the total cost of parsing")]
    [InlineData("we 1)resent a (:lassifier l;hat", "we present a classifier that")]
    [InlineData("a (:orpus-based method", "a (:orpus-based method")]                     // a compound part: left alone
    [InlineData("the sul)ject of the second run", "the subject of the second run")]
    // Strokes of m, n, u regrouped (un read "lm"); a tilde written for a letter the engine could not read
    [InlineData("the flmction of each rule", "the function of each rule")]
    [InlineData("words in con~ext were tagged", "words in context were tagged")]
    // At the start of a paragraph a misread first letter was a capital
    [InlineData("ltowever, this was not the case.", "However, this was not the case.")]
    // Short words that lost their first letter (a faint or cut initial)
    [InlineData("languages uch as Basque and Welsh", "languages such as Basque and Welsh")]
    public void Old_OCR_damage_is_repaired(string input, string expected)
    {
        var result = Clean(input);
        Assert.Equal(expected, result.Text);
        Assert.All(result.Corrections, c => Assert.Equal(c.Original, input[c.Start..c.End]));
        Assert.Equal(result.Text, Clean(result.Text).Text);
    }

    [Theory]
    [InlineData("the employer and the trainee; a mentee or the addressee")]   // -ee nouns beside -er/-or nouns
    [InlineData("see Bi~m and Co.; the f(x) and g(y) values; a;b and c:d")]     // names, math, code with marks
    [InlineData("i.e., e.g., a.m. and his/her or s/he; the 26th and cs224 runs")]  // abbreviations, numbers, codes
    [InlineData("Version ver. 3.08 of the tool")]                               // an abbreviation keeps its letters
    public void Technical_text_is_not_changed(string input)
    {
        Assert.Equal(input, Clean(input).Text);
    }

    [Fact]
    public void A_lower_case_word_read_for_a_name_is_only_a_suggestion()
    {
        // "odriguez" is one lost letter from a surname, but whether the page had a capital is unknown.
        var input = "a method proposed by odriguez and colleagues";
        var result = Clean(input);
        Assert.Equal(input, result.Text);
        var c = Assert.Single(result.Corrections);
        Assert.False(c.Applied);
        Assert.Equal("odriguez", c.Original);
    }
}
