using Extractor.Extraction;
using Extractor.Extraction.Outcomes;
using Extractor.Tests.Support;

namespace Extractor.Tests.TextOutcomes;

public class TextOutcomeExtractorTests
{
    private static List<Outcome> Run(string text) => FactsHarness.Run(text, TextOutcomeExtractor.Instance).Outcomes;

    [Theory]
    [InlineData("The patient achieved a partial response after four cycles.", "PR", "", "")]
    [InlineData("Median progression-free survival was 7.4 months.", "PFS", "7.4", "months")]
    [InlineData("The objective response rate was 42% in that cohort.", "ORR", "42", "%")]
    [InlineData("She has had stable disease for eight months.", "SD", "8", "months")]
    [InlineData("Complete remission lasted 2 years.", "CR", "24", "months")]          // years -> months
    [InlineData("She had stable disease for 26 weeks.", "SD", "6", "months")]   // weeks -> months
    public void Reads_measure_value_and_unit(string text, string measure, string value, string unit)
    {
        var o = Assert.Single(Run(text));
        Assert.Equal(("text", measure, value, unit), (o.Source, o.Measure, o.Value, o.Unit));
    }

    [Fact]
    public void A_converted_time_keeps_the_written_value_in_the_qualifier()
    {
        var o = Assert.Single(Run("Complete remission lasted 3 years."));
        Assert.Equal(("36", "months", "written 3 years"), (o.Value, o.Unit, o.Qualifier));
    }

    [Fact]
    public void Progression_told_as_a_verb_is_PD_with_the_lesions_as_qualifier()
    {
        var o = Assert.Single(Run("After two months the lung metastases markedly enlarged."));
        Assert.Equal(("PD", "lung metastases"), (o.Measure, o.Qualifier));
    }

    [Theory]
    [InlineData("There was no disease progression during follow-up.")]     // negated
    [InlineData("PR and ER status were assessed by immunohistochemistry.")] // PR = progesterone receptor
    [InlineData("The response rate of this regimen is unknown.")]          // a rate without a number
    public void Skips_what_is_no_outcome(string text) => Assert.Empty(Run(text));

    [Fact]
    public void The_arm_is_the_regimen_given_at_that_point()
    {
        const string text = "She received gemcitabine. The tumor progressed. Then nivolumab was started. She achieved a complete response.";
        var doc = FactsHarness.Analyze(text);
        var sink = new ExtractionSink();
        sink.Medications.Add(new Medication { RegimenId = "1", Drug = "gemcitabine", Start = text.IndexOf("gemcitabine"), End = text.IndexOf("gemcitabine") + 11 });
        sink.Medications.Add(new Medication { RegimenId = "2", Drug = "nivolumab", Start = text.IndexOf("nivolumab"), End = text.IndexOf("nivolumab") + 9 });
        TextOutcomeExtractor.Instance.Extract(doc, sink);
        Assert.Equal([("PD", "gemcitabine"), ("CR", "nivolumab")], sink.Outcomes.Select(o => (o.Measure, o.Arm)));
    }
}
