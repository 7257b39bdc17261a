using Extractor.Core;
using Extractor.Ingest;
using Extractor.Pipeline;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Extractor.Tests.Ocr;

/// <summary>
/// Tables rebuilt from word boxes on real readers' output: a generated PDF whose table columns exist only in the
/// geometry (the text layer gives single spaces between cells), read through its text layer and, rendered, through OCR.
/// </summary>
[Collection("ocr")]
public sealed class OcrTableGeometryTests : IDisposable
{
    private readonly string _dir = OcrInputs.TempDir();
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    // Cells placed at column x positions (points); the text layer joins them with single spaces.
    private static readonly (string Text, double X)[][] Rows =
    [
        [("Study", 60), ("Arm", 170), ("ORR (%)", 330), ("DCR (%)", 430)],
        [("Lund 2011", 60), ("Nivolumab 3 mg/kg", 170), ("44", 330), ("61", 430)],
        [("Placebo", 170), ("12", 330), ("30", 430)],
    ];

    private string TablePdf()
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        page.AddText("Table 1. Trials of nivolumab", 14, new PdfPoint(60, 790), font);
        double y = 760;
        foreach (var row in Rows)
        {
            foreach (var (text, x) in row) page.AddText(text, 14, new PdfPoint(x, y), font);
            y -= 24;
        }
        page.AddText("The patient received nivolumab for six months.", 14, new PdfPoint(60, y - 30), font);
        var path = Path.Combine(_dir, "table.pdf");
        File.WriteAllBytes(path, builder.Build());
        return path;
    }

    private static string Outcomes(Extraction.DocumentResult r) =>
        string.Join("\n", r.Outcomes.Where(o => o.Source == "table").Select(o => $"{o.Arm}|{o.Measure}|{o.Value}|{o.Unit}"));

    private static void AssertTableFromGeometry(SourceDocument doc)
    {
        var pipeline = DocumentPipeline.CreateDefault();
        var withBoxes = pipeline.Process(doc);
        var textOnly = pipeline.Process(doc with { Words = [] });
        var outcomes = Outcomes(withBoxes);
        Assert.Contains("ORR|44|%", outcomes);
        Assert.Contains("DCR|61|%", outcomes);
        Assert.Contains("ORR|12|%", outcomes);
        Assert.Contains("DCR|30|%", outcomes);
        Assert.NotEqual(outcomes, Outcomes(textOnly)); // the columns come from the boxes, not from the text
        Assert.All(withBoxes.Outcomes.Where(o => o.Source == "table"), o =>
        {
            Assert.Equal(1, o.Page);
            Assert.Matches(@"^\d+,\d+,\d+,\d+$", o.EvidenceBox);
        });
    }

    [Fact]
    public void PdfTextLayer_TableColumnsComeFromWordBoxes()
    {
        var doc = InputReader.CreateDefault().Read(TablePdf(), "table");
        Assert.Equal("pdf-text", doc.Encoding);
        Assert.Contains("Lund 2011 Nivolumab 3 mg/kg 44 61", doc.Text); // single spaces: no columns in the text
        AssertTableFromGeometry(doc);
    }

    [Fact]
    public void OcrdPageImage_TableColumnsComeFromWordBoxes()
    {
        var png = Path.Combine(_dir, "table.png");
        File.WriteAllBytes(png, OcrInputs.Render(TablePdf(), dpi: 150, cropHeight: 420));
        var doc = InputReader.CreateDefault().Read(png, "table");
        Assert.Equal("ocr", doc.Encoding);
        AssertTableFromGeometry(doc);
    }
}
