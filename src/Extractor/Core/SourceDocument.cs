namespace Extractor.Core;

/// <summary>
/// One input document as read: the immutable source text everything downstream points into.
/// Pages are separated by form feeds in <see cref="Text"/>; <see cref="PageStarts"/> holds each page's first offset.
/// </summary>
public sealed record SourceDocument
{
    public required string DocumentId { get; init; }
    public required string SourcePath { get; init; }
    public required string Text { get; init; }
    /// <summary>Name of the encoding the text was decoded from (utf-8, utf-16le, shift_jis, ...), or the reader that produced it (pdf-text, ocr).</summary>
    public string Encoding { get; init; } = "utf-8";
    /// <summary>SHA-256 of the input file's bytes (hex), for resuming batches.</summary>
    public string ContentHash { get; init; } = "";
    /// <summary>OCR or PDF words with page, box and confidence; offsets point into <see cref="Text"/>. Empty for plain text input.</summary>
    public IReadOnlyList<OcrWord> Words { get; init; } = [];
    /// <summary>Per page of an image or PDF input: size, unit of the word boxes, and how its text was obtained. Empty for plain text.</summary>
    public IReadOnlyList<PageDetail> PageDetails { get; init; } = [];

    private int[]? _pageStarts;
    public IReadOnlyList<int> PageStarts => _pageStarts ??= ComputePageStarts(Text);

    public int Pages => PageStarts.Count;

    /// <summary>1-based page number of a source offset.</summary>
    public int PageAt(int offset)
    {
        var starts = (int[])PageStarts;
        int i = Array.BinarySearch(starts, offset);
        return (i >= 0 ? i : ~i - 1) + 1;
    }

    /// <summary>The words overlapping the source span [start, end), in text order (Words are sorted by Start).</summary>
    public IEnumerable<OcrWord> WordsIn(int start, int end)
    {
        var words = Words;
        int lo = 0, hi = words.Count;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (words[mid].End <= start) lo = mid + 1; else hi = mid; }
        for (int i = lo; i < words.Count && words[i].Start < Math.Max(end, start + 1); i++) yield return words[i];
    }

    /// <summary>Lowest OCR confidence (0..100) of the words over [start, end); null when no recognised word is there
    /// (plain text, a PDF text layer, or only whitespace).</summary>
    public float? MinConfidence(int start, int end)
    {
        float? min = null;
        foreach (var w in WordsIn(start, end))
            if (w.Confidence >= 0 && (min is null || w.Confidence < min)) min = w.Confidence;
        return min;
    }

    /// <summary>Union box of the words over [start, end) on the page of the first of them, or null when no words are there.</summary>
    public (int Page, BoundingBox Box)? BoxOf(int start, int end)
    {
        int page = 0, l = 0, t = 0, r = 0, b = 0;
        foreach (var w in WordsIn(start, end))
        {
            if (page == 0) { page = w.Page; (l, t, r, b) = (w.Box.Left, w.Box.Top, w.Box.Right, w.Box.Bottom); continue; }
            if (w.Page != page) break;
            l = Math.Min(l, w.Box.Left); t = Math.Min(t, w.Box.Top); r = Math.Max(r, w.Box.Right); b = Math.Max(b, w.Box.Bottom);
        }
        return page == 0 ? null : (page, new BoundingBox(l, t, r, b));
    }

    private static int[] ComputePageStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = text.IndexOf('\f'); i >= 0; i = text.IndexOf('\f', i + 1))
            if (i + 1 < text.Length) starts.Add(i + 1);
        return starts.ToArray();
    }
}

/// <summary>A word recognised on a page: text, page (1-based), box in pixels, confidence 0..100, and its span in the source text.</summary>
public sealed record OcrWord(string Text, int Page, BoundingBox Box, float Confidence, int Start, int End);

/// <summary>
/// One page of an image or PDF input: its size in <see cref="Unit"/> ("px" for page images, "pt" for a PDF text
/// layer: the unit of its word boxes), the image resolution when known, and how the text was obtained
/// ("ocr", "pdf-text", "pdf-image-ocr", "pdf-raster-ocr", "empty").
/// </summary>
public sealed record PageDetail(int Page, int Width, int Height, string Unit, int Dpi, string Method);

/// <summary>Axis-aligned box in page pixel coordinates, origin top-left.</summary>
public readonly record struct BoundingBox(int Left, int Top, int Right, int Bottom)
{
    public int Width => Right - Left;
    public int Height => Bottom - Top;
    public override string ToString() => $"{Left},{Top},{Right},{Bottom}";
}
