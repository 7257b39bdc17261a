using System.Text;

namespace Extractor.Extraction.Tables;

/// <summary>
/// Compares short labels as OCR reads them: characters that OCR confuses (o/0/a, l/1/I/|, s/5, b/8, z/2, g/9, c/e)
/// count as equal, multi-letter look-alikes (rn/m, cl/d, vv/w) are folded first, case is ignored, and a small edit
/// distance that grows with the length of the label is allowed. Used for header cells and table captions, where a
/// garbled "0RR" or "TabIe" should still be read, never for changing the text.
/// </summary>
public sealed class OcrTolerantComparer
{
    public static readonly OcrTolerantComparer Instance = new();

    /// <summary>Folds a label to its confusion classes: "0RR" and "ORR" give the same key.</summary>
    public static string Fold(ReadOnlySpan<char> label)
    {
        var sb = new StringBuilder(label.Length);
        foreach (var ch in label)
        {
            char c = char.ToLowerInvariant(ch);
            if (char.IsWhiteSpace(c)) { if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' '); continue; }
            sb.Append(c switch
            {
                '0' or 'a' or 'q' => 'o',
                '1' or 'i' or '|' or '!' or 'j' => 'l',
                '5' or '$' => 's',
                '8' => 'b',
                '2' => 'z',
                '9' => 'g',
                'e' => 'c',
                'α' => 'o',
                _ => c,
            });
        }
        var s = sb.ToString().Trim();
        return s.Replace("rn", "m").Replace("cl", "d").Replace("vv", "w");
    }

    /// <summary>Edit distance allowed between folded labels of this length.</summary>
    public static int Tolerance(int length) => length <= 3 ? 0 : length <= 7 ? 1 : 2;

    /// <summary>True when <paramref name="observed"/> reads as <paramref name="expected"/> under OCR confusions.</summary>
    public bool Matches(ReadOnlySpan<char> observed, string expected)
    {
        var a = Fold(observed);
        var b = Fold(expected);
        if (a == b) return true;
        int tol = Tolerance(Math.Min(a.Length, b.Length));
        return tol > 0 && Math.Abs(a.Length - b.Length) <= tol && Levenshtein(a, b, tol) <= tol;
    }

    /// <summary>Levenshtein distance, stopping early once every path exceeds <paramref name="limit"/>.</summary>
    public static int Levenshtein(string a, string b, int limit = int.MaxValue)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                rowMin = Math.Min(rowMin, cur[j]);
            }
            if (rowMin > limit) return rowMin;
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
