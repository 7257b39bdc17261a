using Extractor.Cleanup;

namespace Extractor.Tests.Cleanup;

/// <summary>Each cleanup mechanism on inputs the seed report does not contain.</summary>
public class MechanismTests
{
    private static CleanResult Clean(string text) => OcrCleaner.Instance.Clean(text);

    [Theory]
    // Non-words by the noisy channel (lexicon + confusion table)
    [InlineData("She underwent nephrectomv in May.", "She underwent nephrectomy in May.")]
    [InlineData("It lasted unti! the next visit.", "It lasted until the next visit.")]
    [InlineData("The value was high (norma! range 3-5).", "The value was high (normal range 3-5).")]
    [InlineData("Evidence of rnetastasis was found.", "Evidence of metastasis was found.")]
    [InlineData("He was admitted to the huspital.", "He was admitted to the hospital.")]
    // Names from the gazetteer, confirmed by the neighbouring word of the same name
    [InlineData("referred to Memorial Sloan-Ketterinq Cancer Center", "referred to Memorial Sloan-Kettering Cancer Center")]
    // TNM grammar
    [InlineData("staged as pT2NOMO after surgery", "staged as pT2N0M0 after surgery")]
    [InlineData("ypT1bNlM0 disease", "ypT1bN1M0 disease")]
    // Units after a number
    [InlineData("given 10 MTU daily", "given 10 MIU daily")]
    [InlineData("glucose 110 mg/di on admission", "glucose 110 mg/dl on admission")]
    [InlineData("creatinine 88 ymol/L today", "creatinine 88 μmol/L today")]
    [InlineData("a mass of 3 om in size", "a mass of 3 cm in size")]
    [InlineData("urate 412 umol/l and folate 9 ug/L, pores of 3 um", "urate 412 μmol/l and folate 9 μg/L, pores of 3 μm")]
    [InlineData("leukocytes 9,800/uL on day 2", "leukocytes 9,800/μL on day 2")]
    // Greek letters after known stems
    [InlineData("levels of TNF-a and TGF-b rose", "levels of TNF-α and TGF-β rose")]
    [InlineData("treated with interferon-g weekly", "treated with interferon-γ weekly")]
    // Schedules and dimensions
    [InlineData("cisplatin x2/wk for six weeks", "cisplatin ×2/wk for six weeks")]
    [InlineData("a 3 x 4 cm nodule", "a 3 × 4 cm nodule")]
    // Figure references and numbers
    [InlineData("as shown in Fig.l and Table 2", "as shown in Fig.1 and Table 2")]
    // Figure references follow the document's own convention; a panel letter joins its figure number
    [InlineData("enlarged (Fig.3) and later (Fig. 4B, Figs. 5)", "enlarged (Fig.3) and later (Fig.4B, Figs.5)")]
    [InlineData("the wall (Fig.2 C) and the cusp (Fig.2 D-E)", "the wall (Fig.2C) and the cusp (Fig.2D-E)")]
    // Em dashes read for en dashes in ranges and name pairs, and for a minus sign before a number
    [InlineData("from 14—22 mmHg, a Kaplan—Meier curve, 5%-—8% and T10—-L2", "from 14–22 mmHg, a Kaplan–Meier curve, 5%–8% and T10–L2")]
    [InlineData("a Z score of —1.8 (range —3 to 0)", "a Z score of −1.8 (range −3 to 0)")]
    [InlineData("the 5th—10th centile (Fig.4A—C) and a Guillain— Barre case", "the 5th–10th centile (Fig.4A–C) and a Guillain– Barre case")]
    [InlineData("in 2O14 the patient", "in 2014 the patient")]
    // Spacing
    [InlineData("toxicity of stage2 and day14 events", "toxicity of stage 2 and day 14 events")]
    [InlineData("Smith etal. reported", "Smith et al. reported")]
    [InlineData("500 mg bid. for ten days", "500 mg b.i.d. for ten days")]
    // Dehyphenation judged by the lexicon
    [InlineData("renal cell carcino-\nma was found", "renal cell carcinoma was found")]
    [InlineData("a 45-\nyear-old man", "a 45-year-old man")]
    [InlineData("a well-\ndefined mass", "a well-defined mass")]
    [InlineData("retro-\nperitonealization was seen", "retroperitonealization was seen")]   // a prefix and a known word
    // A misread word broken at the line end: joined when the join is one OCR edit from a word, then spelled right
    [InlineData("the mass was found inci-\ndentaily on the scan", "the mass was found incidentally on the scan")]
    [InlineData("then xqzv-\nwvrtk was read", "then xqzv-\nwvrtk was read")]   // no word near the join: only a suggestion
    [InlineData("two bouts of dys-\npepsias", "two bouts of dyspepsias")]   // a short first part that is a syllable, no prefix
    [InlineData("the primer TTCAGGACCT-\nGAATCCGTTA and the MYC-\nTAG", "the primer TTCAGGACCTGAATCCGTTA and the MYC-\nTAG")]   // a sequence; a code is left alone
    [InlineData("It grew as a.result of the drug, at 9 a.m. on the.day", "It grew as a result of the drug, at 9 a.m. on the day")]   // a stop for a space
    // ... also when OCR read the first letter after the break as a capital (J for l); names and new sentences stay
    [InlineData("the fever was fol-\nJowed by a capil-\nJary leak", "the fever was followed by a capillary leak")]
    [InlineData("a new-\nJob and Ste-\nIla", "a new-\nJob and Ste-Ila")]
    // Roman numerals after the nouns they number
    [InlineData("a grade Ill tumour, type Il diabetes and class IT dyspnoea", "a grade III tumour, type II diabetes and class II dyspnoea")]
    // Two strokes before a capital substage; a lone stroke where the document numbers the noun with Roman numerals
    [InlineData("a phase TTB trial; angina class |, then class IV", "a phase IIB trial; angina class I, then class IV")]
    // Punctuation
    [InlineData("was normal.\n‘The patient recovered.", "was normal.\nThe patient recovered.")]
    [InlineData("‘A 40-year-old man was seen ‘with a rash. The ‘good’ eye was spared.", "A 40-year-old man was seen with a rash. The ‘good’ eye was spared.")]
    [InlineData("‘The boy felt his ‘good’ knee was worse.", "The boy felt his ‘good’ knee was worse.")]          // the closing quote answers ‘good
    [InlineData("removed whole, as the\n‘boy was frail; the inter-\n‘val was short.", "removed whole, as the\nboy was frail; the interval was short.")]   // specks at the margin
    [InlineData("he said the\n‘good’ knee was fine.\n‘bad’ is a word.", "he said the\n‘good’ knee was fine.\n‘bad’ is a word.")]   // quoted words stay
    [InlineData("enlarged {Fig.2) and", "enlarged (Fig.2) and")]
    // Short non-words one strong confusion from a very common word; a capital that stands for a lower-case initial
    [InlineData("the result ot the biopsy", "the result of the biopsy")]
    // A final l read as a closing bracket that no opening bracket explains
    [InlineData("the tumour was stil] growing near the mitra} annulus", "the tumour was still growing near the mitral annulus")]
    [InlineData("pain in the Jeft leg", "pain in the left leg")]
    // A lone bar before a counted noun or unit; other multiplication symbols between lengths
    [InlineData("stopped for | month after", "stopped for 1 month after")]
    [InlineData("a 20 * 25 mm nodule", "a 20 × 25 mm nodule")]
    // A paragraph of running text that lost its full stop before a blank line
    [InlineData("The second line of a long paragraph\nends here without a stop\n\nThe next paragraph.", "The second line of a long paragraph\nends here without a stop.\n\nThe next paragraph.")]
    // Sentence punctuation: a stop between lower-case words, a comma before a sentence opener, a lost stop
    [InlineData("the graft was inspected. which showed no leak", "the graft was inspected, which showed no leak")]
    [InlineData("treated with diuretics, The swelling resolved", "treated with diuretics. The swelling resolved")]
    // A stop before a preposition is a speck; after a sentence-opening connective or before a clause opener, a comma
    [InlineData("the swelling of the knee. during the night was marked", "the swelling of the knee during the night was marked")]
    [InlineData("She was seen. Afterwards. the rash settled until two weeks ago. when it came back", "She was seen. Afterwards, the rash settled until two weeks ago, when it came back")]
    [InlineData("signs of sepsis were absent She then recovered", "signs of sepsis were absent. She then recovered")]
    [InlineData("the chest film was clear\n\nBlood cultures were negative.", "the chest film was clear.\n\nBlood cultures were negative.")]
    [InlineData("her fever settled over two days,\n\nThe rash faded.", "her fever settled over two days.\n\nThe rash faded.")]
    // The text's last line carries on a sentence of prose and lost its stop
    [InlineData("The wound was closed and the patient was sent home with a plan to see\nher again in two weeks", "The wound was closed and the patient was sent home with a plan to see\nher again in two weeks.")]
    // A doubled stop: one stop before a capital, the stop and a comma after a company abbreviation before its place
    [InlineData("platelets were 310×109/L.. Urea was normal. Made by Acme Co.. Leeds, UK.", "platelets were 310×109/L. Urea was normal. Made by Acme Co., Leeds, UK.")]
    // A colon read for a paragraph's stop; a short last line of a double-spaced paragraph; a comma before "We"; "Based on"
    [InlineData("The graft was sewn in place with a running suture and checked at the\nproximal anastomosis:\n\nThe clamp was released.", "The graft was sewn in place with a running suture and checked at the\nproximal anastomosis.\n\nThe clamp was released.")]
    [InlineData("The incision was closed in layers and the drain was left in place until\n\nthe morning\n\nThe wound healed well.", "The incision was closed in layers and the drain was left in place until\n\nthe morning.\n\nThe wound healed well.")]
    [InlineData("the second scan of the pelvis was read and no new lesion was found,\nWe then stopped.", "the second scan of the pelvis was read and no new lesion was found.\nWe then stopped.")]
    [InlineData("the size of the lesion had not changed on the earlier scans\nBased on this the dose was kept.", "the size of the lesion had not changed on the earlier scans.\nBased on this the dose was kept.")]
    // Paragraph ends after a number, a bracket with words, or a comma after a short last line of a long paragraph
    [InlineData("The dog was first seen at the clinic in our town in\nthe spring of 2011\n\nBlood tests were normal.", "The dog was first seen at the clinic in our town in\nthe spring of 2011.\n\nBlood tests were normal.")]
    [InlineData("The wound was dressed and the drain was left in place for two\ndays (Table 4)\n\nIts output stayed low.", "The wound was dressed and the drain was left in place for two\ndays (Table 4).\n\nIts output stayed low.")]
    [InlineData("Her knee was swollen and warm on both sides of the joint and\nquite stiff,\n\nAspiration gave clear fluid.", "Her knee was swollen and warm on both sides of the joint and\nquite stiff.\n\nAspiration gave clear fluid.")]
    // A line of running text ending in a plain word, the next line opening with a capitalised common word
    [InlineData("the rash spread over the trunk and the back within a week and was itchy\nSleep was poor for days.", "the rash spread over the trunk and the back within a week and was itchy.\nSleep was poor for days.")]
    // TNM codes without a prefix letter, M group split off by a space
    [InlineData("staged as T2N1MO and T3aN0 MO later", "staged as T2N1M0 and T3aN0M0 later")]
    // ... and with the groups spaced after a real T digit
    [InlineData("staged (pT2 NO) and cT1 NI MO", "staged (pT2 N0) and cT1 N1 M0")]
    // Multiplication signs: x run into numbers, other marks before a power of ten
    [InlineData("a 12x30 mm graft and a 2.5x4.1x3.0 cm cyst", "a 12×30 mm graft and a 2.5×4.1×3.0 cm cyst")]
    [InlineData("neutrophils 4.4 < 103/μL, platelets 210*109/L and 77 - JO9/L", "neutrophils 4.4 × 103/μL, platelets 210×109/L and 77 × 109/L")]
    // A dollar or section sign for an 8 before a unit, for an S in a code the document writes with S
    [InlineData("weight $1 kg, stained for S200 and $200", "weight 81 kg, stained for S200 and S200")]
    // Figure abbreviations without their stop, or with F read as P, written the document's way
    [InlineData("seen (Fig.1) and (Fig 3), then (Fig-4B) and (Pig.5)", "seen (Fig.1) and (Fig.3), then (Fig.4B) and (Fig.5)")]
    // Letters that look like digits where a number stands: before a unit or a counted time noun
    [InlineData("tapered to LO mg after S weeks, a SO-mm cyst, Omm margin", "tapered to 10 mg after 5 weeks, a 50-mm cyst, 0mm margin")]
    [InlineData("a J-month course of the drug", "a 1-month course of the drug")]
    [InlineData("a mean gradient of 4@ mmHg", "a mean gradient of 40 mmHg")]
    // An S for a 5 after a number's decimal digits or opening a number before a unit
    [InlineData("ferritin S12 ng/ml and LVEF=0.6S on day 3", "ferritin 512 ng/ml and LVEF=0.65 on day 3")]
    // A bracket nothing answers before a number and its unit, per cent sign or range is the digit 1
    [InlineData("dry for the first [8 h of the stay.", "dry for the first 18 h of the stay.")]
    [InlineData("then at }00% and (5-20 drops.", "then at 100% and 15-20 drops.")]
    // A stop after a unit, an upper-case code or an abbreviation's own stop, before a lower-case word, is a comma
    [InlineData("urea 7 mmol/L. sodium 139 mmol/L, a chest CT. renal MRI and Acme Ltd.. the maker", "urea 7 mmol/L, sodium 139 mmol/L, a chest CT, renal MRI and Acme Ltd., the maker")]
    // Line-break hyphens across a blank line, after a letter or code, between two names
    [InlineData("the margin was well-\n\ndefined and T-\ncells and pkcA-\nmediated loss, a Kaplan-\nMeier curve", "the margin was well-defined and T-cells and pkcA-mediated loss, a Kaplan-Meier curve")]
    // A space before a slash between words; a stop between a number and its unit
    [InlineData("pain frequency /intensity and 12 cells /mm3, a 4.cm cyst", "pain frequency/intensity and 12 cells/mm3, a 4 cm cyst")]
    // A short opener run into the next word at a sentence start
    [InlineData("It healed. Atthat point she left.\nAneurysm was absent. Asevere rash followed. At5 years he was well.", "It healed. At that point she left.\nAneurysm was absent. A severe rash followed. At 5 years he was well.")]
    // Brackets: a brace for a square bracket, spaces inside a bracket pair
    [InlineData("as reported [4, 7} and ( 20%) of cases (TTE )", "as reported [4, 7] and (20%) of cases (TTE)")]
    // Context: a real word one edit from a collocation's modifier
    [InlineData("after tonal thyroidectomy", "after total thyroidectomy")]
    [InlineData("she had radial right nephrectomv", "she had radical right nephrectomy")]
    public void Mechanism_repairs_its_error(string input, string expected)
    {
        var result = Clean(input);
        Assert.Equal(expected, result.Text);
        Assert.All(result.Corrections, c => Assert.Equal(c.Original, input[c.Start..c.End]));
    }

