using System.Diagnostics;
using Extractor.Core;
using Extractor.Ocr;
using Extractor.Ocr.Native;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Extractor.Ingest.Pdf;

/// <summary>Settings of the PDF reader.</summary>
public sealed record PdfReaderOptions
{
    /// <summary>Resolution at which pages PdfPig cannot decode are rasterized by pdftoppm for OCR.</summary>
    public int RasterDpi { get; init; } = 300;
    /// <summary>A page with fewer visible letters than this and a page-sized image is treated as a scan (OCR), not as text.</summary>
    public int MinTextLayerLetters { get; init; } = 20;
    /// <summary>
    /// Undo the typesetter's hyphenation in text layers: a line-end hyphen between the two parts of one word (the joined
    /// word is in the lexicon, <see cref="Cleanup.Dehyphenation.JoinsAcrossLineBreak"/>) goes with its line break, as
    /// pdftotext does. Real hyphens ("well-|defined") stay. OCR text is not touched: there the cleanup joins, logged.
    /// </summary>
    public bool JoinHyphenatedLines { get; init; } = true;
    /// <summary>The pdftoppm program (poppler-utils).</summary>
    public string PdfToPpm { get; init; } = "pdftoppm";

    public static readonly PdfReaderOptions Default = new();
}

/// <summary>
/// PDFs page by page. A page with a text layer (born-digital or already OCR'd) gives its words with boxes in reading
/// order and needs no OCR. An image-only page gives its embedded scan through PdfPig (Flate/CCITT as PNG, JPEG and
/// JPEG 2000 as their raw bytes), which is OCR'd; a page PdfPig cannot decode (JBIG2, vector drawings) is rasterized by
/// pdftoppm and OCR'd. So mixed PDFs work page by page. Pages are done in parallel across the OCR engines.
/// </summary>
public sealed class PdfDocumentReader(PdfReaderOptions? options = null, OcrEnginePool? pool = null) : IDocumentReader
{
    public static readonly PdfDocumentReader Instance = new();

    private readonly PdfReaderOptions _options = options ?? PdfReaderOptions.Default;
    private OcrEnginePool Pool => pool ?? OcrEnginePool.Shared;

    public bool CanRead(string path, ReadOnlySpan<byte> head) =>
        head.IndexOf("%PDF-"u8) is >= 0 and < 8 || Path.GetExtension(path).Equals(".pdf", StringComparison.OrdinalIgnoreCase);

    public SourceDocument Read(string path, string documentId) => Read(path, documentId, InputLimits.Default, default);

