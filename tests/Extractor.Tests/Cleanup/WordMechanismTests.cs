using Extractor.Cleanup;

namespace Extractor.Tests.Cleanup;

/// <summary>The speller's handling of compound parts, derived candidates and document evidence, on invented text.</summary>
public class WordMechanismTests
{
    private static CleanResult Clean(string text) => OcrCleaner.Instance.Clean(text);

    private static CleanResult CleanInBatch(string text, IEnumerable<string> others) =>
        new OcrCleaner(CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(text)) }).Clean(text);

    [Theory]
    [InlineData("a rnoderate-sized cyst", "a moderate-sized cyst")]                    // rn read for m in a first part
    [InlineData("the peri-rena! fat was clear", "the peri-renal fat was clear")]       // ! for l after a prefix
    [InlineData("given 5-azacytidine and 6-mercaptopurinc", "given 5-azacytidine and 6-mercaptopurine")]   // after a number
    public void A_part_of_a_compound_is_repaired(string input, string expected) =>
        Assert.Equal(expected, Clean(input).Text);

    [Theory]
    [InlineData("an osteo-chondral graft and the thoraco-lumbar spine")]   // combining forms
    [InlineData("a semi-rigid brace and the hepato-renal angle")]
    [InlineData("the qzvtk-rnoderate zone")]                               // the other part is no word: not sure
    public void Combining_forms_and_garbled_compounds_stay(string input)
    {
        var result = Clean(input);
        Assert.Equal(input, result.Text);
    }

    [Fact]
    public void A_first_part_one_confusion_from_a_prefix_the_batch_uses_is_that_prefix()
    {
        var others = Enumerable.Range(0, 12).Select(i => $"Report {i}: a non-smoker with non-specific pain.").ToList();
        const string text = "She had a nun-tender swelling.";
        Assert.Equal("She had a non-tender swelling.", CleanInBatch(text, others).Text);
        Assert.Equal(text, Clean(text).Text);   // alone, nothing says the prefix is likelier than the word
    }

    [Fact]
    public void A_regular_form_only_the_large_list_has_is_a_candidate_like_a_listed_word()
    {
        // "morbidities" is the plural of a listed word; c read for e.
        Assert.Equal("with several co-morbidities and", Clean("with several co-morbiditics and").Text);
    }

    [Fact]
    public void Forms_of_one_stem_are_chosen_by_the_channel_not_by_their_counts()
    {
        // "bradycardia" is frequent in the batch, "bradycardic" is not; e is read for c far more often than for a,
        // so the frequent form is not applied for sure.
        var others = Enumerable.Range(0, 12).Select(i => $"Report {i}: bradycardia and more bradycardia on monitoring.").ToList();
        var result = CleanInBatch("The infant was bradycardie at birth.", others);
        Assert.DoesNotContain(result.Corrections, c => c.Applied && c.Corrected == "bradycardia");
    }

    [Fact]
    public void A_closing_bracket_for_l_is_read_even_after_a_closed_pair()
    {
        Assert.Equal("the cusp (see above) and the mitral valve", Clean("the cusp (see above) and the mitra) valve").Text);
        Assert.Equal("(the mitra) valve", Clean("(the mitra) valve").Text);   // an open bracket explains it
    }

    [Fact]
    public void An_exclamation_mark_for_l_gives_a_term_the_document_writes_or_a_drug_name()
    {
        // The lexicon lacks both; the document writes the first elsewhere, the drug lexicon names the second.
        Assert.Equal("Velcalimab was started; later velcalimab was stopped.", Clean("Velcalimab was started; later velca!imab was stopped.").Text);
        Assert.Equal("She took ribociclib daily.", Clean("She took ribocic|ib daily.").Text);
        // An unknown reading nothing else supports, and an exclamation, stay.
        Assert.Equal("later zorva!imab was stopped.", Clean("later zorva!imab was stopped.").Text);
        Assert.Equal("He shouted stop! Then he left.", Clean("He shouted stop! Then he left.").Text);
    }

    [Fact]
    public void Words_joined_by_a_slash_are_each_checked_but_units_are_not()
    {
        Assert.Equal("the cells were atypical/hyperchromatic and", Clean("the cells were atypical/hyperchrornatic and").Text);
        const string units = "urea 7 mmol/l and 9 cells/ul, and/or km/h";
        Assert.Equal(units, Clean(units).Text);
    }

    [Fact]
    public void A_form_of_a_known_word_yields_to_a_listed_word_one_strong_confusion_away()
    {
        // purity + -ied is a regular form, but t is read for f often, and other texts of the batch write "purified".
        var others = Enumerable.Range(0, 6).Select(i => $"Report {i}: the extract was purified and dried.").ToList();
        Assert.Equal("The sample was purified twice.", CleanInBatch("The sample was puritied twice.", others).Text);
        // Alone, the form and the listed word weigh the same: a suggestion.
        var alone = Clean("The sample was puritied twice.");
        Assert.Equal("The sample was puritied twice.", alone.Text);
        Assert.Contains(alone.Corrections, c => c.Original == "puritied" && !c.Applied);
        // A form with no listed word a table confusion away stays.
        const string kept = "the hospitalisations and the cytokeratins were counted";
        Assert.Equal(kept, Clean(kept).Text);
    }

    [Theory]
    [InlineData("the mass was resec ted today", "the mass was resected today")]
    [InlineData("a persis tent cough", "a persistent cough")]
    [InlineData("ten per cent in situ, and the fin dings", "ten per cent in situ, and the fin dings")]   // two words each: stay
    public void A_word_split_by_a_space_into_a_non_word_is_joined(string input, string expected) =>
        Assert.Equal(expected, Clean(input).Text);

    [Theory]
    [InlineData("seen after resusci\ntation and a well-cir\ncumscribed mass", "seen after resuscitation and a well-circumscribed mass")]
    [InlineData("on the diaphrag\n\nmatic surface", "on the diaphragmatic surface")]            // across a blank line (double spacing)
    [InlineData("a laparoscopic cholecys\ntcctomy was done.", "a laparoscopic cholecystectomy was done.")]   // split and misread: c for e
    [InlineData("the tubes went in\nto the ward per\ncent of some\nthing.", "the tubes went in\nto the ward per\ncent of some\nthing.")]   // words each: stay
    public void A_word_broken_at_a_line_end_without_its_hyphen_is_joined(string input, string expected) =>
        Assert.Equal(expected, Clean(input).Text);

    [Fact]
    public void A_split_word_two_edits_from_a_word_the_batch_uses_is_joined_only_with_the_batch()
    {
        var others = Enumerable.Range(0, 12).Select(i => $"Report {i}: the swelling decreased and the pain decreased too.").ToList();
        const string text = "Over the week the swelling dacr esed slowly.";
        Assert.Equal("Over the week the swelling decreased slowly.", CleanInBatch(text, others).Text);
        Assert.Equal(text, Clean(text).Text);   // alone, two blind edits are not searched
    }

    [Fact]
    public void A_split_word_whose_second_piece_is_a_rare_word_is_joined_two_edits_away_only_with_the_batch()
    {
        var others = Enumerable.Range(0, 12).Select(i => $"Report {i}: the swelling increased and the pain increased too.").ToList();
        const string text = "Over the week the swelling ini eased slowly.";
        Assert.Equal("Over the week the swelling increased slowly.", CleanInBatch(text, others).Text);
        Assert.Equal(text, Clean(text).Text);
    }

    [Theory]
    [InlineData("the blood Pressure rose and the pressure fell", "the blood pressure rose and the pressure fell")]   // P/p differ in size only
    [InlineData("the blood Pressure rose", "the blood Pressure rose")]                                   // never written lower-case here
    [InlineData("the local Ethics Committee approved; the committee met", "the local Ethics Committee approved; the committee met")]   // a name
    [InlineData("we used Support vector machines and support vectors, Support again", "we used Support vector machines and support vectors, Support again")]   // capitalised twice
    public void A_capital_that_differs_only_in_size_inside_a_sentence_is_lower_case(string input, string expected) =>
        Assert.Equal(expected, Clean(input).Text);

    [Fact]
    public void A_compound_part_no_other_compound_has_in_its_place_is_read_as_the_one_they_have()
    {
        var others = Enumerable.Range(0, 6).Select(i => $"Note {i}: a low-grade and low-risk lesion on the low-dose scan, like a cloud-like mass.").ToList();
        const string text = "The scan showed a lcw-density mass with a fog-ike rim.";
        Assert.Equal("The scan showed a low-density mass with a fog-like rim.", CleanInBatch(text, others).Text);
        Assert.Equal(text, Clean(text).Text);   // alone, there are no other compounds
        // A function word beside it says nothing (cup-to-dise), and a part other compounds have in its place stays.
        const string kept = "The cup-to-lcw ratio and the lcw-grade lesion and the lcw-level one.";
        Assert.Equal(kept, CleanInBatch(kept, others).Text);
    }

    [Fact]
    public void A_non_word_the_channel_leaves_unsure_is_read_by_its_neighbours()
    {
        var others = Enumerable.Range(0, 6).Select(i => $"Chart {i}: her heart rate rose, then the heart rate fell.").ToList();
        const string text = "On review his hxrt rate was normal.";
        Assert.Equal("On review his heart rate was normal.", CleanInBatch(text, others).Text);   // two edits, and "heart rate" elsewhere
        Assert.Equal(text, Clean(text).Text);   // alone: no neighbours elsewhere
        // Only a function word beside it ("the X" fits any noun): not enough.
        const string weak = "On review the hxrt was normal.";
        Assert.DoesNotContain(CleanInBatch(weak, others).Corrections, c => c.Applied && c.Corrected == "heart");
    }

    [Fact]
    public void A_long_word_the_channel_is_very_unsure_of_is_also_searched_two_edits_away()
    {
        // "prcsected": o read as c in the rare "prosected", or c for e and for n in "presented", which the batch uses.
        var others = Enumerable.Range(0, 8).Select(i => $"Case {i}: the case was presented and then presented again.").ToList();
        const string text = "The boy was prcsected at the meeting.";
        Assert.Equal("The boy was presented at the meeting.", CleanInBatch(text, others).Text);
        Assert.DoesNotContain(Clean(text).Corrections, c => c.Applied);   // alone: only the channel's unsure reading
    }
}