    [Theory]
    [InlineData("Dr Gollwitzer and Escudier reported on Kiyo.")]      // names inside a sentence
    [InlineData("The IgG4 level, CD20 and HbA1c were measured.")]    // codes
    [InlineData("The radial artery was used for access.")]            // a real word outside its collocation
    [InlineData("He walked 5 in 10 trials and came on time.")]        // words after numbers are not units
    [InlineData("Table I lists the lesions; the ‘good’ eye was spared.")]  // Roman numeral, a quoted word
    [InlineData("the 800 mg/D dose of XYZ-123 was stopped")]
    [InlineData("pulmonary oedema and haematemesis were centred on cytokeratins")]  // British spellings, inflections
    [InlineData("an abdomino-pelvic scan and the Tn antigen")]        // compound parts, short names
    [InlineData("Short heading line\n\nThe text starts here.")]       // headings keep their layout
    [InlineData("| Trial | Month | Dose |\n| Kato | 3 | 2 mg |")]          // bars that rule the columns of a table
    [InlineData("see Smith et al. for details, approx. the same")]   // abbreviations keep their stops
    [InlineData("the wound was inspected. qzvrtk xwq lines")]          // a garbled next word does not tell
    [InlineData("Wait... The end.. of it")]
    [InlineData("The patient recovered well and was seen again in the clinic in May.\nA control scan showed no tumour (see figure)")]   // a note after a finished sentence
    [InlineData("A single line of a paragraph cut at the end of the page with no stop")]   // one line: a heading or a cut paragraph                            // an ellipsis, a doubled stop before a lower-case garble
    [InlineData("The drugs given to the patient over the first week were as follows:\n\nThe first was aspirin.")]   // a colon that announces
    [InlineData("samples from Tokyo, Japan and Jinan, China were used")]  // names after commas
    [InlineData("as reported (1997), The Digital Phone was tested")]   // a title after a reference
    [InlineData("as shown in Fig. 3 and Figure 2 B of the paper")]    // spaced figure references when none is written joined
    [InlineData("the result—a clear gain—held, and 12 — 14 words")]     // em dashes in prose
    [InlineData("ST elevation in leads V1 to V4 and type 1 diabetes")]  // codes after numbered nouns
    [InlineData("type 1 diabetes and type II error, group | and group 2, type TB")]  // one Roman use; digits beside; TB
    [InlineData("a nodule (diameter 25\nrama) and [see the tabula]")]   // brackets that close an opening one
    [InlineData("a 0x1F code, the 4x speed and T cells")]     // hexadecimal, a factor without a product
    [InlineData("the pain was carried\nOut to the flank and the long mass on the image was\nLocated in the pelvis.")]  // particles and participles after a line break
    [InlineData("the rights of a $5 fee were paid, and $12 more")]      // dollar amounts without a unit or an S code
    [InlineData("write to anna7@host.org; 2 tablets @ 8 h")]   // an address, a spaced "at"
    [InlineData("on the T1 No change was seen; TO NO one")]   // a lower-case o, no T digit
    [InlineData("S100 protein, an S3 sound, the S12 segment and T0.5S")]   // S codes without a unit stay
    [InlineData("given aspirin (75 mg daily\n\nfor a week), then [3 h] later and (2 of 5) at J months")]   // brackets that pair up, even across a break
    [InlineData("the sound /s/ and the end. Then 3.5 cm")]             // a slash pair, decimals
    [InlineData("amylase 90 IU/L, type I days, SO much, Fig 2 of the atlas, ferritin 40 mg/l")]   // units with I, Roman numerals, words, no figure convention, litres
    public void Correct_text_is_not_changed(string input)
    {
        var result = Clean(input);
        Assert.Equal(input, result.Text);
    }

