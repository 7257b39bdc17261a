using System.Globalization;
using System.Text.RegularExpressions;
using Extractor.Tests.Evaluation;
using Extractor.Tests.Ocr;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Xunit.Abstractions;

namespace Extractor.Tests.Report;

/// <summary>A scanned input end to end: a PNG made here (text PDF rendered by pdftoppm), OCR'd by `extractor run`, shown on its review page.</summary>
public sealed class ScannedReportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("report-scan").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public void The_page_image_is_shown_with_its_ocr_word_boxes_and_low_confidence_words_marked()
    {
        // Two clear lines OCR reads with high confidence, and words printed over other words (a smeared scan), which it
        // reads with low confidence.
        string pdf = Path.Combine(_dir, "scan.pdf");
        using (var builder = new PdfDocumentBuilder())
        {
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            var pdfPage = builder.AddPage(PageSize.A4);
            pdfPage.AddText("The patient received cisplatin 20 mg daily.", 16, new PdfPoint(60, 800), font);
            pdfPage.AddText("Grade 2 nausea followed.", 16, new PdfPoint(60, 775), font);
            foreach (var (a, b, x, dx, dy) in new[] { ("wavelet", "oxbrick", 60.0, 3.0, 0.0), ("hamper", "quiver", 200.0, 2.0, 2.0), ("sonata", "milieu", 330.0, 4.0, 0.0) })
            {
                pdfPage.AddText(a, 16, new PdfPoint(x, 750), font);
                pdfPage.AddText(b, 16, new PdfPoint(x + dx, 750 + dy), font);
            }
            File.WriteAllBytes(pdf, builder.Build());
        }
        string png = Path.Combine(_dir, "scan.png");
        File.WriteAllBytes(png, OcrInputs.Render(pdf, dpi: 150, cropHeight: 220));

        var (exit, _, err) = CliRunner.Run("run", png, "--out", Path.Combine(_dir, "out"), "--quiet");
        Assert.True(exit == 0, err);
        string page = File.ReadAllText(Path.Combine(_dir, "out", "report", "scan.html"));

        Assert.Contains("<section id=\"pages\">", page);
        Assert.Contains("href=\"data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(png)) + "\"", page); // the page itself
        var boxes = Regex.Matches(page, "<rect class=\"word( low)?\" x=\"(\\d+)\" y=\"(\\d+)\" width=\"(\\d+)\" height=\"(\\d+)\"[^>]*><title>([^<]*) \\(confidence (\\d+)\\)</title>");
        output.WriteLine($"{boxes.Count} word boxes, {boxes.Count(m => m.Groups[1].Success)} low: " + string.Join(" ", boxes.Select(m => $"{m.Groups[6].Value}:{m.Groups[7].Value}")));
        Assert.True(boxes.Count >= 8, $"only {boxes.Count} word boxes");
        Assert.Contains(boxes, m => m.Groups[6].Value == "cisplatin" && !m.Groups[1].Success);
        foreach (Match m in boxes)
        {
            int confidence = int.Parse(m.Groups[7].Value, CultureInfo.InvariantCulture);
            Assert.True(m.Groups[1].Success == confidence < 60, $"{m.Groups[6].Value} ({confidence}) marked {(m.Groups[1].Success ? "low" : "not low")}");
            Assert.InRange(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) + int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture), 1, 1240);
        }
        Assert.Contains(boxes, m => m.Groups[1].Success);
        Assert.Matches("<figcaption>page 1: \\d+ words, [1-9]\\d* below confidence", page);
    }
}
