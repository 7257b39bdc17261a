using Extractor.Core;
using Extractor.Ingest;
using Extractor.Ingest.Images;
using Extractor.Ingest.Pdf;
using Extractor.Ocr;

namespace Extractor.Tests.Ocr;

/// <summary>Readers for PDFs and page images, on inputs the tests generate. One collection: they share the OCR engines and count OCR calls.</summary>
[Collection("ocr")]
public sealed class OcrReaderTests : IDisposable
{
    private readonly string _dir = OcrInputs.TempDir();

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static readonly string[][] Letter =
    [
        ["Discharge summary", "The patient received cisplatin 75 mg daily", "Fever resolved within three days"],
        ["Second page of the letter", "Creatinine was normal at follow up"],
    ];

    private string Save(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // A PNG of the first page of the letter, rendered at 150 dpi.
    private string LetterPng(string name = "letter.png")
    {
        var pdf = Save("letter-for-image.pdf", OcrInputs.TextPdf([Letter[0]], size: 16));
        return Save(name, OcrInputs.Render(pdf));
    }

    [Fact]
    public void TextLayerPdf_IsReadWithoutOcr_WordsInReadingOrderWithBoxes()
    {
        var path = Save("letter.pdf", OcrInputs.TextPdf(Letter));
        long before = OcrEngine.PagesRecognized;
        var doc = InputReader.CreateDefault().Read(path, "letter");
        Assert.Equal(before, OcrEngine.PagesRecognized);
        Assert.Equal(2, doc.Pages);
        Assert.Equal("pdf-text", doc.Encoding);
        var pages = doc.Text.Split('\f');
        Assert.Equal(string.Join("\n", Letter[0]) + "\n", pages[0]);
        Assert.Equal(string.Join("\n", Letter[1]) + "\n", pages[1]);
        Assert.All(doc.Words, w => Assert.Equal(w.Text, doc.Text[w.Start..w.End]));
        var cisplatin = Assert.Single(doc.Words, w => w.Text == "cisplatin");
        Assert.Equal(1, cisplatin.Page);
        var creatinine = Assert.Single(doc.Words, w => w.Text == "Creatinine");
        Assert.Equal(2, creatinine.Page);
        // Boxes in points from the top-left: the second line lies below the first, inside the A4 page.
        var discharge = doc.Words.First(w => w.Text == "Discharge");
        Assert.True(cisplatin.Box.Top > discharge.Box.Bottom - 2);
        Assert.InRange(cisplatin.Box.Left, 60, 595);
        Assert.InRange(cisplatin.Box.Bottom, 0, 842);
        Assert.All(doc.PageDetails, p => Assert.Equal(("pt", "pdf-text"), (p.Unit, p.Method)));
    }

    [Fact]
    public void PageImage_IsRecognised_WithWordBoxesAndConfidences()
    {
        var png = LetterPng();
        long before = OcrEngine.PagesRecognized;
        var doc = InputReader.CreateDefault().Read(png, "letter");
        Assert.True(OcrEngine.PagesRecognized > before);
        Assert.Equal("ocr", doc.Encoding);
        Assert.Contains("cisplatin 75 mg daily", doc.Text);
        Assert.Contains("Fever resolved", doc.Text);
        Assert.All(doc.Words, w => Assert.Equal(w.Text, doc.Text[w.Start..w.End]));
        var detail = Assert.Single(doc.PageDetails);
        Assert.Equal("px", detail.Unit);
        var word = Assert.Single(doc.Words, w => w.Text == "cisplatin");
        Assert.InRange(word.Confidence, 60, 100);
        Assert.True(word.Box.Width > 20 && word.Box.Height > 5 && word.Box.Right <= detail.Width && word.Box.Bottom <= detail.Height);
        // Reading order: the word of the second line is below the first line's.
        var discharge = Assert.Single(doc.Words, w => w.Text == "Discharge");
        Assert.True(word.Box.Top > discharge.Box.Bottom);
        // Confidence and box of a source span come from its words.
        int at = doc.Text.IndexOf("cisplatin 75", StringComparison.Ordinal);
        Assert.NotNull(doc.MinConfidence(at, at + 12));
        Assert.Equal(1, doc.BoxOf(at, at + 9)!.Value.Page);
        Assert.Equal(word.Box, doc.BoxOf(at, at + 9)!.Value.Box);
    }

    [Fact]
    public void ImageOnlyPdf_GivesTheSameTextAsItsImage()
    {
        var pngPath = LetterPng();
        var png = File.ReadAllBytes(pngPath);
        using var pix = Extractor.Ocr.Native.Leptonica.pixRead(pngPath);
        var pdf = Save("scan.pdf", OcrInputs.ImagePdf(png, pix.Width, pix.Height, dpi: 150));
        var fromImage = InputReader.CreateDefault().Read(pngPath, "image");
        var fromPdf = InputReader.CreateDefault().Read(pdf, "pdf");
        Assert.Equal(fromImage.Text, fromPdf.Text);
        Assert.Equal("pdf-image-ocr", Assert.Single(fromPdf.PageDetails).Method);
        Assert.Equal(150, fromPdf.PageDetails[0].Dpi);
        Assert.Equal(fromImage.Words.Select(w => w.Box), fromPdf.Words.Select(w => w.Box));
    }

    [Fact]
    public void MixedPdf_IsReadPageByPage_TextLayerWithoutOcr_ScanOcrd_OtherPagesRendered()
    {
        var pngPath = LetterPng();
        using var pix = Extractor.Ocr.Native.Leptonica.pixRead(pngPath);
        var pdf = Save("mixed.pdf", OcrInputs.MixedPdf(Letter[1], File.ReadAllBytes(pngPath), pix.Width, pix.Height, 150, smallImagePage: true));
        long before = OcrEngine.PagesRecognized;
        var doc = InputReader.CreateDefault().Read(pdf, "mixed");
        Assert.Equal(2, OcrEngine.PagesRecognized - before); // the scan and the rendered page; not the text page
        Assert.Equal(["pdf-text", "pdf-image-ocr", "pdf-raster-ocr"], doc.PageDetails.Select(p => p.Method));
        Assert.Equal("mixed", doc.Encoding);
        var pages = doc.Text.Split('\f');
        Assert.Equal(3, pages.Length);
        Assert.StartsWith("Second page of the letter\n", pages[0]);
        Assert.Contains("cisplatin 75 mg daily", pages[1]);
        Assert.Contains("cisplatin", pages[2]);
        Assert.Equal(300, doc.PageDetails[2].Dpi);
        Assert.Equal([1, 2, 3], doc.Words.Where(w => w.Text == "Second" || w.Text == "cisplatin").Select(w => w.Page));
    }

    [Fact]
    public void MultiPageTiff_GivesOnePagePerImage()
    {
        var page1 = LetterPng("p1.png");
        var pdf2 = Save("second.pdf", OcrInputs.TextPdf([Letter[1]], size: 16));
        var page2 = Save("p2.png", OcrInputs.Render(pdf2));
        var tiff = Path.Combine(_dir, "letter.tif");
        OcrInputs.WriteTiff(tiff, page1, page2);
        Assert.Equal(2, PageImages.TiffPageCount(tiff));
        var doc = InputReader.CreateDefault().Read(tiff, "letter");
        Assert.Equal(2, doc.Pages);
        Assert.Contains("cisplatin", doc.Text.Split('\f')[0]);
        Assert.Contains("Creatinine", doc.Text.Split('\f')[1]);
        Assert.Equal(2, doc.Words.Single(w => w.Text == "Creatinine").Page);
        Assert.Equal(2, doc.PageAt(doc.Words.Single(w => w.Text == "Creatinine").Start));
    }

    [Fact]
    public void FolderOfPageImages_IsOneDocument_InNaturalNameOrder()
    {
        var folder = Path.Combine(_dir, "pages");
        Directory.CreateDirectory(folder);
        var pdf2 = Save("second.pdf", OcrInputs.TextPdf([Letter[1]], size: 16));
        File.Copy(LetterPng(), Path.Combine(folder, "page-2.png"));
        File.WriteAllBytes(Path.Combine(folder, "page-10.png"), OcrInputs.Render(pdf2));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a page");
        Assert.Equal(["page-2.png", "page-10.png"], PageFolderReader.PageFiles(folder).Select(Path.GetFileName));
        var doc = InputReader.CreateDefault().Read(folder, "pages");
        Assert.Equal(2, doc.Pages);
        Assert.Contains("cisplatin", doc.Text.Split('\f')[0]);
        Assert.Contains("Creatinine", doc.Text.Split('\f')[1]);
    }

    [Theory]
    [InlineData("scan.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, InputErrorReason.Corrupt)]
    [InlineData("scan.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46 }, InputErrorReason.Corrupt)]
    [InlineData("scan.tif", new byte[] { (byte)'I', (byte)'I', 42, 0, 0, 0, 0, 0 }, InputErrorReason.Corrupt)]
    [InlineData("scan.png", new byte[0], InputErrorReason.Empty)]
    public void CorruptOrEmptyImage_FailsWithAClearReason(string name, byte[] bytes, InputErrorReason reason)
    {
        var path = Save(name, bytes);
        var ex = Assert.Throws<InputException>(() => InputReader.CreateDefault().Read(path, "scan"));
        Assert.Equal(reason, ex.Reason);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void FileNamedLikeAnImage_ThatIsText_IsNotReadAsText()
    {
        var path = Save("scan.png", "this is not an image"u8.ToArray());
        var ex = Assert.Throws<InputException>(() => InputReader.CreateDefault().Read(path, "scan"));
        Assert.Contains("image", ex.Message);
    }

    [Fact]
    public void PageTooLargeForTheLimit_IsRefusedBeforeOcr()
    {
        var png = LetterPng();
        var reader = InputReader.CreateDefault(new InputLimits { MaxPixels = 10_000 });
        var ex = Assert.Throws<InputException>(() => reader.Read(png, "letter"));
        Assert.Equal(InputErrorReason.TooManyPixels, ex.Reason);
    }

    [Fact]
    public void SharedScans_WhenPresent_GiveTheTextOfTheTesseractProgram()
    {
        var set = Extractor.Evaluation.BenchmarkLocator.FindSet(Extractor.Evaluation.BenchmarkLocator.CaseReports);
        if (set is null) { Console.WriteLine(Extractor.Evaluation.BenchmarkLocator.MissingMessage()); return; }
        // The smallest scanned document: two 1-bit PNG pages; ocr.txt was made by tesseract 5.3.0 --psm 3.
        var pages = Directory.GetFiles(Path.Combine(set, "scans"), "18416479-p*.png").Order(NaturalComparer.Instance).ToList();
        if (pages.Count != 2) return;
        var doc = PageFolderReader.Instance.Read(pages, Path.Combine(set, "scans"), "18416479");
        Assert.Equal(File.ReadAllText(Path.Combine(set, "18416479.ocr.txt")), doc.Text);
        Assert.All(doc.Words, w => Assert.Equal(w.Text, doc.Text[w.Start..w.End]));
    }

    [Fact]
    public void TextLayer_TypesettersHyphenationIsUndone_RealHyphensStay()
    {
        var path = Save("hyphens.pdf", OcrInputs.TextPdf([["The tumour was treated with chemo-", "therapy and had a well-", "defined margin on imaging."]]));
        var doc = InputReader.CreateDefault().Read(path, "hyphens");
        Assert.Equal("The tumour was treated with chemotherapy and had a well-\ndefined margin on imaging.\n", doc.Text);
        Assert.All(doc.Words, w => Assert.Equal(w.Text, doc.Text[w.Start..w.End]));
        // The two halves keep their boxes, one on each line.
        var chemo = Assert.Single(doc.Words, w => w.Text == "chemo");
        var therapy = Assert.Single(doc.Words, w => w.Text == "therapy");
        Assert.Equal(chemo.End, therapy.Start);
        Assert.True(therapy.Box.Top > chemo.Box.Bottom - 2);
        var kept = new PdfDocumentReader(new PdfReaderOptions { JoinHyphenatedLines = false }).Read(path, "hyphens");
        Assert.StartsWith("The tumour was treated with chemo-\ntherapy", kept.Text);
    }

    [Fact]
    public void JoinHyphenatedLines_JoinsOnlyWhatTheJudgeJoins_AndMovesTheWords()
    {
        const string text = "a carci-\nnoma and x-\nray\n";
        var words = new List<PageWord>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"\S+"))
            words.Add(new PageWord(m.Value, new BoundingBox(m.Index, 0, m.Index + 5, 10), -1, m.Index, m.Index + m.Length));
        var page = new PageContent(text, words, new PageDetail(1, 100, 100, "pt", 72, "pdf-text"));
        var joined = PdfDocumentReader.JoinHyphenatedLines(page, (l, r) => l + r == "carcinoma");
        Assert.Equal("a carcinoma and x-\nray\n", joined.Text);
        Assert.Equal(["a", "carci", "noma", "and", "x-", "ray"], joined.Words.Select(w => w.Text));
        Assert.All(joined.Words, w => Assert.Equal(w.Text, joined.Text[w.Start..w.End]));
        Assert.Equal(words.Select(w => w.Box), joined.Words.Select(w => w.Box));
    }

    [Fact]
    public void Ligatures_AreWrittenAsLetters()
    {
        Assert.Equal("confirmed", PdfDocumentReader.ExpandLigatures("con\uFB01rmed"));
        Assert.Equal("effluent office", PdfDocumentReader.ExpandLigatures("e\uFB04uent o\uFB03ce"));
        Assert.Equal("plain", PdfDocumentReader.ExpandLigatures("plain"));
    }
}

/// <summary>The OCR reader tests count OCR calls through a process-wide counter, so no other test may OCR meanwhile.</summary>
[CollectionDefinition("ocr", DisableParallelization = true)]
public sealed class OcrCollection;
