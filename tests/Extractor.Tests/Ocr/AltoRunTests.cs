using System.Xml.Linq;
using Extractor.Evaluation;
using Extractor.Ocr;
using Extractor.Tests.Evaluation;

namespace Extractor.Tests.Ocr;

/// <summary>
/// `run --alto` writes &lt;document_id&gt;.alto.xml (the cleaned text, valid ALTO 4.4, its words the words of
/// &lt;document_id&gt;.clean.txt) for a page image and a PDF; `ocr FILE --alto F` writes the words as read.
/// </summary>
[Collection("ocr")]
public sealed class AltoRunTests : IDisposable
{
    private static readonly XNamespace A = AltoWriter.Namespace;
    private readonly string _dir = OcrInputs.TempDir();
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static readonly string[] Lines = ["A 64-year-old man had renal cell carcinoma, pT3aN0M0.", "He received sunitinib 50 mg daily for four weeks."];

    private string Save(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs `run INPUT --alto` and checks the ALTO of the one document against its cleaned text.</summary>
    private XDocument RunAlto(string input, string name)
    {
        var outDir = Path.Combine(_dir, "out-" + name);
        var (code, _, stderr) = CliRunner.Run(["run", input, "--out", outDir, "--quiet", "--no-report", "--alto"]);
        Assert.True(code == 0, stderr);
        var alto = Assert.Single(Directory.GetFiles(outDir, "*.alto.xml"));
        string id = Path.GetFileName(alto)[..^".alto.xml".Length];
        string xml = File.ReadAllText(alto);
        AltoSchema.Validate(xml);
        var doc = XDocument.Parse(xml);
        Assert.Equal(Words(File.ReadAllText(Path.Combine(outDir, id + ".clean.txt"))), AltoWriterTests.Tokens(doc));
        Assert.Empty(Directory.GetFiles(outDir, "*.hocr")); // --alto alone writes no hOCR
        return doc;
    }

    [Fact]
    public void Run_alto_on_a_page_image_writes_the_cleaned_words_in_pixels()
    {
        var png = Save("scan.png", OcrInputs.Render(Save("scan.pdf", OcrInputs.TextPdf([Lines], size: 16))));
        var doc = RunAlto(png, "png");
        Assert.Equal("pixel", doc.Descendants(A + "MeasurementUnit").Single().Value);
        Assert.Contains(doc.Descendants(A + "String"), s => (string?)s.Attribute("CONTENT") == "sunitinib" && s.Attribute("WC") is not null);
        Assert.Single(doc.Descendants(A + "postProcessingStep"));
    }

    [Fact]
    public void Run_alto_on_a_text_pdf_writes_its_words_without_confidences()
    {
        var pdf = Save("report.pdf", OcrInputs.TextPdf([Lines, ["Grade 3 thrombocytopenia developed after two cycles."]], size: 12));
        var doc = RunAlto(pdf, "pdf");
        Assert.Equal(2, doc.Descendants(A + "Page").Count());
        Assert.All(doc.Descendants(A + "String"), s => Assert.Null(s.Attribute("WC"))); // a text layer has no OCR confidence
        Assert.Equal("595", (string?)doc.Descendants(A + "Page").First().Attribute("WIDTH")); // A4 in points, the unit of its boxes
    }

    [Fact]
    public void Ocr_alto_writes_the_words_as_read_with_hyphenation_parts_for_a_joined_text_layer_word()
    {
        var pdf = Save("hyphens.pdf", OcrInputs.TextPdf([["The tumour was treated with chemo-", "therapy and had a well-", "defined margin on imaging."]]));
        var alto = Path.Combine(_dir, "hyphens.alto.xml");
        var (code, _, stderr) = CliRunner.Run(["ocr", pdf, "--alto", alto]);
        Assert.True(code == 0, stderr);
        string xml = File.ReadAllText(alto);
        AltoSchema.Validate(xml);
        var doc = XDocument.Parse(xml);
        Assert.Equal(Words(Extractor.Ingest.InputReader.CreateDefault().Read(pdf, "hyphens").Text), AltoWriterTests.Tokens(doc)); // `ocr` prints this text
        var parts = doc.Descendants(A + "String").Where(s => s.Attribute("SUBS_TYPE") is not null).ToList();
        Assert.Equal(["chemo", "therapy"], parts.Select(s => (string)s.Attribute("CONTENT")!));
        Assert.All(parts, s => Assert.Equal("chemotherapy", (string?)s.Attribute("SUBS_CONTENT")));
        Assert.Empty(doc.Descendants(A + "ALTERNATIVE"));
        Assert.Empty(doc.Descendants(A + "postProcessingStep")); // as read: no cleanup step
    }

    [Fact]
    public void SharedScan_WhenPresent_run_alto_gives_valid_ALTO_with_the_cleaned_words()
    {
        var set = BenchmarkLocator.FindSet(BenchmarkLocator.CaseReports);
        var scan = set is null ? null : Path.Combine(set, "scans", "18416479-p1.png");
        if (scan is null || !File.Exists(scan))
        {
            Console.WriteLine($"SharedScan_WhenPresent_run_alto: skipped, {BenchmarkLocator.MissingMessage()}");
            return;
        }
        var doc = RunAlto(scan, "shared");
        Assert.Contains(doc.Descendants(A + "ALTERNATIVE"), a => (string?)a.Attribute("PURPOSE") == "OCR"); // the cleanup changed words here
        Assert.Equal("1260", (string?)doc.Descendants(A + "Page").Single().Attribute("WIDTH"));
    }
}
