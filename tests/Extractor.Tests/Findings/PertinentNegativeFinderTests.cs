using Extractor.Extraction.Findings;
using Extractor.Tests.Support;

namespace Extractor.Tests.Findings;

public class PertinentNegativeFinderTests
{
    private static List<string> Find(string text) =>
        PertinentNegativeFinder.Instance.Find(FactsHarness.Analyze(text)).Select(f => text[f.Start..f.End]).ToList();

    [Theory]
    [InlineData("She denied chest pain, palpitations or syncope.", new[] { "chest pain", "palpitations", "syncope" })]  // a list after a pre-trigger
    [InlineData("There was no evidence of pleural effusion.", new[] { "pleural effusion" })]                             // "evidence of" introduces
    [InlineData("No fever was recorded and a cough developed.", new[] { "fever" })]                                       // a verb ends the scope
    [InlineData("He walked without crutches but with a cane.", new[] { "crutches" })]                                     // "but" ends the scope
    [InlineData("Echo showed no thrombus, a dilated atrium and mild regurgitation.", new[] { "thrombus" })]               // a determiner after a comma opens a new clause
    [InlineData("Ascites was not seen on ultrasound.", new[] { "Ascites" })]                                              // post-trigger, passive
    [InlineData("Signs of right heart failure were absent.", new[] { "right heart failure" })]                          // post-trigger, back to "of"
    [InlineData("Her wheezing resolved within two days.", new[] { "wheezing" })]                                         // resolved = no longer present
    [InlineData("He refused dialysis.", new[] { "dialysis" })]                                                           // refusal
    [InlineData("Both anticoagulants were discontinued.", new[] { "anticoagulants" })]                                   // stopped treatment
    [InlineData("The child was not febrile on arrival.", new[] { "febrile" })]                                           // "was not" + adjective
    [InlineData("The biopsy did not show granulomas.", new[] { "granulomas" })]                                          // "did not show"
    public void Finds_what_a_trigger_denies(string text, string[] expected) => Assert.Equal(expected, Find(text));

    [Theory]
    [InlineData("There was no change in the size of the nodule.")]     // pseudo-trigger
    [InlineData("No increase in pain was reported.")]                  // pseudo-trigger
    [InlineData("The drug is no longer marketed.")]                    // pseudo-trigger
    [InlineData("It involved not only the liver but also the spleen.")] // pseudo-trigger
    [InlineData("The nurses had not detected it at night.")]           // active voice: "not detected" has no subject term
    [InlineData("She had no past medical history.")]                   // background, not an event
    [InlineData("No. 4 lymph nodes were dissected.")]                  // "No." = number
    [InlineData("A lumbar puncture was not initially performed.")]     // "was not" + adverb
    public void Ignores_pseudo_triggers_and_background(string text) => Assert.Empty(Find(text));
}
