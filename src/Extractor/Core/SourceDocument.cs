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

/// <summary>Axis-aligned box in page pixel coordinates, origin top-left.</summary>
public readonly record struct BoundingBox(int Left, int Top, int Right, int Bottom)
{
    public int Width => Right - Left;
    public int Height => Bottom - Top;
    public override string ToString() => $"{Left},{Top},{Right},{Bottom}";
}
