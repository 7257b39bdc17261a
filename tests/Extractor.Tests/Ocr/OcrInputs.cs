using System.Diagnostics;
using Extractor.Ocr.Native;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Extractor.Tests.Ocr;

/// <summary>Inputs the OCR tests make for themselves: text PDFs (PdfPig's builder), page images (pdftoppm), TIFFs (Leptonica).</summary>
internal static class OcrInputs
{
    /// <summary>A PDF with a text layer: one page per entry, each line in 14 pt Helvetica (or <paramref name="size"/>).</summary>
    public static byte[] TextPdf(IReadOnlyList<string[]> pages, double size = 14)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            double y = 780;
            foreach (var line in lines)
            {
                page.AddText(line, size, new PdfPoint(60, y), font);
                y -= size * 1.6;
            }
        }
        return builder.Build();
    }

    /// <summary>Page 1 of a PDF rendered by pdftoppm as PNG bytes (cropped to the top of the page to keep OCR fast).</summary>
    public static byte[] Render(string pdfPath, int dpi = 150, int cropHeight = 400)
    {
        var psi = new ProcessStartInfo("pdftoppm") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-r", dpi.ToString(), "-f", "1", "-l", "1", "-png", "-gray", "-x", "0", "-y", "0", "-W", "1240", "-H", cropHeight.ToString(), pdfPath })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        using var ms = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "pdftoppm failed: " + p.StandardError.ReadToEnd());
        return ms.ToArray();
    }

    /// <summary>A PDF whose only page is the given PNG drawn at <paramref name="dpi"/> (an image-only "scan").</summary>
    public static byte[] ImagePdf(byte[] png, int width, int height, int dpi)
    {
        using var builder = new PdfDocumentBuilder();
        double w = width * 72.0 / dpi, h = height * 72.0 / dpi;
        var page = builder.AddPage(w, h);
        page.AddPng(png, new PdfRectangle(0, 0, w, h));
        return builder.Build();
    }

    /// <summary>
    /// A mixed PDF: page 1 has a text layer with <paramref name="lines"/>, page 2 is the PNG drawn at <paramref name="dpi"/>
    /// over the whole page, page 3 (when <paramref name="smallImagePage"/>) has the PNG in a quarter of an A4 page, which
    /// is not a page-sized scan and so is rendered by pdftoppm.
    /// </summary>
    public static byte[] MixedPdf(string[] lines, byte[] png, int width, int height, int dpi, bool smallImagePage)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var text = builder.AddPage(PageSize.A4);
        double y = 780;
        foreach (var line in lines) { text.AddText(line, 14, new PdfPoint(60, y), font); y -= 22; }
        double w = width * 72.0 / dpi, h = height * 72.0 / dpi;
        builder.AddPage(w, h).AddPng(png, new PdfRectangle(0, 0, w, h));
        if (smallImagePage)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddPng(png, new PdfRectangle(20, 842 - 20 - h, 20 + w, 842 - 20));
        }
        return builder.Build();
    }

    /// <summary>Writes the images as the pages of one TIFF (Leptonica, append mode).</summary>
    public static void WriteTiff(string path, params string[] pngPaths)
    {
        for (int i = 0; i < pngPaths.Length; i++)
        {
            using var pix = Leptonica.pixRead(pngPaths[i]);
            Assert.False(pix.IsInvalid);
            Assert.Equal(0, Leptonica.pixWriteTiff(path, pix, pix.Depth == 1 ? Leptonica.IFF_TIFF_G4 : Leptonica.IFF_TIFF_ZIP, i == 0 ? "w" : "a"));
        }
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "extractor-ocr-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
