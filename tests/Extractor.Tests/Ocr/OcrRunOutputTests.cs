using System.Xml.Linq;
using Extractor.Export;
using Extractor.Extraction;
using Extractor.Tests.Evaluation;

namespace Extractor.Tests.Ocr;

/// <summary>
/// `extractor run` on a PDF, a page image and a folder of page images (--pages-folder): every row of every table with a
/// page and an evidence box carries both, and --hocr writes the words of each document.
/// </summary>
[Collection("ocr")]
public sealed class OcrRunOutputTests : IDisposable
{
    private readonly string _dir = OcrInputs.TempDir();
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static readonly string[] Page1 = ["A 64-year-old man had renal cell carcinoma, pT3aN0M0.", "He received sunitinib 50 mg daily for four weeks."];
    private static readonly string[] Page2 = ["Grade 3 thrombocytopenia developed after two cycles.", "CT showed a 4 cm mass in the left kidney."];

    private string File(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private byte[] Png(string[] lines, string name) => OcrInputs.Render(File(name + ".pdf", OcrInputs.TextPdf([lines], size: 16)));

    // (table, page, evidence_box, corrected-or-evidence) of every row of the tables that have both columns.
    private static List<(string Table, int Page, string Box)> Rows(string outDir)
    {
        var rows = new List<(string, int, string)>();
        void Add<T>(string table, Func<T, int> page, Func<T, string> box)
        {
            var path = Path.Combine(outDir, table + ".csv");
            foreach (var r in CsvExport.Read<T>(new StringReader(System.IO.File.ReadAllText(path)))) rows.Add((table, page(r), box(r)));
        }
        Add<Medication>("medications", r => r.Page, r => r.EvidenceBox);
        Add<TrialArm>("trial_arms", r => r.Page, r => r.EvidenceBox);
        Add<Outcome>("outcomes", r => r.Page, r => r.EvidenceBox);
        Add<AdverseEvent>("adverse_events", r => r.Page, r => r.EvidenceBox);
        Add<Staging>("staging", r => r.Page, r => r.EvidenceBox);
        Add<Finding>("findings", r => r.Page, r => r.EvidenceBox);
        Add<CorrectionRow>("corrections", r => r.Page, r => r.EvidenceBox);
        return rows;
    }

    private List<(string Table, int Page, string Box)> Run(string input, string name, params string[] flags)
    {
        var outDir = Path.Combine(_dir, "out-" + name);
        var (code, _, stderr) = CliRunner.Run(["run", input, "--out", outDir, "--quiet", "--no-report", "--hocr", .. flags]);
        Assert.True(code == 0, stderr);
        Assert.Empty(CsvExport.Read<ErrorRow>(new StringReader(System.IO.File.ReadAllText(Path.Combine(outDir, "errors.csv")))));
        var hocr = Assert.Single(Directory.GetFiles(outDir, "*.hocr"));
        XNamespace h = "http://www.w3.org/1999/xhtml";
        Assert.Contains(XDocument.Load(hocr).Descendants(h + "span"), s => (string?)s.Attribute("class") == "ocrx_word" && s.Value == "sunitinib");
        var rows = Rows(outDir);
        Assert.True(rows.Count(r => r.Table != "corrections") >= 2, string.Join("; ", rows));
        Assert.Contains(rows, r => r.Table == "medications");
        Assert.All(rows.Where(r => r.Table != "corrections"), r =>
        {
            Assert.InRange(r.Page, 1, 2);
            Assert.Matches(@"^\d+,\d+,\d+,\d+$", r.Box);
        });
        Assert.All(rows.Where(r => r.Table == "corrections"), r => Assert.InRange(r.Page, 1, 2));
        return rows;
    }

    [Fact]
    public void Pdf_EveryRowHasPageAndBox()
    {
        var pdf = File("report.pdf", OcrInputs.TextPdf([Page1, Page2], size: 12));
        var rows = Run(pdf, "pdf");
        Assert.Contains(rows, r => r.Page == 2 && r.Table != "corrections");
    }

    [Fact]
    public void PageImage_EveryRowHasPageAndBox() => Run(File("scan.png", Png([.. Page1, .. Page2], "scan")), "png");

    [Fact]
    public void FolderOfPageImages_EveryRowHasPageAndBox()
    {
        File(Path.Combine("pages", "p1.png"), Png(Page1, "p1"));
        File(Path.Combine("pages", "p2.png"), Png(Page2, "p2"));
        var rows = Run(Path.Combine(_dir, "pages"), "folder", "--pages-folder");
        Assert.Contains(rows, r => r.Page == 2 && r.Table != "corrections");
    }
}
