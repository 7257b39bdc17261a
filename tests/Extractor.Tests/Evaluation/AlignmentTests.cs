using Extractor.Evaluation;

namespace Extractor.Tests.Evaluation;

public class AlignmentTests
{
    [Fact]
    public void Insertion_is_its_own_block_between_equal_blocks()
    {
        var al = Alignment.Of("abc", "abxc");
        Assert.Equal(
            [new AlignedBlock(EditTag.Equal, 0, 2, 0, 2), new AlignedBlock(EditTag.Insert, 2, 2, 2, 3), new AlignedBlock(EditTag.Equal, 2, 3, 3, 4)],
            al.Blocks);
    }

    [Fact]
    public void Word_alignment_marks_equal_words_on_both_sides()
    {
        var al = Alignment.OfWords("the rnean value was".Split(' '), "the mean value".Split(' '));
        Assert.Equal(2, al.Distance);
        Assert.Equal([true, false, true, false], al.EqualMaskA());
        Assert.Equal([true, false, true], al.EqualMaskB());
    }

    [Fact]
    public void Text_alignment_by_words_then_characters_maps_offsets_across_a_split_letter()
    {
        const string ocr = "given 5 rng daily for 3 weeks";
        const string gold = "given 5 mg daily for 3 weeks";
        var al = Alignment.OfText(ocr, gold);
        Assert.Equal(2, al.Distance);
        LevenshteinTests.AssertBlocksRebuild(ocr, gold, al);
        var map = al.OffsetMapAToB();
        Assert.Equal(ocr.Length + 1, map.Length);
        Assert.Equal(gold.IndexOf("daily"), map[ocr.IndexOf("daily")]);
        Assert.Equal(gold.IndexOf("mg"), map[ocr.IndexOf("rng")]);
        Assert.Equal(gold.Length, map[ocr.Length]);
        for (int i = 1; i < map.Length; i++) Assert.True(map[i] >= map[i - 1]);
    }

    [Fact]
    public void Text_alignment_cost_equals_the_distance_on_word_level_typos()
    {
        const string a = "Thc patient rcceived arnoxicillin 500 mg t.i.d. for sevcn days";
        const string b = "The patient received amoxicillin 500 mg t.i.d. for seven days";
        var al = Alignment.OfText(a, b);
        Assert.Equal(Levenshtein.Distance(a, b), al.Distance);
        LevenshteinTests.AssertBlocksRebuild(a, b, al);
    }

    [Fact]
    public void Normalizer_folds_whitespace_and_form_feeds_and_keeps_offsets()
    {
        const string text = "  Page one\f\nPage\u00A0 two \r\n";
        var n = TextNormalizer.NormalizeWithMap(text);
        Assert.Equal("Page one Page two", n.Text);
        Assert.Equal(text.IndexOf("two"), n.ToOriginal(n.Text.IndexOf("two")));
        Assert.Equal((text.IndexOf("one"), text.IndexOf("one") + 3), n.ToOriginal(5, 8));
        Assert.Equal(n.Text.IndexOf("two"), n.FromOriginal(text.IndexOf("two")));
    }

    [Fact]
    public void Normalizer_composes_to_NFC()
    {
        Assert.Equal("caf\u00E9 na\u00EFve", TextNormalizer.Normalize("cafe\u0301 nai\u0308ve"));
    }
}