    [Theory]
    [InlineData("seen in 1902-\ncarcinorna cases and the valve was replaced. which was\n")]
    [InlineData("pain in the Jeft leg, The lesion measured 3 om,\n\nThe next day tbe scan was clear")]
    [InlineData("grade3 toxicity ot the liver; pT2NOMO; 10 MTU x3/W; carcino-\nrna of the lyrnph node")]
    public void Cleaning_runs_to_a_fixed_point(string input)
    {
        // Later rounds are folded into input-offset corrections, and a second cleaning finds nothing left to apply.
        var once = Clean(input);
        var twice = Clean(once.Text);
        Assert.Equal(once.Text, twice.Text);
        Assert.DoesNotContain(twice.Corrections, c => c.Applied);
        Assert.All(once.Corrections, c => Assert.Equal(c.Original, input[c.Start..c.End]));
        Assert.Equal(once.Text, Extractor.Core.EditMap.Apply(input, once.Corrections.Where(c => c.Applied).Select(c => new Extractor.Core.TextEdit(c.Start, c.End, c.Corrected))).Text);
    }

    [Fact]
    public void A_repeated_error_beside_a_more_frequent_word_is_repaired()
    {
        // OCR repeats its errors on a page: three times "tluid" beside "fluid" five times.
        var input = "the tluid level, fluid intake, the tluid balance, fluid loss, fluid status, the tluid volume, fluid therapy, fluid shift";
        Assert.Equal(input.Replace("tluid", "fluid"), Clean(input).Text);
        // A word the document repeats and no more frequent word explains stays.
        var names = "the ventriculoatrial shunt; a ventriculoatrial catheter; the ventriculoatrial route";
        Assert.Equal(names, Clean(names).Text);
    }

