namespace Extractor.Evaluation;

public enum EditTag : byte { Equal, Replace, Delete, Insert }

/// <summary>
/// One block of an alignment of a (left) with b (right): a[A1..A2) corresponds to b[B1..B2).
/// Equal blocks hold identical symbols; Replace blocks are substitutions of equal length runs, possibly followed by
/// Delete (only a) or Insert (only b) blocks.
/// </summary>
public readonly record struct AlignedBlock(EditTag Tag, int A1, int A2, int B1, int B2)
{
    public int LengthA => A2 - A1;
    public int LengthB => B2 - B1;
}

/// <summary>
/// Levenshtein alignment of two sequences. Uses Ukkonen's band (doubled until the distance fits inside it), so
/// near-identical sequences of thousands of symbols align in O(n * distance) time and memory.
/// Among alignments of least cost it takes one with the fewest substitutions (so the most equal symbols); remaining
/// ties prefer the diagonal, then a deletion, then an insertion.
/// </summary>
public sealed class Alignment
{
    public IReadOnlyList<AlignedBlock> Blocks { get; }
    public int Distance { get; }
    public int LengthA { get; }
    public int LengthB { get; }

    private Alignment(List<AlignedBlock> blocks, int distance, int la, int lb)
    {
        Blocks = blocks; Distance = distance; LengthA = la; LengthB = lb;
    }

    /// <summary>Above this many band cells an alignment gives up and treats the differing middle as one replacement.</summary>
    public const long MaxCells = 60_000_000;

    public static Alignment Of(string a, string b)
    {
        var ia = new int[a.Length];
        var ib = new int[b.Length];
        for (int i = 0; i < a.Length; i++) ia[i] = a[i];
        for (int i = 0; i < b.Length; i++) ib[i] = b[i];
        return Of(ia, ib);
    }

    /// <summary>Aligns two word sequences (compared ordinally).</summary>
    public static Alignment OfWords(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(string w) { if (!ids.TryGetValue(w, out int id)) ids[w] = id = ids.Count; return id; }
        var ia = new int[a.Count];
        var ib = new int[b.Count];
        for (int i = 0; i < a.Count; i++) ia[i] = Id(a[i]);
        for (int i = 0; i < b.Count; i++) ib[i] = Id(b[i]);
        return Of(ia, ib);
    }

    public static Alignment Of(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int n = a.Length, m = b.Length;
        var ops = new List<EditTag>(Math.Max(n, m) + 8);
        int pre = a.CommonPrefixLength(b);
        int suf = 0;
        while (suf < n - pre && suf < m - pre && a[n - 1 - suf] == b[m - 1 - suf]) suf++;
        for (int i = 0; i < pre; i++) ops.Add(EditTag.Equal);
        var ma = a[pre..(n - suf)];
        var mb = b[pre..(m - suf)];
        int distance = AlignMiddle(ma, mb, ops);
        for (int i = 0; i < suf; i++) ops.Add(EditTag.Equal);
        return new Alignment(ToBlocks(ops), distance, n, m);
    }

