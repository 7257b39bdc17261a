using Extractor.Ingest.Pdf;
using Extractor.Pipeline;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Extractor.Tests.Tables;

/// <summary>
/// A born-digital PDF whose table columns exist only as x positions: its text layer joins the cells of a row with
/// single spaces, so the rows are read from the word boxes (column x-ranges, row y-bands).
/// </summary>
public class TableGeometryPdfTests
{
    private static byte[] TablePdf()
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        double y = 780;
        void Row(params (double X, string Text)[] cells)
        {
            foreach (var (x, t) in cells) page.AddText(t, 10, new PdfPoint(x, y), font);
            y -= 16;
        }
        Row((30, "Table 4. Checkpoint inhibitors in renal cell carcinoma"));
        y -= 8;
        Row((30, "Study"), (115, "Regimen"), (250, "ORR (%)"), (320, "Median PFS (months)"));
        Row((30, "Hollis DE 2018"), (115, "Nivo 3 mg/kg q2w"), (250, "25"), (320, "4.6"));
        Row((115, "Everolimus 10 mg daily"), (250, "15"), (320, "4.4"));
        Row((30, "Marsh T 2019"), (115, "Pembro 200 mg q3w"), (250, "36a"), (320, "6.9"));
        y -= 8;
        Row((30, "a Central review."));
        return builder.Build();
    }

    private static void AssertRows(Extraction.DocumentResult result)
    {
        Assert.Equal(
            "4|1|Hollis DE|2018|nivolumab|nivolumab|3|mg/kg|1/2wk\n" +
            "4|2|Hollis DE|2018|everolimus|everolimus|10|mg|1/d\n" +
            "4|3|Marsh T|2019|pembrolizumab|pembrolizumab|200|mg|1/3wk",
            string.Join("\n", result.TrialArms.Select(a => $"{a.TableId}|{a.Row}|{a.Study}|{a.Year}|{a.Arm}|{a.Drug}|{a.DoseValue}|{a.DoseUnit}|{a.Frequency}")));
        Assert.Equal(
            "4|1|nivolumab|ORR|25|%\n4|1|nivolumab|PFS|4.6|months\n" +
            "4|2|everolimus|ORR|15|%\n4|2|everolimus|PFS|4.4|months\n" +
            "4|3|pembrolizumab|ORR|36|%\n4|3|pembrolizumab|PFS|6.9|months",
            string.Join("\n", result.Outcomes.Where(o => o.Source == "table").Select(o => $"{o.TableId}|{o.Row}|{o.Arm}|{o.Measure}|{o.Value}|{o.Unit}")));
    }

    [Fact]
    public void Rows_of_a_text_layer_table_are_rebuilt_from_word_boxes()
    {
        var path = Path.Combine(Path.GetTempPath(), "tables-geometry-" + Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(path, TablePdf());
        try
        {
            var source = PdfDocumentReader.Instance.Read(path, "geometry");
            Assert.NotEmpty(source.Words);
            // The text layer alone has no column gaps: the geometry is what separates the cells.
            Assert.Contains("Hollis DE 2018 Nivo 3 mg/kg q2w 25 4.6", source.Text);
            var result = DocumentPipeline.CreateDefault().Process(source);
            AssertRows(result);
            Assert.All(result.TrialArms, a => Assert.Equal(1, a.Page));
            // Without the boxes the bare numbers have no column to name them.
            var textOnly = new Extraction.ExtractionSink();
            new Extraction.Tables.TableExtractor(new Extraction.Tables.TableReaderOptions { UseWordGeometry = false })
                .Extract(new Language.AnalyzedDocument(source, result.Cleanup), textOnly);
            Assert.DoesNotContain(textOnly.Outcomes, o => o.Measure == "PFS");
        }
        finally { File.Delete(path); }
    }

    /// <summary>Tesseract reads the outcome columns as separate blocks after the rows; the boxes put them back.</summary>
    [Fact]
    public void Rows_of_a_scanned_table_are_rebuilt_from_ocr_word_boxes()
    {
        var pdf = Path.Combine(Path.GetTempPath(), "tables-scan-" + Guid.NewGuid().ToString("N") + ".pdf");
        var png = Path.ChangeExtension(pdf, ".png");
        File.WriteAllBytes(pdf, TablePdf());
        try
        {
            File.WriteAllBytes(png, Extractor.Tests.Ocr.OcrInputs.Render(pdf, dpi: 200, cropHeight: 560));
            var source = Extractor.Ingest.Images.ImageDocumentReader.Instance.Read(png, "scan");
            Assert.NotEmpty(source.Words);
            var result = DocumentPipeline.CreateDefault().Process(source);
            AssertRows(result);
            Assert.All(result.Outcomes.Where(o => o.Source == "table"), o => Assert.Contains(o.Value, source.Text[o.SourceStart..o.SourceEnd]));
        }
        finally { File.Delete(pdf); File.Delete(png); }
    }
}