    [Fact]
    public void A_real_word_error_is_repaired_by_the_neighbours_its_confusion_has_elsewhere()
    {
        // The document itself: "with steroids" three times, "wilh steroids" nowhere else.
        var doc = "She was treated with steroids. He was treated with steroids. They were treated with steroids. Her son was treated wilh steroids.";
        Assert.Equal(doc.Replace("wilh", "with"), Clean(doc).Text);
        // The batch: "the right kidney" in five other texts makes "the tight kidney" a misreading; a plain word as written
        // whose neighbours do not both go with the other word stays ("tight junction").
        var others = Enumerable.Range(0, 10).Select(i => $"Report {i}: a cyst of the right kidney was seen on the right side.").ToList();
        var text = "Ultrasound showed the tight kidney enlarged.";
        var kept = "Its tight junction proteins were normal.";
        var options = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(text).Append(kept)) };
        var cleaned = new OcrCleaner(options).Clean(text);
        Assert.Equal("Ultrasound showed the right kidney enlarged.", cleaned.Text);
        Assert.Contains(cleaned.Corrections, c => c.Kind == "context.neighbours" && c.Original == "tight" && c.Applied);
        Assert.Equal(kept, new OcrCleaner(options).Clean(kept).Text);
        // Without the batch nothing supports the change.
        Assert.Equal(text, Clean(text).Text);
    }

    [Fact]
    public void A_long_word_two_edits_from_a_word_the_text_uses_is_repaired()
    {
        // No known word is one edit from "purameturs"; "parameters" is two, and other texts of the batch use it.
        var others = new[] { "The ventilator parameters were set.", "Blood parameters improved." };
        var text = "Ventilation purameturs were adjusted.";
        var options = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(text)) };
        var cleaned = new OcrCleaner(options).Clean(text);
        Assert.Equal("Ventilation parameters were adjusted.", cleaned.Text);
        Assert.Contains(cleaned.Corrections, c => c.Original == "purameturs" && c.Applied && c.Reason.Contains("two edits"));
        // Without a batch the two blind edits are no evidence: the word stays.
        Assert.Equal(text, Clean(text).Text);
    }

    [Fact]
    public void The_two_edit_search_finds_words_two_edits_apart_and_in_one_spot()
    {
        var words = new[] { "parameters", "transferred", "treatment", "negative" };
        var lex = new AffixFilter(words, 6);
        var set = new HashSet<string>(words);
        Dictionary<string, Candidate> Two(string w) => ConfusionModel.Shared.CandidatesTwo(w, x => set.Contains(x.ToString()), lex);
        Assert.Contains("parameters", Two("purameturs").Keys);     // two substitutions apart
        Assert.Contains("transferred", Two("transfeved").Keys);    // substitution and insertion in one spot
        Assert.Contains("negative", Two("nefatiwe").Keys);
        Assert.Empty(Two("xqzvbnwpoy"));
    }

    [Fact]
    public void Neighbour_pairs_decide_between_the_candidates_of_a_non_word()
    {
        // "liver" stands beside "the" and "was" elsewhere in the text; the other candidates (user, laser) do not.
        var doc = "The biopsy of the liver was normal. A liver biopsy showed fat. The liver was large.\nThe iiser was enlarged.";
        Assert.Equal(doc.Replace("iiser", "liver"), Clean(doc).Text);
        // Alone, the same word is only a suggestion.
        var alone = Clean("The iiser was enlarged.");
        Assert.Equal("The iiser was enlarged.", alone.Text);
        Assert.Contains(alone.Corrections, c => c.Original == "iiser" && !c.Applied);
    }

    [Fact]
    public void A_line_break_inside_a_sentence_does_not_start_one()
    {
        // The line before ends in a lower-case word: the capital J is a misread l, not a sentence start.
        Assert.Equal("The mass was in the left\nlower lobe of the gland.", Clean("The mass was in the left\nJower lobe of the gland.").Text);
    }

    [Theory]
    // a misread opener (same initial, one edit from a common word), a bracket of words, a comma after a number
    [InlineData("The wound healed well and the drain was removed without any delay\nAftcr two weeks she went home.",
                "The wound healed well and the drain was removed without any delay.\nAfter two weeks she went home.")]
    [InlineData("Cells were also seen in the marrow of the iliac crest (Fig.3)\nNo brain lesions were found.",
                "Cells were also seen in the marrow of the iliac crest (Fig.3).\nNo brain lesions were found.")]
    [InlineData("She first noticed a cough in the late spring of the year 2014,\nHe had smoked for years.",
                "She first noticed a cough in the late spring of the year 2014.\nHe had smoked for years.")]
    // a name no reading explains stays inside the sentence
    [InlineData("The slides were reviewed again by our senior pathologist\nKowalsky and colleagues.",
                "The slides were reviewed again by our senior pathologist\nKowalsky and colleagues.")]
    public void A_sentence_start_at_a_line_break_gets_its_lost_stop(string input, string expected) =>
        Assert.Equal(expected, Clean(input).Text);

    [Fact]
    public void A_word_only_the_large_list_knows_yields_to_a_far_more_frequent_pair_across_the_batch()
    {
        // OCR repeats "CT sean" in one other text, "CT scan" stands in twelve.
        var others = Enumerable.Range(0, 12).Select(i => $"Report {i}: a CT scan of the chest was done.").Append("The CT sean of the head was clear.").ToList();
        var text = "Her CT sean showed nothing new.";
        var options = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(text)) };
        Assert.Equal("Her CT scan showed nothing new.", new OcrCleaner(options).Clean(text).Text);
        Assert.Equal(text, Clean(text).Text);   // without the batch: a word as written
    }

    [Fact]
    public void A_short_word_a_weak_confusion_from_a_frequent_function_word_is_repaired_by_its_neighbours()
    {
        // n read for s is a weak confusion (seen twice in training), enough only towards a word like "was"; "wan" is
        // English, so both neighbours must go with "was" in other texts of the batch.
        var others = Enumerable.Range(0, 12).Select(i => $"Report {i}: the dose was reduced and the drug was stopped.").ToList();
        var text = "Later the dose wan stopped.";
        var options = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(text)) };
        Assert.Equal("Later the dose was stopped.", new OcrCleaner(options).Clean(text).Text);
        // Without the batch the neighbours say nothing.
        Assert.Equal(text, Clean(text).Text);
    }

    [Fact]
    public void A_lone_digit_where_only_the_article_fits_is_the_article_a()
    {
        // The batch writes "with a" and "a small" elsewhere; no unit, plural or range follows the mark.
        var others = Enumerable.Range(0, 6).Select(i => $"Case {i}: she came with a small rash on the arm.").ToList();
        var text = "He came with 4 small ulcer on the lip and 2 cysts, then with 2 mg of it and with » small wound.";
        var options = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(text)) };
        Assert.Equal("He came with a small ulcer on the lip and 2 cysts, then with 2 mg of it and with a small wound.", new OcrCleaner(options).Clean(text).Text);
        // Counts stay: a plural ahead, a numbered noun before.
        string counts = "He came with 4 small ulcers on the lip at grade 2 small scale.";
        Assert.Equal(counts, new OcrCleaner(options with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(counts)) }).Clean(counts).Text);
    }

    [Fact]
    public void A_short_rare_word_becomes_the_function_word_its_neighbours_go_with()
    {
        var others = Enumerable.Range(0, 10).Select(i => $"Case {i}: the drug was stopped prior to surgery and we looked in the chart.").ToList();
        var text = "The drug was stopped prior fo surgery.";
        var options = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(text)) };
        Assert.Equal("The drug was stopped prior to surgery.", new OcrCleaner(options).Clean(text).Text);
        // One side only, and that side a function word ("in the" is everywhere): no evidence.
        string alone = "A value ix the range.";
        Assert.Equal(alone, new OcrCleaner(options with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(alone)) }).Clean(alone).Text);
    }

    [Fact]
    public void A_short_rare_word_at_a_sentence_start_becomes_the_opener_the_next_word_goes_with()
    {
        var others = Enumerable.Range(0, 10).Select(i => $"Case {i}: for the rash we gave a cream.").ToList();
        var text = "It itched. Fop the rash we gave a cream.";
        var options = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(text)) };
        Assert.Equal("It itched. For the rash we gave a cream.", new OcrCleaner(options).Clean(text).Text);
        // Inside a sentence a capitalised short word is a name or code: left alone.
        string inside = "It itched and Fop the rash we gave a cream.";
        Assert.Equal(inside, new OcrCleaner(options with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(inside)) }).Clean(inside).Text);
    }

    [Fact]
    public void A_plural_the_lexicon_lacks_is_spelled_from_its_singular()
    {
        // The lexicon lists "adenofibroma" but not its plural; "rn" is a misread "m".
        Assert.Equal("Two adenofibromas were removed.", Clean("Two adenofibrornas were removed.").Text);
    }

    [Fact]
    public void Batch_document_frequencies_count_each_text_once_and_exclude_the_text_itself()
    {
        var df = CleanupContext.DocumentFrequencies(["Signal and signal", "the signal", "noise"]);
        Assert.Equal(2, df["signal"]);
        Assert.Equal(1, df["noise"]);
        Assert.False(df.ContainsKey("Signal"));
        Assert.Equal(1, df["the signal"]);           // word pairs too, for context
        Assert.Equal(1, df["signal and"]);
        var options = CleanupOptions.Default with { CorpusCounts = df };
        var ctx = new CleanupContext("signal processing", Lexicon.Shared, CleanupData.Shared, ConfusionModel.Shared, options);
        Assert.Equal(2, ctx.CountOf("signal"));     // once here, once in another text of the batch
        Assert.Equal(1, ctx.CountOf("noise"));      // only in another text
        Assert.Equal(0, ctx.CountOf("absent"));
    }

    [Fact]
    public void Uncertain_changes_are_logged_as_suggestions_only()
    {
        // Neither the joined word nor its parts are known: a suggestion, not a change.
        var input = "the zqxvw-\nbrtlk sign";
        var result = Clean(input);
        Assert.Equal(input, result.Text);
        var c = Assert.Single(result.Corrections);
        Assert.False(c.Applied);
        Assert.Equal("dehyphenation", c.Kind);
    }

    [Fact]
    public void Confusion_table_parses_multi_character_and_empty_sides()
    {
        var table = CleanupData.ParseConfusions(["rn\tm\t40", "\"\"\t.\t2", "bad line"]);
        Assert.Equal(2, table.Count);
        Assert.Equal(("rn", "m"), (table[0].Observed, table[0].Intended));
        Assert.Equal("", table[1].Observed);
        var model = new ConfusionModel(table);
        Assert.Contains(model.TableEdits("cornrnon"), e => e.Text == "cornmon");
    }

    [Fact]
    public void Cleaner_is_safe_to_share_between_threads()
    {
        var input = "She underwent nephrectomv; staged pT2NOMO; given 10 MTU.\n";
        var expected = Clean(input).Text;
        var results = new string[16];
        Parallel.For(0, results.Length, i => results[i] = OcrCleaner.Instance.Clean(input).Text);
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