    /// <summary>
    /// Character alignment of two long, mostly similar texts (e.g. normalized OCR and gold): words first (space
    /// separated), then characters inside each pair of differing word runs. Fast on whole documents; its cost is an
    /// upper bound of the character Levenshtein distance (use <see cref="Levenshtein.Distance(string, string)"/> for CER).
    /// </summary>
    public static Alignment OfText(string a, string b)
    {
        var wa = WordStarts(a);
        var wb = WordStarts(b);
        var words = OfWords(WordsAt(a, wa), WordsAt(b, wb));
        var ops = new List<EditTag>(Math.Max(a.Length, b.Length) + 8);
        int cost = 0;
        // Each word owns its characters up to the next word's start (its following space included).
        int SegA(int w) => w < wa.Length ? wa[w] : a.Length;
        int SegB(int w) => w < wb.Length ? wb[w] : b.Length;
        int ca = 0, cb = 0;
        void Flush(int endA, int endB)
        {
            var sa = new int[endA - ca];
            var sb = new int[endB - cb];
            for (int i = 0; i < sa.Length; i++) sa[i] = a[ca + i];
            for (int j = 0; j < sb.Length; j++) sb[j] = b[cb + j];
            int pre = ((ReadOnlySpan<int>)sa).CommonPrefixLength(sb);
            if (pre == sa.Length && pre == sb.Length) { for (int i = 0; i < pre; i++) ops.Add(EditTag.Equal); }
            else
            {
                var sub = Of(sa, sb);
                foreach (var bl in sub.Blocks) for (int i = 0; i < Math.Max(bl.LengthA, bl.LengthB); i++) ops.Add(bl.Tag);
                cost += sub.Distance;
            }
            ca = endA; cb = endB;
        }
        // Equal word runs are flushed one by one so a differing tail (the text's last word has no space) stays small;
        // differing runs are aligned at character level as one piece.
        var wb2 = words.Blocks;
        for (int k = 0; k < wb2.Count; k++)
        {
            var bl = wb2[k];
            if (bl.Tag == EditTag.Equal)
                for (int i = 0; i < bl.LengthA; i++) Flush(SegA(bl.A1 + i + 1), SegB(bl.B1 + i + 1));
            else
            {
                // Neighbouring differing blocks are one run: ties between word alignments do not matter at character level.
                while (k + 1 < wb2.Count && wb2[k + 1].Tag != EditTag.Equal) k++;
                Flush(SegA(wb2[k].A2), SegB(wb2[k].B2));
            }
        }
        Flush(a.Length, b.Length);
        return new Alignment(ToBlocks(ops), cost, a.Length, b.Length);
    }

    private static int[] WordStarts(string text)
    {
        var starts = new List<int>();
        for (int i = 0; i < text.Length; i++)
            if (text[i] != ' ' && (i == 0 || text[i - 1] == ' ')) starts.Add(i);
        return starts.ToArray();
    }

    private static string[] WordsAt(string text, int[] starts)
    {
        var words = new string[starts.Length];
        for (int w = 0; w < starts.Length; w++)
        {
            int e = text.IndexOf(' ', starts[w]);
            words[w] = text[starts[w]..(e < 0 ? text.Length : e)];
        }
        return words;
    }

    // Appends the edit operations aligning a with b, in order; returns their cost.
    private static int AlignMiddle(ReadOnlySpan<int> a, ReadOnlySpan<int> b, List<EditTag> ops)
    {
        int n = a.Length, m = b.Length;
        if (n == 0 || m == 0)
        {
            for (int i = 0; i < n; i++) ops.Add(EditTag.Delete);
            for (int j = 0; j < m; j++) ops.Add(EditTag.Insert);
            return n + m;
        }
        int k = Math.Max(Math.Abs(n - m) + 8, 32);
        while (true)
        {
            k = Math.Min(k, Math.Max(n, m));
            long cells = (long)(n + 1) * (2L * k + 1);
            if (cells > MaxCells)
            {
                // Too different to align cheaply: substitute pairwise, then delete or insert the rest.
                int common = Math.Min(n, m), cost = 0;
                for (int i = 0; i < common; i++) { bool eq = a[i] == b[i]; ops.Add(eq ? EditTag.Equal : EditTag.Replace); if (!eq) cost++; }
                for (int i = common; i < n; i++) ops.Add(EditTag.Delete);
                for (int j = common; j < m; j++) ops.Add(EditTag.Insert);
                return cost + Math.Abs(n - m);
            }
            int d = Banded(a, b, k, ops, out bool exact);
            if (exact || k >= Math.Max(n, m)) return d;
            k *= 2;
        }
    }

    private const byte Diag = 0, Up = 1, Left = 2;

