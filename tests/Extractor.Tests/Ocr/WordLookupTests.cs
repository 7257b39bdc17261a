using System.Xml.Linq;
using Extractor.Core;
using Extractor.Ingest.Images;
using Extractor.Ocr;

namespace Extractor.Tests.Ocr;

/// <summary>Word lookups over source spans (confidence, evidence box), hOCR and name ordering, on hand-made words.</summary>
public sealed class WordLookupTests
{
    // "Dose 40 mg\fdaily" with words on two pages.
    private static SourceDocument Doc() => new()
    {
        DocumentId = "d",
        SourcePath = "d.png",
        Text = "Dose 40 mg\nx\fdaily",
        Words =
        [
            new OcrWord("Dose", 1, new BoundingBox(10, 10, 50, 30), 96f, 0, 4),
            new OcrWord("40", 1, new BoundingBox(60, 10, 80, 30), 41.5f, 5, 7),
            new OcrWord("mg", 1, new BoundingBox(90, 12, 120, 32), 88f, 8, 10),
            new OcrWord("x", 1, new BoundingBox(10, 40, 20, 60), 70f, 11, 12),
            new OcrWord("daily", 2, new BoundingBox(5, 5, 55, 25), 91f, 13, 18),
        ],
        PageDetails = [new PageDetail(1, 200, 100, "px", 300, "ocr"), new PageDetail(2, 200, 100, "px", 300, "ocr")],
    };

    [Fact]
    public void MinConfidence_IsTheLowestOverTheSpan()
    {
        var doc = Doc();
        Assert.Equal(41.5f, doc.MinConfidence(0, 10));
        Assert.Equal(88f, doc.MinConfidence(8, 10));
        Assert.Equal(41.5f, doc.MinConfidence(6, 6)); // an offset inside a word
        Assert.Null(doc.MinConfidence(4, 5));         // only the space
        Assert.Null(new SourceDocument { DocumentId = "t", SourcePath = "t.txt", Text = "plain" }.MinConfidence(0, 5));
    }

    [Fact]
    public void BoxOf_IsTheUnionOnTheFirstPage()
    {
        var doc = Doc();
        Assert.Equal((1, new BoundingBox(60, 10, 120, 32)), doc.BoxOf(5, 10));
        Assert.Equal((1, new BoundingBox(10, 12, 120, 60)), doc.BoxOf(9, 18)); // "mg", "x"; "daily" is on page 2
        Assert.Equal(2, doc.BoxOf(13, 18)!.Value.Page);
        Assert.Null(doc.BoxOf(10, 11));
    }

    [Fact]
    public void Locate_GivesTheEvidenceBox()
    {
        var doc = Doc();
        var analyzed = new Extractor.Language.AnalyzedDocument(doc, Extractor.Cleanup.IdentityCleaner.Instance.Clean(doc.Text));
        var loc = analyzed.Locate(5, 10);
        Assert.Equal("60,10,120,32", loc.EvidenceBox);
        Assert.Equal(1, loc.Page);
        Assert.Equal("", new Extractor.Language.AnalyzedDocument(doc with { Words = [] }, Extractor.Cleanup.IdentityCleaner.Instance.Clean(doc.Text)).Locate(5, 10).EvidenceBox);
    }

    [Fact]
    public void Hocr_IsXmlWithEveryWordLineAndPage()
    {
        var doc = Doc();
        var xml = XDocument.Parse(HocrWriter.Write(doc));
        XNamespace h = "http://www.w3.org/1999/xhtml";
        var spans = xml.Descendants(h + "span").ToList();
        var words = spans.Where(s => (string?)s.Attribute("class") == "ocrx_word").ToList();
        Assert.Equal(doc.Words.Select(w => w.Text), words.Select(w => w.Value));
        Assert.Contains("x_wconf 42", (string)words[1].Attribute("title")!);
        Assert.Contains("x_source 5 7", (string)words[1].Attribute("title")!);
        Assert.Equal(3, spans.Count(s => (string?)s.Attribute("class") == "ocr_line"));
        Assert.Equal(2, xml.Descendants(h + "div").Count(d => (string?)d.Attribute("class") == "ocr_page"));
    }

    [Fact]
    public void NaturalOrder_ComparesNumbersByValue()
    {
        string[] names = ["p10.png", "p2.png", "p1.png", "p02b.png", "a.png"];
        Assert.Equal(["a.png", "p1.png", "p2.png", "p02b.png", "p10.png"], names.Order(NaturalComparer.Instance));
    }
}
