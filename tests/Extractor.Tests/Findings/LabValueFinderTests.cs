using Extractor.Extraction.Findings;
using Extractor.Tests.Support;

namespace Extractor.Tests.Findings;

public class LabValueFinderTests
{
    private static List<FoundFact> Find(string text) => LabValueFinder.Instance.Find(FactsHarness.Analyze(text)).ToList();

    [Theory]
    [InlineData("Serum creatinine was 1.2 mg/dL (0.6-1.1).", "creatinine", "1.2", "mg/dL", "reference 0.6-1.1", "1.2 mg/dL")]
    [InlineData("Her platelet count was 52 × 10^9/L on admission.", "platelet count", "52", "× 10^9/L", "", "52 × 10^9/L")]
    [InlineData("The platelet count fell to 38 x 109/L.", "platelet count", "38", "× 10^9/L", "", "38 x 109/L")]
    [InlineData("Blood urea nitrogen 45 mg/di and potassium 5.9 mEq/l.", "blood urea nitrogen", "45", "mg/dL", "", "45 mg/di")]
    [InlineData("CRP, 12.4 mg/L; procalcitonin <0.05 ng/mL.", "C-reactive protein", "12.4", "mg/L", "", "12.4 mg/L")]
    [InlineData("An arterial blood gas showed pH 7.21.", "pH", "7.21", "", "", "7.21")]
    [InlineData("Oxygen saturation was 88% on room air.", "oxygen saturation", "88", "%", "", "88%")]
    [InlineData("Body temperature 38.9°C, blood pressure 92/54 mmHg.", "body temperature", "38.9", "°C", "", "38.9°C")]
    public void Reads_name_value_unit_and_reference(string text, string name, string value, string unit, string qualifier, string span)
    {
        var f = Find(text).First();
        Assert.Equal(name, f.Name);
        Assert.Equal(value, f.Value);
        Assert.Equal(unit, f.Unit);
        Assert.Equal(qualifier, f.Qualifier);
        Assert.Equal(span, text[f.Start..f.End]);
    }

    [Fact]
    public void Reads_every_value_of_a_list()
    {
        var facts = Find("Laboratory tests: WBC 12,300/µL, Hb 10.1 g/dl, AST 88 U/L and ALT 102 IU/L.");
        Assert.Equal(["white blood cell count", "hemoglobin", "aspartate aminotransferase", "alanine aminotransferase"], facts.Select(f => f.Name));
        Assert.Equal(["12,300", "10.1", "88", "102"], facts.Select(f => f.Value));
        Assert.Equal(["/µL", "g/dL", "U/L", "IU/L"], facts.Select(f => f.Unit));
    }

    [Fact]
    public void Blood_pressure_keeps_both_numbers()
    {
        var f = Assert.Single(Find("On arrival his blood pressure was 150/95 mmHg."));
        Assert.Equal(("blood pressure", "150/95", "mmHg"), (f.Name, f.Value, f.Unit));
    }

    [Theory]
    [InlineData("She received cisplatin 75 mg/m2 and 5-FU 1000 mg.")]        // doses are no lab values
    [InlineData("The response rate was 35% in the trial.")]                  // a percentage without a test name
    [InlineData("In 2015, 12 patients were treated.")]
    public void Ignores_numbers_that_are_no_lab_values(string text) => Assert.Empty(Find(text));

    [Theory]
    [InlineData("mg/di", "mg/dL")]
    [InlineData("g/dI", "g/dL")]
    [InlineData("mmol/1", "mmol/L")]
    [InlineData("umol/l", "µmol/L")]
    [InlineData("mcg/mL", "µg/mL")]
    [InlineData("beats per minute", "bpm")]
    public void Normalizes_units_read_through_ocr(string raw, string unit) => Assert.Equal(unit, LabValueFinder.NormalizeUnit(raw));
}
