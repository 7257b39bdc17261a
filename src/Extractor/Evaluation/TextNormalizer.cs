using System.Text;

namespace Extractor.Evaluation;

/// <summary>
/// The normalization every evaluation applies before comparing texts: Unicode NFC, every run of whitespace
/// (spaces, tabs, line breaks, form feeds, no-break spaces) folded to one space, trimmed.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text) => NormalizeWithMap(text).Text;

    /// <summary>The normalized text and, for each of its characters, the offset in <paramref name="text"/> it came from.</summary>
    public static NormalizedText NormalizeWithMap(string text)
    {
        var sb = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        bool pendingSpace = false;
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                pendingSpace = sb.Length > 0;
                i++;
                continue;
            }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            if (pendingSpace) { sb.Append(' '); map.Add(start - 1); pendingSpace = false; }
            var word = text.AsSpan(start, i - start);
            if (word.IsNormalized(NormalizationForm.FormC))
            {
                sb.Append(word);
                for (int k = start; k < i; k++) map.Add(k);
            }
            else
            {
                // Composition changes lengths: map each output character proportionally into the word.
                var nfc = word.ToString().Normalize(NormalizationForm.FormC);
                sb.Append(nfc);
                for (int k = 0; k < nfc.Length; k++) map.Add(start + (int)((long)k * (i - start) / nfc.Length));
            }
        }
        return new NormalizedText(sb.ToString(), map.ToArray(), text.Length);
    }

    /// <summary>Splits normalized text into its space-separated words.</summary>
    public static string[] Words(string normalized) =>
        normalized.Length == 0 ? [] : normalized.Split(' ');
}

/// <summary>A normalized text with the original offset of each character (<see cref="ToOriginal"/>).</summary>
public sealed record NormalizedText(string Text, int[] ToOriginalOffsets, int OriginalLength)
{
    /// <summary>Original offset of the normalized character at <paramref name="offset"/> (the original length at the end).</summary>
    public int ToOriginal(int offset) => offset >= ToOriginalOffsets.Length ? OriginalLength : ToOriginalOffsets[Math.Max(0, offset)];

    /// <summary>Original span of the normalized span [start, end).</summary>
    public (int Start, int End) ToOriginal(int start, int end) =>
        end <= start ? (ToOriginal(start), ToOriginal(start)) : (ToOriginal(start), ToOriginal(end - 1) + 1);

    /// <summary>Normalized offset of original offset <paramref name="offset"/>: the first normalized character at or after it.</summary>
    public int FromOriginal(int offset)
    {
        int i = Array.BinarySearch(ToOriginalOffsets, offset);
        return i >= 0 ? i : ~i;
    }
}
