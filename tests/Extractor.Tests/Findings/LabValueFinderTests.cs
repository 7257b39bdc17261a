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
    [InlineData("mmel/l", "mmol/L")]      // o read as e
    [InlineData("ymoV/L", "µmol/L")]      // µ read as y, l as V
    [InlineData("~g/mL", "µg/mL")]        // µ read as ~
    [InlineData("pe/mL", "pg/mL")]        // g read as e
    public void Normalizes_units_read_through_ocr(string raw, string unit) => Assert.Equal(unit, LabValueFinder.NormalizeUnit(raw));

    [Theory]
    [InlineData("Coronary angiography showed 80% narrowing of the circumflex artery.", "80", "%")]   // a percentage needs no name
    [InlineData("Factor VIII activity was 4% on day two.", "4", "%")]                             // head noun "activity"
    [InlineData("The base excess was -6.2 mmol/L.", "-6.2", "mmol/L")]                             // a negative value keeps its sign
    [InlineData("Thyroglobulin rose to 3.4 ng per milliliter.", "3.4", "ng/mL")]                    // unit written out
    [InlineData("The peak drug level reached 850 nM in plasma.", "850", "nM")]                       // molar units
    [InlineData("The E/A ratio was less than 1 on echocardiography.", "1", "")]                     // "less than" between name and value
    public void Reads_values_of_general_forms(string text, string value, string unit)
    {
        var f = Find(text).First();
        Assert.Equal((value, unit), (f.Value, f.Unit));
    }

    [Theory]
    [InlineData("Tissue was fixed in 4% formaldehyde.")]                  // a solution
    [InlineData("Such tumours recur in 25% of patients.")]                // a population
    [InlineData("The dose was reduced by 20% after the first cycle.")]    // a dose change
    [InlineData("Creatinine was checked again at 6 weeks.")]               // a time point after a name
    [InlineData("Cytokeratin CK 5/6 was positive.")]                      // a fraction that is a name
    [InlineData("The meeting started at 1:30 p.m.")]                      // a clock time is no titer
    public void Ignores_percentages_and_fractions_that_are_no_measurements(string text) => Assert.Empty(Find(text));

    [Theory]
    [InlineData("Her blood pressure was 132/84 on arrival.", "blood pressure", "132/84")]
    [InlineData("A grade 3/6 systolic murmur was heard at the apex.", "murmur grade", "3/6")]
    [InlineData("Power was 4/5 in both legs.", "muscle strength", "4/5")]
    [InlineData("Visual acuity was 20/40 in the left eye.", "visual acuity", "20/40")]
    [InlineData("Corrected vision was 6/12 N8 on the right.", "visual acuity", "6/12 N8")]
    [InlineData("Antinuclear antibodies were positive at 1:320.", "titer", "1:320")]
    public void Reads_fractions_with_their_cue(string text, string name, string value)
    {
        var f = Assert.Single(Find(text));
        Assert.Equal((name, value), (f.Name, f.Value));
    }

    [Fact]
    public void A_converted_value_in_brackets_is_no_reference_range()
    {
        var facts = Find("Temperature was 101.3°F (38.5°C) on admission.");
        Assert.Equal(["101.3", "38.5"], facts.Select(f => f.Value));
        Assert.Equal(["°F", "°C"], facts.Select(f => f.Unit));
    }

    [Fact]
    public void A_list_gives_the_name_of_its_first_value_to_the_others()
    {
        var facts = Find("The Apgar scores were 7 and 9.");
        Assert.Equal(["7", "9"], facts.Select(f => f.Value));
        Assert.All(facts, f => Assert.Equal("Apgar score", f.Name));
    }

    [Theory]
    [InlineData("She reported a 6 kg weight loss since spring.", "6", "kg")]
    [InlineData("He had lost 4.5 kg over two months.", "4.5", "kg")]
    [InlineData("She noted weight loss (12 pounds) over the winter.", "12", "lb")]
    public void Reads_weight_changes(string text, string value, string unit)
    {
        var f = Assert.Single(Find(text));
        Assert.Equal(("weight change", value, unit), (f.Name, f.Value, f.Unit));
    }
}

public class StructureMeasurementTests
{
    private static List<FoundFact> Find(string text) => LabValueFinder.Instance.Find(FactsHarness.Analyze(text)).ToList();