    public SourceDocument Read(string path, string documentId, InputLimits limits, CancellationToken cancel)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(path);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw InputGuard.Classify(ex) ?? new InputException(InputErrorReason.Corrupt, $"not a readable PDF ({ex.Message.ReplaceLineEndings(" ")})", ex);
        }
        using (document)
        {
            int count = document.NumberOfPages;
            if (count == 0) throw new InputException(InputErrorReason.Corrupt, "PDF without pages");
            if (count > limits.MaxPages) throw new InputException(InputErrorReason.TooManyPages, $"{count:N0} pages (limit {limits.MaxPages:N0}, --max-pages)");
            var pages = Pool.RunPages(count, i => ReadPage(document, path, i + 1, limits), cancel);
            return PageAssembler.Build(documentId, path, PageAssembler.HashFile(path), pages);
        }
    }

    private PageContent ReadPage(PdfDocument document, string path, int number, InputLimits limits)
    {
        PagePlan plan;
        // PdfPig's document is not thread-safe: parsing a page and copying its image out happen one at a time;
        // layout analysis and OCR run in parallel.
        lock (document) plan = Plan(document.GetPage(number), number, limits);
        switch (plan)
        {
            case TextPlan text:
                {
                    var page = TextLayer(text, number);
                    return _options.JoinHyphenatedLines ? JoinHyphenatedLines(page, (l, r) => Cleanup.Dehyphenation.JoinsAcrossLineBreak(l, r, Cleanup.Lexicon.Shared)) : page;
                }
            case ImagePlan image:
                {
                    PixHandle? pix = null;
                    try { pix = PageImages.Load(image.Bytes.Span, $"image of page {number}"); PageImages.CheckPixels(pix, limits, $"image of page {number}"); }
                    catch (InputException ex)
                    {
                        pix?.Dispose();
                        pix = null;
                        if (ex.Reason == InputErrorReason.TooManyPixels) throw;
                    }
                    if (pix is not null)
                        using (pix) return PageContent.FromOcr(Pool.Recognize(pix, image.Dpi), number, "pdf-image-ocr");
                    return Rasterized(path, number);
                }
            default:
                return Rasterized(path, number);
        }
    }

    private abstract record PagePlan;
    private sealed record TextPlan(IReadOnlyList<Letter> Letters, double Width, double Height) : PagePlan;
    private sealed record ImagePlan(ReadOnlyMemory<byte> Bytes, int Dpi) : PagePlan;
    private sealed record RasterPlan : PagePlan;

    private PagePlan Plan(Page page, int number, InputLimits limits)
    {
        int letters = page.Letters.Count(l => !string.IsNullOrWhiteSpace(l.Value));
        // Fonts without a Unicode mapping give private-use or replacement characters: such a layer is unreadable,
        // so the page is rendered and OCR'd instead.
        int unreadable = page.Letters.Count(l => l.Value.Any(c => c == '\uFFFD' || (c >= '\uE000' && c <= '\uF8FF') || (char.IsControl(c) && !char.IsWhiteSpace(c))));
        if (letters > 0 && unreadable > 0.3 * letters) return RasterPlanWithin(page, number, limits);
        var images = page.GetImages().ToList();
        double pageArea = Math.Max(1, page.Width * page.Height);
        var big = images.Where(i => i.BoundingBox.Width * i.BoundingBox.Height >= 0.5 * pageArea).ToList();
        if (letters >= _options.MinTextLayerLetters || (letters > 0 && big.Count == 0))
            return new TextPlan(page.Letters, page.Width, page.Height);
        // A rotated page shows its image turned; pdftoppm renders it upright, the embedded image would be sideways.
        if (images.Count == 1 && big.Count == 1 && letters == 0 && page.Rotation.Value % 360 == 0)
        {
            var image = big[0];
            PageImages.CheckPixels((long)image.WidthInSamples * image.HeightInSamples, limits, $"image of page {number}");
            int dpi = image.BoundingBox.Width > 0 ? (int)Math.Round(image.WidthInSamples / (image.BoundingBox.Width / 72.0)) : 0;
            if (image.TryGetPng(out var png)) return new ImagePlan(png, dpi);
            var raw = image.RawMemory;
            var kind = PageImages.Detect(raw.Span[..Math.Min(16, raw.Length)]);
            if (kind is ImageKind.Jpeg or ImageKind.Jpeg2000) return new ImagePlan(raw.ToArray(), dpi);
        }
        return RasterPlanWithin(page, number, limits);
    }

    private RasterPlan RasterPlanWithin(Page page, int number, InputLimits limits)
    {
        double inches = _options.RasterDpi / 72.0;
        PageImages.CheckPixels((long)(page.Width * inches) * (long)(page.Height * inches), limits, $"page {number} rasterized at {_options.RasterDpi} dpi");
        return new RasterPlan();
    }

    // The text layer in content-stream order, which is the order the typesetter (or an earlier OCR) wrote it and
    // the reading order of nearly every born-digital PDF. Letters join into words while they follow each other on the
    // same baseline without a gap; a baseline change or a jump back to the left starts a new line, a drop of more than
    // about two lines a new paragraph (blank line, as in Tesseract's text). Ligature glyphs are written as their
    // letters (U+FB01 -> "fi"). Boxes in PDF points, origin top-left.
    private static PageContent TextLayer(TextPlan plan, int number)
    {
        var sb = new System.Text.StringBuilder();
        var words = new List<PageWord>();
        var word = new System.Text.StringBuilder();
        double l = 0, t = 0, r = 0, b = 0;
        Letter? prev = null;
        bool pendingSpace = false;

        void EndWord()
        {
            if (word.Length == 0) return;
            int start = sb.Length;
            sb.Append(word);
            words.Add(new PageWord(word.ToString(), new BoundingBox((int)Math.Floor(l), (int)Math.Floor(plan.Height - t), (int)Math.Ceiling(r), (int)Math.Ceiling(plan.Height - b)), -1, start, sb.Length));
            word.Clear();
        }

        foreach (var letter in plan.Letters)
        {
            // A space glyph is only a hint: typesetters also emit overlapping spaces as kerning (gap below zero).
            if (string.IsNullOrWhiteSpace(letter.Value)) { pendingSpace = true; continue; }
            double size = letter.PointSize > 0 ? letter.PointSize : Math.Max(1, letter.BoundingBox.Height);
            string separator = "";
            if (prev is not null)
            {
                double dy = prev.StartBaseLine.Y - letter.StartBaseLine.Y; // > 0: moved down the page
                double dx = letter.StartBaseLine.X - prev.EndBaseLine.X;
                bool newLine = Math.Abs(dy) > 0.4 * size || dx < -size;
                if (newLine) separator = dy > 1.8 * size || dy < -size ? "\n\n" : "\n";
                else if (dx > 0.15 * size || (pendingSpace && dx > 0.05 * size)) separator = " ";
            }
            if (separator.Length > 0)
            {
                EndWord();
                if (sb.Length > 0) sb.Append(separator);
            }
            pendingSpace = false;
            var box = letter.BoundingBox;
            if (word.Length == 0) (l, t, r, b) = (box.Left, box.Top, box.Right, box.Bottom);
            else { l = Math.Min(l, box.Left); t = Math.Max(t, box.Top); r = Math.Max(r, box.Right); b = Math.Min(b, box.Bottom); }
            word.Append(ExpandLigatures(letter.Value));
            prev = letter;
        }
        EndWord();
        if (sb.Length > 0) sb.Append('\n');
        return new PageContent(sb.ToString(), words, new PageDetail(number, (int)Math.Round(plan.Width), (int)Math.Round(plan.Height), "pt", 72, "pdf-text"));
    }

    /// <summary>
    /// Joins words hyphenated across a line break in a text-layer page: "pat-\ntern" becomes "pattern" when
    /// <paramref name="joins"/>("pat", "tern"); the hyphen and the break go, the two words keep their own boxes (one on
    /// each line) and the rest of the second line follows on the first.
    /// </summary>
    public static PageContent JoinHyphenatedLines(PageContent page, Func<string, string, bool> joins)
    {
        var text = page.Text;
        var words = page.Words;
        var cuts = new List<int>(); // index of each word whose trailing "-\n" goes
        for (int i = 0; i + 1 < words.Count; i++)
        {
            var (w, next) = (words[i], words[i + 1]);
            if (w.Text.Length < 3 || w.Text[^1] != '-' || next.Start != w.End + 1 || text[w.End] != '\n') continue;
            int l = w.Text.Length - 1;
            while (l > 0 && char.IsLetter(w.Text[l - 1])) l--;
            int r = 0;
            while (r < next.Text.Length && char.IsLetter(next.Text[r])) r++;
            if (l < w.Text.Length - 1 && r > 0 && joins(w.Text[l..^1], next.Text[..r])) cuts.Add(i);
        }
        if (cuts.Count == 0) return page;
        var sb = new System.Text.StringBuilder(text.Length);
        var moved = new List<PageWord>(words.Count);
        int from = 0, shift = 0, c = 0;
        for (int i = 0; i < words.Count; i++)
        {
            var w = words[i];
            bool cut = c < cuts.Count && cuts[c] == i;
            if (!cut) { moved.Add(w with { Start = w.Start - shift, End = w.End - shift }); continue; }
            c++;
            sb.Append(text, from, w.End - 1 - from); // up to the hyphen
            moved.Add(w with { Text = w.Text[..^1], Start = w.Start - shift, End = w.End - 1 - shift });
            from = w.End + 1; // after the line break
            shift += 2;
        }
        sb.Append(text, from, text.Length - from);
        return page with { Text = sb.ToString(), Words = moved };
    }

    /// <summary>Latin ligature glyphs (U+FB00..U+FB06) as the letters they stand for.</summary>
    public static string ExpandLigatures(string s)
    {
        if (!s.Any(c => c is >= '\uFB00' and <= '\uFB06')) return s;
        var sb = new System.Text.StringBuilder(s.Length + 2);
        foreach (var c in s)
            sb.Append(c switch
            {
                '\uFB00' => "ff", '\uFB01' => "fi", '\uFB02' => "fl", '\uFB03' => "ffi", '\uFB04' => "ffl", '\uFB05' or '\uFB06' => "st",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    private PageContent Rasterized(string path, int number)
    {
        using var pix = PageImages.Load(RunPdfToPpm(path, number), $"page {number} rasterized by pdftoppm");
        return PageContent.FromOcr(Pool.Recognize(pix, _options.RasterDpi), number, "pdf-raster-ocr");
    }

    /// <summary>Page <paramref name="number"/> as a PNG made by <c>pdftoppm -r DPI -f N -l N -png</c>.</summary>
    private byte[] RunPdfToPpm(string path, int number)
    {
        var psi = new ProcessStartInfo(_options.PdfToPpm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-r", _options.RasterDpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", Path.GetFullPath(path) })
            psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InputException("pdftoppm did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InputException($"page {number} needs rasterizing but pdftoppm was not found; run: sudo apt-get install -y poppler-utils", ex);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            using var ms = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(ms);
            process.WaitForExit();
            if (process.ExitCode != 0 || ms.Length == 0)
                throw new InputException($"pdftoppm could not rasterize page {number}: {stderr.Result.Trim().ReplaceLineEndings(" ")}");
            return ms.ToArray();
        }
    }
}
