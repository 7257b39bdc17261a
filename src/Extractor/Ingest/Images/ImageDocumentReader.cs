using Extractor.Core;
using Extractor.Ocr;

namespace Extractor.Ingest.Images;

/// <summary>
/// Page images (PNG, JPEG, TIFF with any number of pages, JPEG 2000, ...) read by Leptonica and recognised by
/// Tesseract, pages in parallel across the engines of the pool. Also claims files named like images whose bytes are
/// not an image, so a corrupt or empty scan fails with a clear message instead of being read as text.
/// </summary>
public sealed class ImageDocumentReader(OcrEnginePool? pool = null) : IDocumentReader
{
    public static readonly ImageDocumentReader Instance = new();

    private OcrEnginePool Pool => pool ?? OcrEnginePool.Shared;

    public bool CanRead(string path, ReadOnlySpan<byte> head) =>
        PageImages.Detect(head, path) != ImageKind.None || PageImages.HasImageExtension(path);

    public SourceDocument Read(string path, string documentId) => Read(path, documentId, InputLimits.Default, default);

    public SourceDocument Read(string path, string documentId, InputLimits limits, CancellationToken cancel)
    {
        var pages = PageImages.PagesOf(path);
        return PageAssembler.Build(documentId, path, PageAssembler.HashFile(path), Recognize(pages, Pool, limits, cancel));
    }

    /// <summary>OCR of image pages in order, as many at once as the pool has engines, within the page and pixel limits.</summary>
    public static PageContent[] Recognize(IReadOnlyList<ImagePage> pages, OcrEnginePool pool, InputLimits? limits = null, CancellationToken cancel = default)
    {
        limits ??= InputLimits.Default;
        if (pages.Count > limits.MaxPages)
            throw new InputException(InputErrorReason.TooManyPages, $"{pages.Count:N0} page images (limit {limits.MaxPages:N0}, --max-pages)");
        return pool.RunPages(pages.Count, i =>
        {
            using var pix = PageImages.Load(pages[i]);
            PageImages.CheckPixels(pix, limits, $"page {i + 1}");
            return PageContent.FromOcr(pool.Recognize(pix), i + 1, "ocr");
        }, cancel);
    }
}

/// <summary>
/// A folder of page images as one document, pages in natural name order (p2 before p10); multi-page TIFFs in it
/// contribute all their pages. Used when the run is asked to treat folders as documents (--pages-folder).
/// </summary>
public sealed class PageFolderReader(OcrEnginePool? pool = null)
{
    public static readonly PageFolderReader Instance = new();

    private OcrEnginePool Pool => pool ?? OcrEnginePool.Shared;

    public static List<string> PageFiles(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && PageImages.HasImageExtension(f))
            .Order(NaturalComparer.Instance)
            .ToList();

    public SourceDocument Read(string folder, string documentId, InputLimits? limits = null, CancellationToken cancel = default) =>
        Read(PageFiles(folder), folder, documentId, limits, cancel);

    /// <summary>The given image files, in the given order, as the pages of one document.</summary>
    public SourceDocument Read(IReadOnlyList<string> files, string sourcePath, string documentId, InputLimits? limits = null, CancellationToken cancel = default)
    {
        if (files.Count == 0) throw new InputException(InputErrorReason.Empty, "no page images (png, jpg, tif, ...) in the folder");
        var pages = files.SelectMany(PageImages.PagesOf).ToList();
        return PageAssembler.Build(documentId, sourcePath, PageAssembler.HashFiles(files), ImageDocumentReader.Recognize(pages, Pool, limits, cancel));
    }
}

/// <summary>Compares names with digit runs by number, so "p2" sorts before "p10".</summary>
public sealed class NaturalComparer : IComparer<string>
{
    public static readonly NaturalComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null) return string.CompareOrdinal(x, y);
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int si = i, sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i])) i++;
                while (j < y.Length && char.IsAsciiDigit(y[j])) j++;
                var a = x.AsSpan(si, i - si).TrimStart('0');
                var b = y.AsSpan(sj, j - sj).TrimStart('0');
                int c = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                if (c != 0) return c;
            }
            else
            {
                int c = x[i].CompareTo(y[j]);
                if (c != 0) return c;
                i++; j++;
            }
        }
        int rest = (x.Length - i).CompareTo(y.Length - j);
        return rest != 0 ? rest : string.CompareOrdinal(x, y);
    }
}
