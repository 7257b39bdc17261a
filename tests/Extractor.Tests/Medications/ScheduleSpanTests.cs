using Extractor.Extraction.Doses;

namespace Extractor.Tests.Medications;

/// <summary>
/// Schedules and dose expressions without an amount: the frequency text has its own span, a schedule or cycle count
/// written before the drug belongs to it, day lists of a cycle are read as a frequency, a taper without an amount is a
/// dose change. Inputs are invented (none of them is in the seed or the benchmark).
/// </summary>
public class ScheduleSpanTests
{
    private static (int Start, int End) Find(string text, string part) { int i = text.IndexOf(part, StringComparison.Ordinal); return (i, i + part.Length); }

    [Theory]
    [InlineData("docetaxel 60 mg/m2 on days 1 and 8 of a 21-day cycle", "2/3wk", "0.667")]
    [InlineData("oxaliplatin 85 mg/m2 on day 1 of each 14-day cycle", "1/2wk", "0.5")]
    [InlineData("temozolomide 150 mg/m2 on days 1-5 of every 28-day cycle", "5/4wk", "1.25")]
    [InlineData("azacitidine 75 mg/m2 days 1 to 7 in a 10-day course", "7/10d", "4.9")]
    public void Day_lists_of_a_cycle_are_a_frequency(string text, string frequency, string perWeek)
    {
        var d = DoseParser.Parse(text)!;
        Assert.Equal(frequency, d.Frequency);
        Assert.Equal(perWeek, d.DosesPerWeek);
        Assert.True(d.FrequencyStart > d.AmountEnd && d.FrequencyEnd <= text.Length);
    }

    [Fact]
    public void A_day_after_the_cycle_length_is_no_schedule()
    {
        Assert.Equal("", DoseParser.Parse("cisplatin 75 mg/m2 on days 1 and 30 of a 21-day cycle")!.Frequency);
    }

    [Theory]
    [InlineData("She received six cycles of adjuvant docetaxel.", "six cycles")]
    [InlineData("after two 5-day courses of cladribine", "two 5-day courses")]
    public void Cycle_counts_are_read_with_their_span(string text, string expected)
    {
        var (value, start, end) = Assert.Single(DoseParser.ParseCycles(text, 0, text.Length));
        Assert.Equal(expected, value);
        Assert.Equal(expected, text[start..end]);
    }

    [Theory]
    [InlineData("A small dose of haloperidol was given at night.", "low")]
    [InlineData("She was kept on a prophylactic dose of enoxaparin.", "prophylactic")]
    [InlineData("A loading dose of amiodarone was infused.", "loading")]
    public void Relative_doses_without_an_amount_are_the_dose_expression(string text, string relative)
    {
        var r = Assert.Single(MedicationExtractorTests.Extract(text));
        Assert.Equal(relative, r.RelativeDose);
        Assert.Equal("", r.DoseValue);
        Assert.True(r.DoseStart >= 0 && r.DoseStart < r.Start);
    }

    [Fact]
    public void Frequency_span_is_the_schedule_text_inside_the_dose()
    {
        const string text = "Valganciclovir 900 mg twice daily was started.";
        var r = Assert.Single(MedicationExtractorTests.Extract(text));
        Assert.Equal("2/d", r.Frequency);
        Assert.Equal(Find(text, "twice daily"), (r.FrequencyStart, r.FrequencyEnd));
        Assert.Equal(Find(text, "twice daily"), (r.FrequencySourceStart, r.FrequencySourceEnd));
        Assert.Equal(Find(text, "900 mg twice daily"), (r.DoseStart, r.DoseEnd));
    }

    [Fact]
    public void A_schedule_without_an_amount_is_the_dose_expression()
    {
        const string text = "Denosumab was given every six months.";
        var r = Assert.Single(MedicationExtractorTests.Extract(text));
        Assert.Equal("1/6mo", r.Frequency);
        Assert.Equal(Find(text, "every six months"), (r.FrequencyStart, r.FrequencyEnd));
        Assert.Equal(Find(text, "every six months"), (r.DoseStart, r.DoseEnd));
    }

    [Theory]
    [InlineData("He took weekly alendronate for osteoporosis.", "alendronate", "weekly", "1/wk")]
    [InlineData("She received a single intravenous infusion of zoledronic acid.", "zoledronic acid", "single", "once")]
    [InlineData("She was given a one-time subcutaneous injection of teriparatide 20 mcg.", "teriparatide", "one-time", "once")]
    public void A_schedule_before_the_name_belongs_to_the_drug(string text, string drug, string written, string frequency)
    {
        var r = Assert.Single(MedicationExtractorTests.Extract(text), x => x.Drug == drug);
        Assert.Equal(frequency, r.Frequency);
        Assert.Equal(Find(text, written), (r.FrequencyStart, r.FrequencyEnd));
    }

    [Fact]
    public void A_schedule_of_the_previous_drug_or_clause_is_not_taken()
    {
        var rows = MedicationExtractorTests.Extract("He took aspirin 81 mg daily and clopidogrel. He was once treated with colchicine.");
        Assert.Equal("", rows.Single(r => r.Drug == "clopidogrel").Frequency);
        Assert.Equal("", rows.Single(r => r.Drug == "colchicine").Frequency);
    }

    [Fact]
    public void Cycles_before_the_name_are_the_dose_expression_of_a_drug_without_an_amount()
    {
        const string text = "She completed four cycles of adjuvant capecitabine.";
        var r = Assert.Single(MedicationExtractorTests.Extract(text));
        Assert.Equal("four cycles", r.Duration);
        Assert.Equal(Find(text, "four cycles"), (r.DoseStart, r.DoseEnd));
    }

    [Fact]
    public void A_taper_without_an_amount_is_a_dose_change()
    {
        const string text = "Hydrocortisone was then gradually tapered off over two weeks.";
        var r = Assert.Single(MedicationExtractorTests.Extract(text));
        Assert.Equal("tapered", r.DoseChange);
        Assert.Equal(-1, r.DoseStart); // a change of dose, not a dose expression
    }
}

public class ScheduleSentenceTests
{
    [Fact]
    public void A_schedule_sentence_without_a_drug_gives_its_frequency_to_the_regimen_before_it()
    {
        const string text = "She received carboplatin AUC 5 and pemetrexed 500 mg/m2. Cycles were repeated every 3 weeks. Pain was treated with morphine.";
        var rows = MedicationExtractorTests.Extract(text);
        var pem = rows.Single(r => r.Drug == "pemetrexed");
        Assert.Equal("1/3wk", pem.Frequency);
        Assert.Equal("every 3 weeks", text[pem.FrequencyStart..pem.FrequencyEnd]);
        Assert.Equal("1/3wk", rows.Single(r => r.Drug == "carboplatin").Frequency);
        Assert.Equal("", rows.Single(r => r.Drug == "morphine").Frequency);
    }

    [Fact]
    public void A_schedule_sentence_about_something_else_gives_nothing()
    {
        var rows = MedicationExtractorTests.Extract("She received pemetrexed 500 mg/m2. Imaging was repeated every 3 months.");
        Assert.Equal("", Assert.Single(rows).Frequency);
    }
}
