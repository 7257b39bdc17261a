using Extractor.Extraction.AdverseEvents;
using Extractor.Tests.Support;

namespace Extractor.Tests.AdverseEvents;

public class AdverseEventExtractorTests
{
    private static List<Extraction.AdverseEvent> Run(string text) => FactsHarness.Run(text, AdverseEventExtractor.Instance).AdverseEvents;

    [Theory]
    [InlineData("After four cycles she developed grade 3 neutropenia.", "neutropenia", "3", false)]
    [InlineData("Grade III diarrhea occurred after the second course of chemotherapy.", "diarrhea", "3", false)]
    [InlineData("The patient experienced CTCAE grade 2 palmar-plantar erythrodysesthesia.", "hand-foot syndrome", "2", false)]
    [InlineData("No grade 3 or 4 treatment-related toxicities occurred.", "drug-related adverse events", "3-4", true)]
    [InlineData("Nausea (grade 1) was managed with antiemetics during treatment.", "nausea", "1", false)]
    [InlineData("She had no diarrhea or mucositis during the treatment.", "diarrhea", "", true)]
    public void Finds_event_grade_and_negation(string text, string ev, string grade, bool negated)
    {
        var row = Assert.Single(Run(text), r => r.Event == ev);
        Assert.Equal(grade, row.Grade);
        Assert.Equal(negated, row.Negated);
        Assert.Equal(text[row.Start..row.End], row.EventText);
    }

    [Fact]
    public void A_presenting_symptom_is_not_an_adverse_event()
    {
        Assert.Empty(Run("A 52-year-old man presented with fever and cough."));
    }

    [Fact]
    public void Attribution_marks_drug_related()
    {
        var row = Assert.Single(Run("Gemcitabine-induced pneumonitis was diagnosed."));
        Assert.Equal("pneumonitis", row.Event);
        Assert.True(row.DrugRelated);
        var plain = Assert.Single(Run("Grade 1 rash appeared on the trunk."));
        Assert.False(plain.DrugRelated);
    }

    [Fact]
    public void A_hypothetical_event_is_not_reported()
    {
        Assert.Empty(Run("Patients on this regimen should be monitored for neutropenia."));
    }

    [Fact]
    public void Post_trigger_reaches_only_its_own_clause()
    {
        var rows = Run("Grade 1 nausea was treated with ondansetron and the alopecia was not observed.");
        Assert.False(rows.Single(r => r.Event == "nausea").Negated);
        Assert.True(rows.Single(r => r.Event == "alopecia").Negated);
    }

    [Fact]
    public void Events_in_the_title_and_the_reference_list_are_no_patient_events()
    {
        const string text = "NEUTROPENIA DURING DOCETAXEL: A CASE\n\nA 60-year-old man developed grade 3 neutropenia on docetaxel.\n\n" +
                            "References\n1. Brown K, Lee T. Febrile neutropenia after taxanes. Oncol Rep. 2011;12(3):45-9.\n";
        var rows = Run(text);
        var row = Assert.Single(rows);
        Assert.Equal("3", row.Grade);
        Assert.True(row.Start > text.IndexOf("A 60", StringComparison.Ordinal));
    }

    [Fact]
    public void A_numbered_reference_without_heading_is_no_patient_event()
    {
        var rows = Run("She had grade 2 rash.\n[7] Chan W, Ito M. Grade 3 diarrhea with irinotecan. J Clin Oncol 2004;22(5):101-8.");
        Assert.Single(rows);
    }
}