    [Theory]
    [InlineData("Echocardiography showed a dilated left atrium of 48,5 mm and a small pericardial effusion.", "left atrium", "48,5", "mm", "48,5 mm")]
    [InlineData("The inferior vena cava (24 mm) did not collapse.", "inferior vena cava", "24", "mm", "24 mm")]
    [InlineData("Doppler gave a mitral valve area of 1.1 cm2.", "aortic valve area", "1.1", "cm2", "1.1 cm2")]
    [InlineData("At 2 years her head circumference was 51 cm.", "head circumference", "51", "cm", "51 cm")]
    [InlineData("The six-minute walk test was 410 m before treatment.", "six-minute walk distance", "410", "m", "410 m")]
    [InlineData("Hearing thresholds were elevated (75 dB) on the left.", "", "75", "dB", "75 dB")]
    [InlineData("The liver lesion was hypodense (28 HU) on CT.", "", "28", "HU", "28 HU")]
    [InlineData("The ejection fraction was estimated at 25 to 30 percent.", "ejection fraction", "25-30", "%", "25 to 30 percent")]
    [InlineData("The cardiac dimension (end-diastole: 71 mm) was increased.", "cardiac dimension", "71", "mm", "71 mm")]
    public void Sizes_of_measured_structures_are_values(string text, string name, string value, string unit, string span)
    {
        var f = Find(text).Single();
        Assert.Equal(name, f.Name);
        Assert.Equal(value, f.Value);
        Assert.Equal(unit, f.Unit);
        Assert.Equal(span, text[f.Start..f.End]);
    }

    [Theory]
    [InlineData("The left atrium was normal 3 days later.")]                       // a structure names only sizes
    [InlineData("A covered stent (diameter 10 mm) was placed in the duct.")]      // a device, not the patient
    [InlineData("The right ventricle was enlarged; 12 mm nodules were seen.")]    // a clause with another noun
    public void Structures_and_devices_without_a_size_give_nothing(string text) => Assert.Empty(Find(text));

    [Fact]
    public void Two_sizes_of_one_structure_are_one_value()
    {
        var f = Find("The left ventricle diameters were 58/40 mm at discharge.").Single();
        Assert.Equal(("58/40", "mm"), (f.Value, f.Unit));
    }

    [Theory]
    [InlineData("Slit lamp showed 3+ cells in the anterior chamber.", "cells", "3+", "3+")]
    [InlineData("There was +1 pitting oedema of the ankles.", "pitting oedema", "1+", "+1")]
    [InlineData("Auscultation found a grade 4 systolic ejection murmur.", "systolic ejection murmur grade", "4", "grade 4")]
    [InlineData("Color Doppler showed 3rd degree tricuspid regurgitation.", "tricuspid regurgitation grade", "3", "3rd degree")]
    [InlineData("Her weight was below the 3rd percentile.", "percentile", "3rd", "3rd percentile")]
    public void Graded_signs_and_percentiles_are_values(string text, string name, string value, string span) =>
        AssertSingleValue(text, name, value, span);

    [Theory]
    [InlineData("A Gleason score of 4+3 was found.")]
    [InlineData("Grade 2 hypertension occurred on day 10.")]
    [InlineData("The CD3+ T cells were reduced.")]
    public void Sums_toxicity_grades_and_markers_are_no_graded_signs(string text) =>
        Assert.DoesNotContain(Find(text), f => f.Value.EndsWith('+') || f.Name.EndsWith(" grade"));

    [Theory]
    [InlineData("Overnight her systolic pressures were in the 80s despite fluids.", "systolic", "80s", "80s")]
    [InlineData("He became febrile with tachycardia to the 130s.", "tachycardia", "130s", "130s")]
    [InlineData("Margins were clear and 2 of 17 lymph nodes were involved.", "positive lymph nodes", "2/17", "2 of 17")]
    [InlineData("The international normalized ratio [INR] was between 2.0 and 3.0 on warfarin.", "international normalized ratio", "2.0-3.0", "2.0 and 3.0")]
    public void Decades_node_ratios_and_between_ranges_are_values(string text, string name, string value, string span) =>
        AssertSingleValue(text, name, value, span);

    // The text holds exactly one value: its name, value and the span it was read from.
    private static void AssertSingleValue(string text, string name, string value, string span)
    {
        var f = Find(text).Single();
        Assert.Equal((name, value), (f.Name, f.Value));
        Assert.Equal(span, text[f.Start..f.End]);
    }

    [Theory]
    [InlineData("Symptoms began in the 1990s and worsened in the 80s.")]          // no vital sign named before
    [InlineData("The bleeding severity score [12] is widely used.")]              // a bracketed number is a citation
    [InlineData("Serum lead levels were checked after 6 and 18 months.")]        // times in a list, not values
    public void Decades_without_a_vital_sign_and_citations_are_no_values(string text) => Assert.Empty(Find(text));
}
