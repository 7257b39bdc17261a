using Extractor.Extraction.Doses;

namespace Extractor.Tests.Medications;

public class DoseParserTests
{
    [Theory]
    [InlineData("10 mg", "10", "mg")]
    [InlineData("2,5 mg", "2.5", "mg")]
    [InlineData("1,000 mg", "1000", "mg")]
    [InlineData("1 g", "1", "g")]
    [InlineData("250 mcg", "250", "ug")]
    [InlineData("75 µg", "75", "ug")]
    [InlineData("75 μg", "75", "ug")]
    [InlineData("0.5 ug/kg", "0.5", "ug/kg")]
    [InlineData("5 mg/kg", "5", "mg/kg")]
    [InlineData("60 mg/m2", "60", "mg/m2")]
    [InlineData("60 mg/m²", "60", "mg/m2")]
    [InlineData("2 g/kg", "2", "g/kg")]
    [InlineData("3 million IU", "3", "MIU")]
    [InlineData("6 million units", "6", "MIU")]
    [InlineData("18 MIU", "18", "MIU")]
    [InlineData("9 MU", "9", "MIU")]
    [InlineData("4 M1U", "4", "MIU")]
    [InlineData("5000 units", "5000", "U")]
    [InlineData("40 IU", "40", "IU")]
    [InlineData("80 U/kg", "80", "U/kg")]
    [InlineData("20 mL", "20", "mL")]
    [InlineData("80-160 mg", "80-160", "mg")]
    [InlineData("2 tablets", "2", "tablet")]
    public void Reads_amount_and_canonical_unit(string input, string value, string unit)
    {
        var d = DoseParser.Parse(input);
        Assert.NotNull(d);
        Assert.Equal(value, d.Value);
        Assert.Equal(unit, d.Unit);
        Assert.Equal(0, d.AmountStart);
    }

    [Theory]
    [InlineData("Hb 7.4 g/dl")]
    [InlineData("creatinine 1.3 mg/dL")]
    [InlineData("ALT 85 U/L")]
    [InlineData("ferritin 20 ng/mL")]
    [InlineData("clearance of 35 mL/min")]
    [InlineData("a tumour 12 cm wide")]
    [InlineData("stage pT2 disease")]
    public void Concentrations_and_measures_are_not_doses(string input) => Assert.Null(DoseParser.Parse(input));

    [Theory]
    [InlineData("20 mg once daily", "1/d", "7")]
    [InlineData("20 mg daily", "1/d", "7")]
    [InlineData("20 mg q.d.", "1/d", "7")]
    [InlineData("600 mg/D", "1/d", "7")]
    [InlineData("600 mg per day", "1/d", "7")]
    [InlineData("500 mg twice daily", "2/d", "14")]
    [InlineData("500 mg b.i.d.", "2/d", "14")]
    [InlineData("500 mg bid", "2/d", "14")]
    [InlineData("500 mg BID", "2/d", "14")]
    [InlineData("500 mg t.i.d.", "3/d", "21")]
    [InlineData("1 g every 8 hours", "3/d", "21")]
    [InlineData("1 g q6h", "4/d", "28")]
    [InlineData("3 MIU three times a week", "3/wk", "3")]
    [InlineData("3 MIU tiw", "3/wk", "3")]
    [InlineData("6 MIU ×3/W", "3/wk", "3")]
    [InlineData("6 MIU x3/w", "3/wk", "3")]
    [InlineData("6 MIU 2-3 times per week", "2-3/wk", "2-3")]
    [InlineData("80 mg/m2 weekly", "1/wk", "1")]
    [InlineData("175 mg/m2 every 3 weeks", "1/3wk", "0.333")]
    [InlineData("3 mg/kg q2w", "1/2wk", "0.5")]
    [InlineData("3 mg/kg q14 days", "1/14d", "0.5")]
    [InlineData("4 mg every other day", "1/2d", "3.5")]
    [InlineData("6000 units every 3 days", "1/3d", "2.333")]
    [InlineData("10 mg/kg every 4 to 6 weeks", "1/4-6wk", "0.167-0.25")]
    [InlineData("3 × 250 mg/day", "3/d", "21")]
    [InlineData("2 puffs as needed", "prn", "")]
    public void Reads_frequency_and_doses_per_week(string input, string frequency, string perWeek)
    {
        var d = DoseParser.Parse(input);
        Assert.NotNull(d);
        Assert.Equal(frequency, d.Frequency);
        Assert.Equal(perWeek, d.DosesPerWeek);
    }

