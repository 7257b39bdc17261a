using Extractor.Core;

namespace Extractor.Tests.Core;

public class EditMapTests
{
    [Fact]
    public void Replacement_maps_spans_back_to_the_replaced_input()
    {
        const string input = "dose 5 million TU weekly";
        var (text, map) = EditMap.Apply(input, [new TextEdit(15, 17, "IU")]);
        Assert.Equal("dose 5 million IU weekly", text);
        var (s, e) = map.ToSource(5, 17);
        Assert.Equal("5 million TU", input[s..e]);
        Assert.Equal((18, 24), map.ToSource(18, 24));
    }

    [Fact]
    public void Deletion_and_insertion_keep_neighbouring_spans_exact()
    {
        const string input = "carcino-\nma grade3";
        var (text, map) = EditMap.Apply(input, [new TextEdit(7, 9, ""), new TextEdit(17, 17, " ")]);
        Assert.Equal("carcinoma grade 3", text);
        var (s, e) = map.ToSource(0, 9);
        Assert.Equal("carcino-\nma", input[s..e]);
        (s, e) = map.ToSource(10, 15);
        Assert.Equal("grade", input[s..e]);
        (s, e) = map.ToSource(16, 17);
        Assert.Equal("3", input[s..e]);
    }

    [Fact]
    public void Chained_maps_lead_back_through_every_pass()
    {
        const string input = "pT2NOMO seen";
        var (t1, m1) = EditMap.Apply(input, [new TextEdit(4, 5, "0")]);           // pT2N0MO seen
        var (t2, m2) = EditMap.Apply(t1, [new TextEdit(6, 7, "0"), new TextEdit(7, 7, ",")]); // pT2N0M0, seen
        Assert.Equal("pT2N0M0, seen", t2);
        var map = m1.Then(m2);
        var (s, e) = map.ToSource(0, 7);
        Assert.Equal("pT2NOMO", input[s..e]);
        (s, e) = map.ToSource(9, 13);
        Assert.Equal("seen", input[s..e]);
        Assert.Equal(9, map.ToEditedStart(8));
    }

    [Fact]
    public void Overlapping_edits_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => EditMap.Apply("abcdef", [new TextEdit(1, 4, "x"), new TextEdit(3, 5, "y")]));
    }

    [Fact]
    public void No_op_edits_leave_the_identity()
    {
        var (text, map) = EditMap.Apply("same", [new TextEdit(0, 4, "same")]);
        Assert.Equal("same", text);
        Assert.True(map.IsIdentity);
    }
}
