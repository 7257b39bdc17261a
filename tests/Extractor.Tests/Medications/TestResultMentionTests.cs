namespace Extractor.Tests.Medications;

/// <summary>Drugs named in a test result are not medication mentions; drugs given in the same kind of sentence are.
/// Invented inputs.</summary>
public class TestResultMentionTests
{
    private static List<string> Drugs(string text) => MedicationExtractorTests.Extract(text).Select(r => r.Drug).ToList();

    [Fact]
    public void Susceptibility_results_are_not_medications()
    {
        Assert.Empty(Drugs("The Klebsiella isolate was resistant to ampicillin, cefazolin and ciprofloxacin and susceptible to meropenem and amikacin."));
        Assert.Empty(Drugs("The strain grew up to the daptomycin Etest strip."));
    }

    [Fact]
    public void A_drug_given_after_a_susceptibility_result_is_a_medication()
    {
        var drugs = Drugs("The MRSA isolate was susceptible to vancomycin, so she was treated with vancomycin 1 g every 12 hours.");
        Assert.Equal(["vancomycin"], drugs);
    }

    [Fact]
    public void Resistance_of_a_tumour_without_microbiology_stays_a_context_mention()
    {
        var r = Assert.Single(MedicationExtractorTests.Extract("The tumour was resistant to imatinib."));
        Assert.StartsWith("context", r.Note);
    }

    [Theory]
    [InlineData("The cyclosporine trough concentration was 180 ng/mL.")]
    [InlineData("His factor VIII activity was 2%.")]
    [InlineData("Staining for zinc, iron or copper deposition was negative.")]
    public void Measured_substances_are_not_medications(string text) => Assert.Empty(Drugs(text));

    [Fact]
    public void A_list_ending_in_levels_after_an_administration_verb_keeps_its_drugs()
    {
        Assert.Contains("furosemide", Drugs("She was given furosemide, and potassium levels were checked daily."));
    }
}
