using System.Numerics;

namespace Extractor.Evaluation;

/// <summary>
/// Levenshtein distance (unit cost insert, delete, substitute) with Myers' bit-parallel algorithm in Hyyrö's
/// multi-word form: O(ceil(m/64) * n) word operations, so two 20 KB documents compare in about a millisecond.
/// </summary>
public static class Levenshtein
{
    public static int Distance(string a, string b) => Distance(a.AsSpan(), b.AsSpan());

    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        // Common prefix and suffix never change the distance.
        int pre = a.CommonPrefixLength(b);
        a = a[pre..]; b = b[pre..];
        int suf = 0;
        while (suf < a.Length && suf < b.Length && a[a.Length - 1 - suf] == b[b.Length - 1 - suf]) suf++;
        a = a[..(a.Length - suf)]; b = b[..(b.Length - suf)];
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        // The pattern (bit vectors) is the shorter side.
        return a.Length <= b.Length ? Myers(a, b) : Myers(b, a);
    }

    /// <summary>Distance between two sequences of symbols (e.g. word ids).</summary>
    public static int Distance(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int pre = a.CommonPrefixLength(b);
        a = a[pre..]; b = b[pre..];
        int suf = 0;
        while (suf < a.Length && suf < b.Length && a[a.Length - 1 - suf] == b[b.Length - 1 - suf]) suf++;
        a = a[..(a.Length - suf)]; b = b[..(b.Length - suf)];
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        var ca = new char[a.Length];
        var cb = new char[b.Length];
        // Re-code symbols densely; more than 65535 distinct symbols in one comparison does not occur in practice.
        var codes = new Dictionary<int, char>();
        for (int i = 0; i < a.Length; i++) ca[i] = Code(codes, a[i]);
        for (int i = 0; i < b.Length; i++) cb[i] = Code(codes, b[i]);
        return ca.Length <= cb.Length ? Myers(ca, cb) : Myers(cb, ca);
    }

    private static char Code(Dictionary<int, char> codes, int symbol)
    {
        if (!codes.TryGetValue(symbol, out char c))
        {
            if (codes.Count >= char.MaxValue) throw new InvalidOperationException("too many distinct symbols");
            codes[symbol] = c = (char)codes.Count;
        }
        return c;
    }

    private static int Myers(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int m = pattern.Length;
        int blocks = (m + 63) >> 6;
        // Alphabet of the pattern; text characters outside it never match.
        var alphabet = new Dictionary<char, int>();
        foreach (char c in pattern) alphabet.TryAdd(c, alphabet.Count);
        var peq = new ulong[(alphabet.Count + 1) * blocks]; // last row: no match
        for (int i = 0; i < m; i++) peq[alphabet[pattern[i]] * blocks + (i >> 6)] |= 1UL << (i & 63);
        int noMatch = alphabet.Count;

        var pv = new ulong[blocks];
        var mv = new ulong[blocks];
        Array.Fill(pv, ulong.MaxValue);
        int lastBit = (m - 1) & 63;
        int score = m;
        for (int j = 0; j < text.Length; j++)
        {
            int row = (alphabet.TryGetValue(text[j], out int r) ? r : noMatch) * blocks;
            int hin = 1; // top row of the global matrix: D[0][j] = j
            for (int bl = 0; bl < blocks; bl++)
            {
                ulong eq = peq[row + bl];
                ulong p = pv[bl], mm = mv[bl];
                ulong hinNeg = hin < 0 ? 1UL : 0UL;
                ulong xv = eq | mm;
                eq |= hinNeg;
                ulong xh = (((eq & p) + p) ^ p) | eq;
                ulong ph = mm | ~(xh | p);
                ulong mh = p & xh;
                int bit = bl == blocks - 1 ? lastBit : 63;
                int hout = (int)((ph >> bit) & 1) - (int)((mh >> bit) & 1);
                ph <<= 1;
                mh <<= 1;
                mh |= hinNeg;
                if (hin > 0) ph |= 1;
                pv[bl] = mh | ~(xv | ph);
                mv[bl] = ph & xv;
                hin = hout;
            }
            score += hin;
        }
        return score;
    }
}
