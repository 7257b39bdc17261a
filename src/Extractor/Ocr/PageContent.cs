using Extractor.Core;

namespace Extractor.Ocr;

/// <summary>The text of one page and its words (offsets into <see cref="Text"/>), with the page's details.</summary>
public sealed record PageContent(string Text, IReadOnlyList<PageWord> Words, PageDetail Detail)
{
    public static PageContent FromOcr(OcrPage page, int pageNumber, string method) =>
        new(page.Text, page.Words, new PageDetail(pageNumber, page.Width, page.Height, "px", page.Dpi, method));
}

/// <summary>Joins pages into one <see cref="SourceDocument"/>: page texts separated by form feeds, words placed in the joined text.</summary>
public static class PageAssembler
{
    public static SourceDocument Build(string documentId, string sourcePath, string contentHash, IReadOnlyList<PageContent> pages)
    {
        var sb = new System.Text.StringBuilder();
        var words = new List<OcrWord>();
        for (int i = 0; i < pages.Count; i++)
        {
            if (i > 0) sb.Append('\f');
            int offset = sb.Length, pageNumber = i + 1;
            var page = pages[i];
            sb.Append(page.Text);
            foreach (var w in page.Words)
                words.Add(new OcrWord(w.Text, pageNumber, w.Box, w.Confidence, offset + w.Start, offset + w.End));
        }
        var details = pages.Select((p, i) => p.Detail with { Page = i + 1 }).ToArray();
        return new SourceDocument
        {
            DocumentId = documentId,
            SourcePath = sourcePath,
            Text = sb.ToString(),
            Encoding = EncodingLabel(details),
            ContentHash = contentHash,
            Words = words,
            PageDetails = details,
        };
    }

    // "ocr" when every page was recognised, "pdf-text" when every page had a text layer, "mixed" otherwise.
    private static string EncodingLabel(IReadOnlyList<PageDetail> pages)
    {
        var methods = pages.Select(p => p.Method).Where(m => m != "empty").Distinct().ToList();
        if (methods.Count == 0) return "empty";
        if (methods.All(m => m.EndsWith("ocr", StringComparison.Ordinal))) return "ocr";
        if (methods.All(m => m == "pdf-text")) return "pdf-text";
        return "mixed";
    }

    public static string HashFile(string path)
    {
        using var fs = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(fs));
    }

    public static string HashFiles(IEnumerable<string> paths)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var p in paths) sha.AppendData(File.ReadAllBytes(p));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
