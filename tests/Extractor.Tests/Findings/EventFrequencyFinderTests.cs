using Extractor.Extraction;
using Extractor.Extraction.Findings;
using Extractor.Extraction.Medications;
using Extractor.Tests.Support;

namespace Extractor.Tests.Findings;

public class EventFrequencyFinderTests
{
    /// <summary>Frequency rows of a text as "span => name | value | unit | qualifier", through the pipeline's medication
    /// and findings extractors (so a drug's schedule is left to its medication row).</summary>
    private static List<string> Rows(string text)
    {
        var sink = FactsHarness.Run(text, MedicationExtractor.Instance, FindingsExtractor.Instance);
        return sink.Findings.Where(f => f.Field == EventFrequencyFinder.Field)
            .Select(f => $"{text[f.Start..f.End]} => {f.Name} | {f.Value} | {f.Unit} | {f.Qualifier}").ToList();
    }

    private static List<FoundFact> Find(string text) => EventFrequencyFinder.Find(FactsHarness.Analyze(text)).ToList();

    private static FoundFact One(string text) => Assert.Single(Find(text));

    public static TheoryData<string, string> Fixture()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(RepoRoot.Path, "tests", "Extractor.Tests", "Fixtures", "findings", "frequencies.tsv")))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            data.Add(cols[0], cols.Length > 1 ? cols[1] : "");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixture))]
    public void Fixture_sentences_give_the_expected_rows(string sentence, string expected)
    {
        var want = expected.Split(" ;; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => string.Join(" | ", r.Split('|').Select(p => p.Trim()))).ToList();
        var got = Rows(sentence).Select(r => string.Join(" | ", r.Split('|').Select(p => p.Trim()))).ToList();
        Assert.Equal(want, got);
    }

    [Theory]
    [InlineData("Cough occurred 2 to 3 times a day.", "2-3/day")]          // range with "to"
    [InlineData("Cough occurred two-three times a day.", "2-3/day")]       // number words with a dash
    [InlineData("Cough occurred 4 times per day.", "4/day")]               // digits
    [InlineData("Cough occurred ten times per day.", "10/day")]            // a number word
    public void Reads_numbers_and_ranges(string text, string value) => Assert.Equal(value, One(text).Value);

    [Theory]
    [InlineData("The seizures recurred once a week.", "1/week")]
    [InlineData("The seizures recurred twice monthly.", "2/month")]
    [InlineData("The seizures recurred thrice daily.", "3/day")]
    [InlineData("The seizures recurred several times a day.", "several/day")]
    [InlineData("The seizures recurred once or twice a month.", "1-2/month")]
    [InlineData("The seizures recurred twice every 3 months.", "2/3 months")]
    [InlineData("The seizures recurred once every 2 weeks.", "1/2 weeks")]
    [InlineData("Dialysis was done three days a week.", "3/week")]       // days of a week
    public void Reads_multiplicatives_with_their_period(string text, string value) => Assert.Equal(value, One(text).Value);

    [Theory]
    [InlineData("She had 5 bowel movements/day.", "5/day", "bowel movements")]
    [InlineData("He reported a few falls each month.", "several/month", "falls")]
    [InlineData("He had 6 admissions per year.", "6/year", "admissions")]
    [InlineData("She had 4-6 episodeslweek.", "4-6/week", "episodes")] // OCR: the slash read as a letter
    public void Reads_counted_events_per_period(string text, string value, string name)
    {
        var f = One(text);
        Assert.Equal((value, name), (f.Value, f.Name));
    }

    [Theory]
    [InlineData("Ultrasound was done every 3 months.", "1/3 months")]
    [InlineData("Ultrasound was done every month.", "1/month")]
    [InlineData("Ultrasound was done every third week.", "1/3 weeks")]
    [InlineData("Ultrasound was done 6-monthly.", "1/6 months")]
    [InlineData("Ultrasound was done at intervals of 2 years.", "1/2 years")]
    [InlineData("Vital signs were taken q4h.", "1/4 hours")]
    [InlineData("Ultrasound was done every few months.", "1/several months")]
    [InlineData("Ultrasound was done on alternate days.", "1/2 days")]
    [InlineData("Ultrasound was done semiannually.", "1/6 months")]
    public void Reads_intervals(string text, string value) => Assert.Equal(value, One(text).Value);

    [Theory]
    [InlineData("Glucose was checked daily.", "1/day")]
    [InlineData("Glucose was checked weekly.", "1/week")]
    [InlineData("Glucose was checked annually.", "1/year")]
    [InlineData("Glucose was checked on a daily basis.", "1/day")]
    [InlineData("Glucose was checked each morning.", "1/day")]
    [InlineData("Glucose was checked b.i.d. on the ward.", "2/day")]
    [InlineData("Glucose was checked t.i.d. on the ward.", "3/day")]
    public void Reads_per_adverbs_and_latin_schedules(string text, string value) => Assert.Equal(value, One(text).Value);

    [Theory]
    [InlineData("He had intermittent chest pain.", "intermittent", "chest pain")]
    [InlineData("She complained of frequent urination at night.", "frequent", "urination")]
    [InlineData("Sporadic palpitations were noted.", "occasional", "palpitations")]
    [InlineData("He was periodically readmitted.", "periodic", "readmitted")]
    [InlineData("She had repeated episodes of syncope.", "recurrent", "syncope")]
    [InlineData("He rarely had headaches.", "rare", "headaches")]
    public void Reads_qualitative_frequencies_and_what_they_qualify(string text, string value, string name)
    {
        var f = One(text);
        Assert.Equal((value, name), (f.Value, f.Name));
    }

    [Theory]
    [InlineData("She was intubated three times.", "3")]
    [InlineData("She was intubated once.", "once")]
    [InlineData("She was intubated multiple times.", "several")]
    public void Reads_counts(string text, string value)
    {
        var f = One(text);
        Assert.Equal((value, "times", "intubated"), (f.Value, f.Unit, f.Name));
    }

    [Theory]
    [InlineData("The frequency of the attacks was initially low.", "low")]
    [InlineData("Treatment reduced the frequency of her flares.", "decreased")]
    [InlineData("The frequency of the mutation in patients with gout is 5%.", null)] // a population, not an event
    [InlineData("A high-frequency probe was used.", null)]
    public void Reads_a_change_in_frequency(string text, string? value)
    {
        var facts = Find(text);
        if (value is null) Assert.Empty(facts);
        else Assert.Equal(value, Assert.Single(facts).Value);
    }

    [Fact]
    public void A_qualitative_word_joins_the_rate_next_to_it()
    {
        var f = One("He was followed up regularly every 6 months.");
        Assert.Equal(("1/6 months", "regular", "followed up"), (f.Value, f.Qualifier, f.Name));
    }

    [Fact]
    public void An_approximation_is_a_qualifier_only_before_a_written_number()
    {
        Assert.Equal("approximately", One("Seizures occurred approximately 3 times a week.").Qualifier);
        Assert.Equal("", One("She worried about daily nosebleeds.").Qualifier);
        Assert.Equal("at least", One("Falls happened at least once a week.").Qualifier);
    }

    [Fact]
    public void A_schedule_after_a_dose_amount_is_left_to_the_medication()
    {
        // Without the medication extractor too: the amount before it makes it a dose.
        Assert.Empty(Find("Gentamicin was given at 5 mg/kg every 8 hours."));
        Assert.Empty(Find("She takes 2 tablets twice daily."));
    }

    [Fact]
    public void A_frequency_held_by_a_medication_row_is_not_repeated()
    {
        // "weekly" stands next to the drug name; "every two hours" shares the clause with the drug and "administered".
        Assert.Empty(Rows("She received weekly paclitaxel."));
        Assert.Empty(Rows("Levodopa was administered through the tube every two hours."));
        // A drug in another phrase does not take the frequency: "by various antibiotics".
        Assert.Single(Rows("The wound was treated several times by various antibiotics."));
    }

    [Fact]
    public void A_rate_of_counted_events_is_no_bare_lab_value()
    {
        // OCR glued the slash: the lab finder alone reads "time ... 8-10" as a value without unit.
        const string text = "The attacks increased progressively over time to about 8-10 seizuresiday.";
        var sink = FactsHarness.Run(text, FindingsExtractor.Instance);
        Assert.DoesNotContain(sink.Findings, f => f.Field == "lab");
        var f = Assert.Single(sink.Findings, x => x.Field == "frequency");
        Assert.Equal(("seizures", "8-10/day", "about"), (f.Name, f.Value, f.Qualifier));
    }

    [Fact]
    public void Rows_carry_provenance()
    {
        var sink = FactsHarness.Run("Fever recurred every 2 weeks.", FindingsExtractor.Instance);
        var f = Assert.Single(sink.Findings, x => x.Field == "frequency");
        Assert.Equal("every 2 weeks", "Fever recurred every 2 weeks."[f.SourceStart..f.SourceEnd]);
        Assert.Contains("Fever recurred", f.Evidence);
        Assert.Equal("Fever recurred", f.Name);
    }
}
