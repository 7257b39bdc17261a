using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Extraction;
using Extractor.Extraction.Medications;
using Extractor.Language;

namespace Extractor.Tests.Medications;

public class MedicationExtractorTests
{
    internal static List<Medication> Extract(string text)
    {
        var source = new SourceDocument { DocumentId = "t", SourcePath = "t.txt", Text = text };
        var doc = new AnalyzedDocument(source, IdentityCleaner.Instance.Clean(text));
        var sink = new ExtractionSink();
        MedicationExtractor.Instance.Extract(doc, sink);
        return sink.Medications;
    }

    [Fact]
    public void Reads_drug_dose_frequency_and_route()
    {
        var rows = Extract("He was treated with oral prednisolone 30 mg once daily.");
        var r = Assert.Single(rows);
        Assert.Equal("prednisolone", r.Drug);
        Assert.Equal("30", r.DoseValue);
        Assert.Equal("mg", r.DoseUnit);
        Assert.Equal("1/d", r.Frequency);
        Assert.Equal("7", r.DosesPerWeek);
        Assert.Equal("oral", r.Route);
        Assert.Equal("1", r.RegimenId);
    }
}

public class MedicationMechanismTests
{
    private static List<Medication> Extract(string text) => MedicationExtractorTests.Extract(text);

    [Theory]
    [InlineData("Heparin was not given because of thrombocytopenia.", "heparin")]
    [InlineData("No anticoagulants were prescribed.", "anticoagulant")]
    [InlineData("She was discharged without antibiotics.", "antibiotic")]
    [InlineData("Metformin was withheld before the scan.", "metformin")]
    [InlineData("Low-dose aspirin was not resumed.", "aspirin")]
    public void Negated_mentions(string text, string drug)
    {
        var r = Assert.Single(Extract(text), m => m.Drug == drug);
        Assert.True(r.Negated);
        Assert.Equal("", r.RegimenId);
    }

    [Theory]
    [InlineData("There was no response to gemcitabine.", "gemcitabine")]
    [InlineData("Vancomycin was given and not stopped.", "vancomycin")]
    public void Negation_does_not_cross_its_scope(string text, string drug)
        => Assert.False(Assert.Single(Extract(text), m => m.Drug == drug).Negated);

    [Fact]
    public void Drugs_given_together_share_a_regimen_and_context_mentions_get_none()
    {
        var rows = Extract("The tumour was cisplatin-refractory. She then received docetaxel 75 mg/m2 and carboplatin every 3 weeks. Later, capecitabine was started.");
        Assert.Equal(["cisplatin", "docetaxel", "carboplatin", "capecitabine"], rows.Select(r => r.Drug));
        Assert.Equal("", rows[0].RegimenId);
        Assert.StartsWith("context", rows[0].Note);
        Assert.Equal("1", rows[1].RegimenId);
        Assert.Equal("1", rows[2].RegimenId);
        Assert.Equal("1/3wk", rows[2].Frequency);
        Assert.Equal("2", rows[3].RegimenId);
    }

    [Fact]
    public void Same_dose_anaphora_copies_the_earlier_dose_and_says_so()
    {
        var rows = Extract("He received rituximab 375 mg/m2 weekly. After relapse, rituximab was restarted at the same dose.");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("375", "mg/m2", "1/wk"), (rows[1].DoseValue, rows[1].DoseUnit, rows[1].Frequency));
        Assert.Contains("copied from m1", rows[1].Note);
        Assert.True(rows[1].DoseStart > rows[1].End);
    }

    [Fact]
    public void A_dose_before_the_name_and_a_dose_change_after_it()
    {
        var rows = Extract("She took 600 mg of oral gabapentin three times daily, later reduced to 300 mg twice daily.");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("600", "mg", "3/d", "oral"), (rows[0].DoseValue, rows[0].DoseUnit, rows[0].Frequency, rows[0].Route));
        Assert.Equal(("300", "2/d", "reduced"), (rows[1].DoseValue, rows[1].Frequency, rows[1].DoseChange));
    }

    [Fact]
    public void A_loose_dose_belongs_to_the_last_drug_named_but_a_measurement_does_not()
    {
        var rows = Extract("Tacrolimus was started. The target was reached with 2 mg twice daily. Urinary protein excretion was 1.2 g/day.");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("tacrolimus", r.Drug));
        Assert.Equal(("2", "mg", "2/d"), (rows[1].DoseValue, rows[1].DoseUnit, rows[1].Frequency));
    }

    [Theory]
    [InlineData("Her serum digoxin was 2.4 ng/mL.")]
    [InlineData("Vitamin D levels were low.")]
    [InlineData("Insulin resistance was present.")]
    public void Laboratory_uses_of_drug_names_are_not_rows(string text) => Assert.Empty(Extract(text));

    [Fact]
    public void Class_mentions_and_relative_doses()
    {
        var rows = Extract("He was treated with broad-spectrum antibiotics and high-dose corticosteroids.");
        Assert.Equal(["antibiotic", "corticosteroid"], rows.Select(r => r.Drug));
        Assert.Equal("high", rows[1].RelativeDose);
        Assert.True(rows[1].DoseStart >= 0, "the relative dose phrase is the dose span");
    }

    [Fact]
    public void Every_row_has_provenance()
    {
        const string text = "Started on enoxaparin 40 mg s.c. once daily\nfor 10 days.";
        var r = Assert.Single(Extract(text));
        Assert.Equal("enoxaparin", text[r.SourceStart..r.SourceEnd]);
        Assert.Equal("40 mg s.c. once daily", text[r.DoseSourceStart..r.DoseSourceEnd]);
        Assert.Equal(("subcutaneous", "10 days", 1), (r.Route, r.Duration, r.Page));
        Assert.False(string.IsNullOrEmpty(r.Evidence));
    }
}

public class AbbreviationAndAnalyteTests
{
    [Fact]
    public void An_abbreviation_defined_as_a_procedure_is_no_drug()
    {
        var rows = MedicationExtractorTests.Extract("An endomyocardial biopsy (EMB) was performed. The EMB showed myocarditis, and prednisone 40 mg daily was started.");
        Assert.Equal(["prednisone"], rows.Select(r => r.Drug));
    }

    [Fact]
    public void A_drug_abbreviation_defined_after_the_drug_stays_a_drug()
    {
        var rows = MedicationExtractorTests.Extract("She received isoniazid and ethambutol (EMB). EMB was stopped after 2 months.");
        Assert.Equal(2, rows.Count(r => r.Drug == "ethambutol" && r.DrugText == "EMB"));
    }

    [Fact]
    public void A_drug_class_measured_in_plasma_is_an_analyte()
    {
        var rows = MedicationExtractorTests.Extract("Her plasma catecholamines were elevated; vasopressors were started later.");
        Assert.Equal(["vasopressors"], rows.Select(r => r.DrugText));
    }
}
