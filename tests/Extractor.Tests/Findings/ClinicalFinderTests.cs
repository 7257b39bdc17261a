using Extractor.Extraction.Findings;
using Extractor.Tests.Support;

namespace Extractor.Tests.Findings;

public class ClinicalFinderTests
{
    private static List<FoundFact> Find(string text) => ClinicalFinder.Find(FactsHarness.Analyze(text)).ToList();

    [Theory]
    [InlineData("Her ECOG performance status was 2.", "ECOG", "2")]
    [InlineData("ECOG PS 1 at baseline.", "ECOG", "1")]
    [InlineData("Karnofsky performance status of 70%.", "Karnofsky", "70")]
    [InlineData("KPS 90 on admission.", "Karnofsky", "90")]
    public void Reads_performance_status(string text, string scale, string value)
    {
        var f = Find(text).Single(x => x.Field == "performance_status");
        Assert.Equal((scale, value), (f.Name, f.Value));
    }

    [Theory]
    [InlineData("According to the IMDC criteria he was in the poor-risk group.", "IMDC", "poor")]
    [InlineData("The Heng model classified her as intermediate risk.", "IMDC", "intermediate")]
    [InlineData("Liver function was Child-Pugh class B.", "Child-Pugh", "b")]
    public void Reads_risk_groups(string text, string model, string value)
    {
        var f = Find(text).Single(x => x.Field == "risk_group");
        Assert.Equal((model, value), (f.Name, f.Value));
    }

    [Fact]
    public void Reads_histology_and_grade_only_in_pathology_sentences()
    {
        var facts = Find("Adenocarcinoma is common. Biopsy revealed poorly differentiated adenocarcinoma, Gleason score 4+5=9.");
        var histology = Assert.Single(facts, f => f.Field == "histology");
        Assert.True(histology.Start > 30);
        var grade = Assert.Single(facts, f => f.Field == "grade");
        Assert.Equal(("Gleason", "4+5=9"), (grade.Name, grade.Value));
    }

    [Fact]
    public void A_toxicity_grade_is_not_a_tumour_grade()
    {
        Assert.DoesNotContain(Find("Pathology was reviewed after grade 3 diarrhea developed."), f => f.Field == "grade");
        var g = Assert.Single(Find("Histology showed Fuhrman grade III clear cell RCC."), f => f.Field == "grade");
        Assert.Equal(("Fuhrman", "3"), (g.Name, g.Value));
    }

    [Theory]
    [InlineData("CT showed a 4.5 x 3.2 cm mass in the pancreatic head.", "4.5x3.2", "cm")]
    [InlineData("A nodule measuring 8 mm was found.", "8", "mm")]
    public void Reads_tumour_sizes(string text, string value, string unit)
    {
        var f = Find(text).Single(x => x.Field == "tumor_size");
        Assert.Equal((value, unit), (f.Value, f.Unit));
    }

    [Fact]
    public void Reads_presenting_symptoms_with_negation()
    {
        var facts = Find("He presented with dyspnea and hemoptysis but denied chest pain.").Where(f => f.Field == "symptom").ToList();
        Assert.Equal(["dyspnea", "hemoptysis", "chest pain"], facts.Select(f => f.Value));
        Assert.Equal([false, false, true], facts.Select(f => f.Negated));
    }

    [Theory]
    [InlineData("She underwent laparoscopic right hemicolectomy.", "laparoscopic hemicolectomy", "right")]
    [InlineData("A total thyroidectomy was performed in 2012.", "total thyroidectomy", "")]
    [InlineData("He was treated by transurethral resection.", "transurethral resection", "")]
    public void Reads_procedures_with_modifiers_and_side(string text, string value, string side)
    {
        var f = Find(text).Single(x => x.Field == "procedure");
        Assert.Equal((value, side), (f.Value, f.Qualifier));
    }
}
