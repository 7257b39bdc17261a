using Extractor.Language.Negation;

namespace Extractor.Tests.Negation;

public class ContextNegationTests
{
    private static NegationResult Assess(string sentence, string term)
    {
        int s = sentence.IndexOf(term, StringComparison.Ordinal);
        Assert.True(s >= 0, term);
        return ContextNegation.Instance.Assess(sentence, s, s + term.Length);
    }

    [Theory]
    [InlineData("The patient denied chest pain or palpitations.", "palpitations")]
    [InlineData("Physical examination revealed no lymphadenopathy.", "lymphadenopathy")]
    [InlineData("She was admitted without fever.", "fever")]
    [InlineData("Blood cultures were negative for Staphylococcus aureus.", "Staphylococcus aureus")]
    [InlineData("Pulmonary embolism was ruled out.", "Pulmonary embolism")]
    [InlineData("Ascites was not detected on ultrasound.", "Ascites")]
    [InlineData("There was no evidence of recurrence at 2 years.", "recurrence")]
    [InlineData("No other serious adverse events were reported.", "adverse events")]
    [InlineData("He had no fever, chills, or night sweats.", "night sweats")]                       // "no" runs through a list
    [InlineData("The biopsy was not suggestive of lymphoma.", "lymphoma")]
    public void Negates_within_scope(string sentence, string term) => Assert.True(Assess(sentence, term).Negated);

    [Theory]
    [InlineData("No fever was noted, but a productive cough persisted.", "cough")]                 // "but" ends the scope
    [InlineData("No abnormality was found other than mild anemia.", "anemia")]                      // "other than" ends it
    [InlineData("There was no interval change of the hepatic metastases.", "hepatic metastases")]  // pseudo-trigger
    [InlineData("Not only the rash but also the edema improved.", "rash")]                         // pseudo-trigger
    [InlineData("Mild nausea was controlled with ondansetron and the vomiting was not observed.", "nausea")] // after-trigger stays in its clause
    [InlineData("The tumor had no necrosis; lymphovascular invasion was present.", "lymphovascular invasion")]
    [InlineData("The new inhaler did not relieve her wheezing.", "wheezing")]                       // failed treatment: symptom present
    [InlineData("She had frequent, though not severe, attacks of migraine.", "migraine")]           // "not" reaches only its adjective
    [InlineData("Several but not painful nodules, and erythema of the skin.", "erythema")]
    public void Does_not_negate_outside_scope(string sentence, string term) => Assert.False(Assess(sentence, term).Negated);

    [Theory]
    [InlineData("Prophylactic antibiotics were given to prevent infection.", "infection")]
    [InlineData("Patients should be monitored for signs of hepatotoxicity.", "hepatotoxicity")]
    [InlineData("If neutropenia occurs, the dose is reduced.", "neutropenia")]
    public void Marks_hypotheticals(string sentence, string term)
    {
        var r = Assess(sentence, term);
        Assert.True(r.Hypothetical);
        Assert.False(r.Negated);
    }

    [Fact]
    public void Scope_is_limited_in_words()
    {
        var narrow = new ContextNegation(new NegationOptions { MaxForwardWords = 2 });
        const string s = "No sign of any further spread of the metastatic melanoma was seen.";
        int i = s.IndexOf("melanoma", StringComparison.Ordinal);
        Assert.False(narrow.Assess(s, i, i + 8).Negated);
    }
}
