using Extractor.Extraction.Bibliography;
using Extractor.Tests.Support;

namespace Extractor.Tests.Biblio;

public class BibliographyExtractorTests
{
    [Theory]
    [InlineData("(Rinsho Ketsueki 48 : 210-214, 2007)", "Rinsho Ketsueki", "48", "210", "214", "2007")]
    [InlineData("J Urol. 2009;181:123-9", "J Urol", "181", "123", "129", "2009")]
    [InlineData("Int J Urol 16: 45–50, 2009", "Int J Urol", "16", "45", "50", "2009")]
    [InlineData("BMC Cancer. 2015 Mar 3;15(1):1021-1028.", "BMC Cancer", "15", "1021", "1028", "2015")]
    public void Reads_citation_forms(string line, string journal, string volume, string first, string last, string year)
    {
        var c = BibliographyExtractor.FindCitation(line, line.Length);
        Assert.NotNull(c);
        Assert.Equal((journal, volume, first, last, year), (c!.Value.Journal, c.Value.Volume, c.Value.FirstPage, c.Value.LastPage, c.Value.Year));
    }

    [Fact]
    public void A_reference_list_entry_is_not_the_documents_citation()
    {
        const string text = "Case report text.\n\nReferences\n1. Smith J. Title. N Engl J Med. 2007;356:125-34.\n";
        var sink = FactsHarness.Run(text, BibliographyExtractor.Instance);
        Assert.Equal("", sink.Info.Journal);
        const string numbered = "Case report text.\n1. Smith J. Title. N Engl J Med. 2007;356:125-34.\n";
        Assert.Null(BibliographyExtractor.FindCitation(numbered, numbered.Length));
    }

    [Fact]
    public void Title_is_the_capital_heading_lines_joined()
    {
        var (title, _, _) = BibliographyExtractor.FindTitle("SEVERE HYPONATREMIA AFTER\nDESMOPRESSIN: A CASE REPORT\nA 70-year-old man was admitted.");
        Assert.Equal("SEVERE HYPONATREMIA AFTER DESMOPRESSIN: A CASE REPORT", title);
        var (plain, _, _) = BibliographyExtractor.FindTitle("Late relapse of Wilms tumour in an adult\n\nA 34-year-old woman presented.");
        Assert.Equal("Late relapse of Wilms tumour in an adult", plain);
    }
}
