using Extractor.Extraction.Findings;
using Extractor.Tests.Support;

namespace Extractor.Tests.Findings;

public class PatientFinderTests
{
    private static List<FoundFact> Find(string text) => PatientFinder.Find(FactsHarness.Analyze(text)).ToList();

    [Theory]
    [InlineData("A 45-year-old man was admitted.", "45", "years", "45-year-old")]
    [InlineData("An infant aged 3 months was referred.", "0.25", "years", "aged 3 months")]
    [InlineData("The patient (age 19 years) was admitted.", "19", "years", "age 19 years")]
    [InlineData("The patient, 72 years of age, had diabetes.", "72", "years", "72 years of age")]
    [InlineData("A forty-two-year-old teacher presented.", "42", "years", "forty-two-year-old")]
    [InlineData("A 6 and a half years old girl was referred.", "6.5", "years", "6 and a half years old")]
    [InlineData("A two-and-a-half-year-old boy was seen.", "2.5", "years", "two-and-a-half-year-old")]
    [InlineData("A 58-\nyear-old farmer presented.", "58", "years", "58-\nyear-old")]
    [InlineData("a 66 year old retired nurse", "66", "years", "66 year old")]
    [InlineData("A 6-week-old girl was brought in.", "0.115", "years", "6-week-old")]
    [InlineData("A 10-day-old neonate was transferred.", "0.027", "years", "10-day-old")]
    [InlineData("A boy aged 18 months was seen.", "1.5", "years", "aged 18 months")]
    public void Reads_ages(string text, string value, string unit, string span)
    {
        var age = Find(text).First(f => f.Field == "age");
        Assert.Equal((value, unit), (age.Value, age.Unit));
        Assert.Equal(span, text[age.Start..age.End]);
    }

    [Fact]
    public void An_infant_age_keeps_the_written_age_in_the_qualifier()
    {
        var age = Find("A 9-month-old boy presented with fever.").First(f => f.Field == "age");
        Assert.Equal(("0.75", "years", "written 9 months"), (age.Value, age.Unit, age.Qualifier));
    }

    [Theory]
    [InlineData("At the age of 19 years she developed seizures.")]
    [InlineData("He had smoked since he was 21 years of age.")]
    public void An_age_at_a_past_event_is_not_the_patients_age(string text) => Assert.DoesNotContain(Find(text), f => f.Field == "age");

    [Theory]
    [InlineData("A 30-year-old woman", "female")]
    [InlineData("a previously healthy man", "male")]
    [InlineData("A 7-year-old boy", "male")]
    [InlineData("an elderly lady", "female")]
    [InlineData("The patient was a 50-year-old Caucasian male.", "male")]
    public void Reads_sex(string text, string sex) => Assert.Equal(sex, Find(text).Single(f => f.Field == "sex").Value);

    [Fact]
    public void Male_as_a_modifier_of_a_thing_is_no_sex()
    {
        Assert.DoesNotContain(Find("He had male pattern baldness and a family history of female breast cancer."), f => f.Field == "sex");
    }

    [Theory]
    [InlineData("A 61-year-old Korean man", "Korean")]
    [InlineData("an African American woman aged 40", "African American")]
    [InlineData("a Caucasian patient", "Caucasian")]
    public void Reads_ethnicity_next_to_a_person(string text, string ethnicity) => Assert.Equal(ethnicity, Find(text).Single(f => f.Field == "ethnicity").Value);

    [Fact]
    public void A_nationality_that_describes_no_person_is_ignored()
    {
        Assert.DoesNotContain(Find("Japanese guidelines recommend surgery; white matter lesions were seen."), f => f.Field == "ethnicity");
    }
}

public class PatientSexContextTests
{
    private static List<string> Sexes(string text) =>
        PatientFinder.Find(FactsHarness.Analyze(text)).Where(f => f.Field == "sex").Select(f => f.Value).ToList();

    [Fact]
    public void A_relative_in_apposition_is_not_the_patient() =>
        Assert.Equal(["male"], Sexes("A 40-year-old man had seizures. His younger sibling, a girl, had died in infancy."));

    [Fact]
    public void The_child_delivered_by_a_woman_is_not_the_patient() =>
        Assert.Equal(["female"], Sexes("A 31-year-old woman at 37 weeks was admitted. A healthy male infant was delivered by cesarean section."));

    [Fact]
    public void A_boy_born_in_his_own_report_keeps_his_sex() =>
        Assert.Equal(["male", "male"], Sexes("A 2-year-old boy was seen for cough. The boy was delivered at term after an uneventful pregnancy."));
}
