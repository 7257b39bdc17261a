using Extractor.Evaluation;

namespace Extractor.Tests.Evaluation;

public class LevenshteinTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("same", "same", 0)]
    [InlineData("rn", "m", 2)]
    [InlineData("intermittent", "interrnittent", 2)]
    public void Distance_of_small_examples(string a, string b, int expected)
    {
        Assert.Equal(expected, Levenshtein.Distance(a, b));
        Assert.Equal(expected, Levenshtein.Distance(b, a));
        Assert.Equal(expected, Alignment.Of(a, b).Distance);
    }

    [Fact]
    public void Bit_parallel_and_banded_distances_agree_with_the_textbook_table_on_long_strings()
    {
        var random = new Random(7);
        for (int round = 0; round < 60; round++)
        {
            // Lengths across one, two and several 64-bit blocks; small alphabets make many ties.
            int n = random.Next(0, 300), alphabet = random.Next(2, 6);
            var a = new string(Enumerable.Range(0, n).Select(_ => (char)('a' + random.Next(alphabet))).ToArray());
            var chars = a.ToList();
            int edits = random.Next(0, 40);
            for (int e = 0; e < edits; e++)
            {
                int op = random.Next(3), pos = random.Next(chars.Count + 1);
                char c = (char)('a' + random.Next(alphabet));
                if (op == 0 || chars.Count == 0) chars.Insert(pos, c);
                else if (op == 1) chars.RemoveAt(Math.Min(pos, chars.Count - 1));
                else chars[Math.Min(pos, chars.Count - 1)] = c;
            }
            var b = new string(chars.ToArray());
            int expected = Naive(a, b);
            Assert.Equal(expected, Levenshtein.Distance(a, b));
            Assert.Equal(expected, Levenshtein.Distance(b, a));
            var al = Alignment.Of(a, b);
            Assert.Equal(expected, al.Distance);
            AssertBlocksRebuild(a, b, al);
        }
    }

    [Fact]
    public void Distance_over_word_ids()
    {
        Assert.Equal(1, Levenshtein.Distance(new[] { 1, 2, 3 }, new[] { 1, 3 }));
        Assert.Equal(2, Levenshtein.Distance(new[] { 1, 2, 3 }, new[] { 3, 2, 1 }));
    }

    internal static int Naive(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    internal static void AssertBlocksRebuild(string a, string b, Alignment al)
    {
        int i = 0, j = 0, cost = 0;
        foreach (var bl in al.Blocks)
        {
            Assert.Equal(i, bl.A1);
            Assert.Equal(j, bl.B1);
            switch (bl.Tag)
            {
                case EditTag.Equal: Assert.Equal(a[bl.A1..bl.A2], b[bl.B1..bl.B2]); break;
                case EditTag.Replace:
                    Assert.Equal(bl.LengthA, bl.LengthB);
                    for (int k = 0; k < bl.LengthA; k++) Assert.NotEqual(a[bl.A1 + k], b[bl.B1 + k]);
                    cost += bl.LengthA; break;
                case EditTag.Delete: Assert.Equal(0, bl.LengthB); cost += bl.LengthA; break;
                case EditTag.Insert: Assert.Equal(0, bl.LengthA); cost += bl.LengthB; break;
            }
            i = bl.A2; j = bl.B2;
        }
        Assert.Equal(a.Length, i);
        Assert.Equal(b.Length, j);
        Assert.Equal(al.Distance, cost);
    }
}