    [Theory]
    [InlineData("1 g i.v. daily", "intravenous")]
    [InlineData("1 g IV daily", "intravenous")]
    [InlineData("1 g intravenously", "intravenous")]
    [InlineData("10 mg p.o. daily", "oral")]
    [InlineData("10 mg orally", "oral")]
    [InlineData("40 mg s.c.", "subcutaneous")]
    [InlineData("40 mg subcutaneously once weekly", "subcutaneous")]
    [InlineData("1 g i.m.", "intramuscular")]
    [InlineData("2 mg intravitreal", "intravitreal")]
    [InlineData("12 mg intrathecally", "intrathecal")]
    [InlineData("200 ug inhaled twice daily", "inhaled")]
    public void Reads_route(string input, string route) => Assert.Equal(route, DoseParser.Parse(input)?.Route);

    [Fact]
    public void Stage_IV_is_not_a_route() => Assert.Null(DoseParser.ParseRoute("diagnosed with stage IV disease"));

    [Theory]
    [InlineData("100 mg daily for 6 weeks", "6 weeks")]
    [InlineData("100 mg daily for a total of 14 days", "14 days")]
    [InlineData("75 mg/m2 for six cycles", "six cycles")]
    [InlineData("1 g × 5 days", "5 days")]
    public void Reads_duration(string input, string duration) => Assert.Equal(duration, DoseParser.Parse(input)?.Duration);

    [Fact]
    public void A_dose_change_is_marked()
    {
        var all = DoseParser.ParseAll("started at 800 mg daily and later reduced to 400 mg once daily");
        Assert.Equal(2, all.Count);
        Assert.Equal("", all[0].Change);
        Assert.Equal("reduced", all[1].Change);
        Assert.Equal("400", all[1].Value);
        Assert.Equal("1/d", all[1].Frequency);
    }

    [Fact]
    public void Dose_span_covers_amount_through_frequency()
    {
        const string text = "took 60 mg twice daily after meals";
        var d = DoseParser.Parse(text)!;
        Assert.Equal("60 mg twice daily", text[d.Start..d.End]);
    }

    [Fact]
    public void Offsets_refer_to_the_given_text_range()
    {
        const string text = "Cells: Nivo 1 mg/kg + Ipi 3 mg/kg q3w";
        var all = DoseParser.ParseAll(text, 7, text.Length);
        Assert.Equal(2, all.Count);
        Assert.Equal("1 mg/kg", text[all[0].AmountStart..all[0].AmountEnd]);
        Assert.Equal("1/3wk", all[1].Frequency);
    }

    [Theory]
    [InlineData("a half-dose regimen", "half")]
    [InlineData("at half the dose", "half")]
    [InlineData("low-dose aspirin", "low")]
    [InlineData("high doses of steroids", "high")]
    [InlineData("full dose", "full")]
    [InlineData("a reduced dose", "reduced")]
    public void Reads_relative_dose(string input, string value) => Assert.Equal(value, DoseParser.ParseRelativeDose(input)?.Value);
}

public class DoseParserOcrTests
{
    [Theory]
    [InlineData("received 20 my of oral warfarin", "20", "mg")]
    [InlineData("prednisone 45 me daily", "45", "mg")]
    [InlineData("given 5 million 1U thrice weekly", "5", "MIU")]
    [InlineData("IFN 3 MlU x3/w", "3", "MIU")]
    public void Damaged_units_are_read_where_a_schedule_or_drug_follows(string input, string value, string unit)
    {
        var d = DoseParser.Parse(input);
        Assert.NotNull(d);
        Assert.Equal(value, d.Value);
        Assert.Equal(unit, d.Unit);
    }

    [Theory]
    [InlineData("she weighed 52 my sister said")]
    [InlineData("at 45 me and my brother")]
    [InlineData("12.0 ng per milliliter")]
    public void Damaged_units_without_dose_context_are_not_doses(string input) => Assert.Null(DoseParser.Parse(input));
}