    // Banded DP over cells with |j - i| <= k; when the cost found is <= k no better path can leave the band.
    // A cell's score is cost * scale + substitutions, so ties in cost go to the path with the most matches.
    private static int Banded(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int k, List<EditTag> ops, out bool exact)
    {
        int n = a.Length, m = b.Length, w = 2 * k + 1;
        long scale = n + m + 1;
        const long Inf = long.MaxValue / 4;
        var dir = new byte[(long)(n + 1) * w];
        var prev = new long[w];
        var cur = new long[w];
        // Row 0: D[0][j] = j for j <= k.
        for (int t = 0; t < w; t++)
        {
            int j = t - k;
            prev[t] = j >= 0 && j <= m ? j * scale : Inf;
            if (j > 0 && j <= m) dir[t] = Left;
        }
        for (int i = 1; i <= n; i++)
        {
            int ai = a[i - 1];
            long rowBase = (long)i * w;
            for (int t = 0; t < w; t++)
            {
                int j = i + t - k;
                if (j < 0 || j > m) { cur[t] = Inf; continue; }
                if (j == 0) { cur[t] = i * scale; dir[rowBase + t] = Up; continue; }
                // Diagonal (i-1, j-1) has the same offset t in the previous row; up (i-1, j) is t+1; left (i, j-1) is t-1.
                long best = prev[t] + (ai == b[j - 1] ? 0 : scale + 1);
                byte how = Diag;
                long up = t + 1 < w ? prev[t + 1] + scale : Inf;
                if (up < best) { best = up; how = Up; }
                long left = t > 0 ? cur[t - 1] + scale : Inf;
                if (left < best) { best = left; how = Left; }
                cur[t] = best;
                dir[rowBase + t] = how;
            }
            (prev, cur) = (cur, prev);
        }
        int dist = (int)(prev[m - n + k] / scale);
        exact = dist <= k;
        if (!exact) return dist;
        // Trace back from (n, m).
        var rev = new List<EditTag>(n + m);
        int ci = n, cj = m;
        while (ci > 0 || cj > 0)
        {
            byte how = dir[(long)ci * w + (cj - ci + k)];
            if (ci > 0 && cj > 0 && how == Diag) { rev.Add(a[ci - 1] == b[cj - 1] ? EditTag.Equal : EditTag.Replace); ci--; cj--; }
            else if (ci > 0 && (how == Up || cj == 0)) { rev.Add(EditTag.Delete); ci--; }
            else { rev.Add(EditTag.Insert); cj--; }
        }
        for (int i = rev.Count - 1; i >= 0; i--) ops.Add(rev[i]);
        return dist;
    }

    private static List<AlignedBlock> ToBlocks(List<EditTag> ops)
    {
        var blocks = new List<AlignedBlock>();
        int i = 0, j = 0, p = 0;
        while (p < ops.Count)
        {
            var tag = ops[p];
            int i0 = i, j0 = j;
            while (p < ops.Count && ops[p] == tag)
            {
                if (tag != EditTag.Insert) i++;
                if (tag != EditTag.Delete) j++;
                p++;
            }
            blocks.Add(new AlignedBlock(tag, i0, i, j0, j));
        }
        return blocks;
    }

    /// <summary>For each position of a: true when it lies in an equal block.</summary>
    public bool[] EqualMaskA()
    {
        var mask = new bool[LengthA];
        foreach (var bl in Blocks) if (bl.Tag == EditTag.Equal) for (int i = bl.A1; i < bl.A2; i++) mask[i] = true;
        return mask;
    }

    /// <summary>For each position of b: true when it lies in an equal block.</summary>
    public bool[] EqualMaskB()
    {
        var mask = new bool[LengthB];
        foreach (var bl in Blocks) if (bl.Tag == EditTag.Equal) for (int j = bl.B1; j < bl.B2; j++) mask[j] = true;
        return mask;
    }

    /// <summary>
    /// Offset map from a to b: for every position 0..LengthA, the position in b it corresponds to. Equal and
    /// replaced symbols map one to one, deleted symbols map to the next b position; offsets are monotonic.
    /// </summary>
    public int[] OffsetMapAToB()
    {
        var map = new int[LengthA + 1];
        foreach (var bl in Blocks)
        {
            switch (bl.Tag)
            {
                case EditTag.Equal:
                case EditTag.Replace:
                    for (int i = bl.A1; i < bl.A2; i++) map[i] = bl.B1 + (i - bl.A1);
                    break;
                case EditTag.Delete:
                    for (int i = bl.A1; i < bl.A2; i++) map[i] = bl.B1;
                    break;
            }
        }
        map[LengthA] = LengthB;
        return map;
    }
}
