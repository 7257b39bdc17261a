using Extractor.Cleanup;

namespace Extractor.Tests.Cleanup;

/// <summary>Codes misread by OCR, repaired by the document's and the batch's own codes (invented texts).</summary>
public class CodeGrammarTests
{
    private static CleanResult Clean(string text) => OcrCleaner.Instance.Clean(text);

    [Theory]
    // The document writes the code twice elsewhere: one confusion (T for I, A for R) makes the token that code.
    [InlineData("The IVC was dilated. The IVC filter and the TVC wall were intact.", "The IVC was dilated. The IVC filter and the IVC wall were intact.")]
    [InlineData("Contrast MRA showed stenosis. MRA of the neck and MAA of the head followed.", "Contrast MRA showed stenosis. MRA of the neck and MRA of the head followed.")]
    // A mark at a code's edge (a square bracket no bracket pairs with, an exclamation mark) needs one other use.
    [InlineData("The PPI was stopped; PP! therapy resumed later.", "The PPI was stopped; PPI therapy resumed later.")]
    [InlineData("the IVC was narrow; the [VC filter was removed", "the IVC was narrow; the IVC filter was removed")]
    [InlineData("an EC50 of 4 nM (EC5O), twice the EC50 of the parent line", "an EC50 of 4 nM (EC50), twice the EC50 of the parent line")]
    // A code in a series: letters that look like digits after the series' letters, a sibling code close by.
    [InlineData("screws in the pedicles of T9, TIO and T11", "screws in the pedicles of T9, T10 and T11")]
    [InlineData("tumour cells were CD4 and CDS positive", "tumour cells were CD4 and CD5 positive")]
    // A final 1 read as I in a code the document repeats, where it writes the code with 1 too; after a hyphen as well.
    [InlineData("an NTRKI fusion was found in the tumour of the lung. The NTRKI probe was split, and in the second sample of the tumour NTRK1 signals were seen.", "an NTRK1 fusion was found in the tumour of the lung. The NTRK1 probe was split, and in the second sample of the tumour NTRK1 signals were seen.")]
    [InlineData("the FGF-I level was high; FGF-1 was then given", "the FGF-1 level was high; FGF-1 was then given")]
    // A digit and its look-alike side by side, the document writing the code once.
    [InlineData("Anti-Jo1 was found. Jol1 titres fell later.", "Anti-Jo1 was found. Jo1 titres fell later.")]
    public void A_code_the_document_writes_elsewhere_replaces_its_misreading(string input, string expected)
    {
        var result = Clean(input);
        Assert.Equal(expected, result.Text);
        Assert.Contains(result.Corrections, c => c.Kind == "grammar.code" && c.Applied);
    }

    [Theory]
    // Nothing in the document to say so: a single other use of a look-alike is no evidence.
    [InlineData("The IVC filter and the TVC wall were intact.")]
    // Roman numerals, doubled letters, real square brackets and ordinary capitalised words stay.
    [InlineData("stage II disease with LA and LAA thrombus; grade III and grade IIl")]
    [InlineData("the ICT team met; the ICT plan; a scan [CT was repeated] in May")]
    [InlineData("The AKI resolved. AKT signalling was not studied.")]
    // No sibling close by, or a two-letter word between siblings: the series says nothing.
    [InlineData("the CDS of the gene was sequenced; TIO was low")]
    [InlineData("the forms C0/CI/C3 of the verb")]
    [InlineData("IGF-I and IGF-II were measured; the ABCI and ABCI genes")]
    [InlineData("Type 2 diabetes (T2DM); figures 1A and 2A; 200mL and 2000mL")]
    public void Codes_without_evidence_stay(string input)
    {
        var result = Clean(input);
        Assert.DoesNotContain(result.Corrections, c => c.Kind == "grammar.code" && c.Applied);
    }

    [Fact]
    public void A_code_ending_in_its_number_is_not_read_as_a_letter()
    {
        // OCR reads a code's last 1 as I, hardly the reverse: FEV1 stays although the document writes FEVI twice
        // (those become FEV1: the series beside them).
        var result = Clean("FEV1 was normal; FEVI fell; FEVI rose.");
        Assert.DoesNotContain(result.Corrections, c => c.Original == "FEV1" && c.Applied);
        Assert.StartsWith("FEV1 was normal", result.Text);
    }

    [Fact]
    public void The_batch_makes_a_code_the_document_lacks()
    {
        // Two other texts write CMV; nothing writes CMY: a capital Y for V in a code.
        var others = new[] { "CMV serology was negative.", "He had CMV infection." };
        var text = "Hepatitis B and CMY tests were negative.";
        var options = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(text)) };
        var cleaned = new OcrCleaner(options).Clean(text);
        Assert.Equal("Hepatitis B and CMV tests were negative.", cleaned.Text);
        Assert.Contains(cleaned.Corrections, c => c.Kind == "grammar.code" && c.Reason.Contains("batch"));
        // A batch that also writes the token as it stands keeps it; and without a batch nothing changes.
        var both = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append("CMY is a colour model.").Append(text)) };
        Assert.Equal(text, new OcrCleaner(both).Clean(text).Text);
        Assert.Equal(text, Clean(text).Text);
        // A lower-case letter read back as a capital (a subscript, a variable: TRj) is not taken from the batch alone.
        var vars = new[] { "TRI was founded.", "TRI International" };
        var formula = "the triples (Ap, TRj, Bk) of the graph";
        var opts = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(vars.Append(formula)) };
        var kept = new OcrCleaner(opts).Clean(formula);
        Assert.Equal(formula, kept.Text);
        Assert.Contains(kept.Corrections, c => c.Kind == "grammar.code" && c.Original == "TRj" && !c.Applied);   // only suggested
    }

    [Fact]
    public void A_dollar_before_a_number_is_an_S_code_the_document_or_batch_writes()
    {
        // The document writes other S codes (a heart sound S2): its $4 is S4.
        Assert.Equal("S2 was split and an S4 was heard", Clean("S2 was split and an $4 was heard").Text);
        // Two other texts write one-digit S codes: the batch says so.
        var others = new[] { "S1 and S2 were normal.", "A soft S2 and no S1 click." };
        string text = "a gallop with an $3, and rales";
        var options = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(text)) };
        Assert.Equal("a gallop with an S3, and rales", new OcrCleaner(options).Clean(text).Text);
        // Amounts stay: a decimal part, a value after a verb, and no evidence at all.
        foreach (var amount in new[] { "a fee of $3.50 was paid", "the charge was $3 in all" })
            Assert.Equal(amount, new OcrCleaner(options with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(amount)) }).Clean(amount).Text);
        Assert.Equal(text, Clean(text).Text);
    }

    [Fact]
    public void An_opening_mark_before_a_code_needs_one_other_text()
    {
        var others = new[] { "Intravascular ultrasound (IVUS) was used." };
        string text = "the [VUS run showed a plaque";
        var options = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(text)) };
        Assert.Equal("the IVUS run showed a plaque", new OcrCleaner(options).Clean(text).Text);
        // Without the mark the one text is no evidence; without a batch nothing changes.
        string plain = "the TVUS run showed a plaque";
        Assert.Equal(plain, new OcrCleaner(options with { CorpusCounts = CleanupContext.DocumentFrequencies(others.Append(plain)) }).Clean(plain).Text);
        Assert.Equal(text, Clean(text).Text);
        // A code numbered after a hyphen, too.
        var viral = new[] { "The HPV-16 test was positive." };
        string typed = "an HPY-18 probe was used";
        var withViral = CleanupOptions.Default with { CorpusCounts = CleanupContext.DocumentFrequencies(viral.Append(typed)) };
        Assert.Equal("an HPV-18 probe was used", new OcrCleaner(withViral).Clean(typed).Text);
    }

    [Fact]
    public void Batch_counts_hold_codes_as_written_beside_lower_cased_words()
    {
        var df = CleanupContext.DocumentFrequencies(["MRI and MRI again", "an MRI scan", "IgM and B12"]);
        Assert.Equal(2, df["MRI"]);
        Assert.Equal(1, df["IgM"]);
        Assert.Equal(1, df["B12"]);
        Assert.Equal(2, df["mri"]);            // the word count is unchanged
        Assert.False(df.ContainsKey("Signal"));
        Assert.True(TokenGrammars.IsCodeShaped("A1c"));
        Assert.False(TokenGrammars.IsCodeShaped("Signal"));
        Assert.False(TokenGrammars.IsCodeShaped("mri"));
    }
}

/// <summary>Units in their slots: after a number (also after a hyphen or before "-sized"), after a word and a slash (invented texts).</summary>
public class UnitSlotTests
{
    private static string Clean(string text) => OcrCleaner.Instance.Clean(text).Text;

    [Theory]
    // Two confusions in a compound unit no word can be; a micro unit with one more confusion.
    [InlineData("lactate 6.1 mmo1/I on arrival", "lactate 6.1 mmol/l on arrival")]
    [InlineData("urea 7.2 mmvl/1 and urate 390 umoI/L today", "urea 7.2 mmol/l and urate 390 μmol/L today")]
    [InlineData("ammonia 95 ymo1/L at night", "ammonia 95 μmol/L at night")]
    // The unit's l read as a closing mark no bracket opened.
    [InlineData("albumin 3.1 g/d], ALT 40", "albumin 3.1 g/dl, ALT 40")]
    // ... also inside a round bracket that a ")" closes after it.
    [InlineData("(albumin 3.1 g/d], ALT 40 U/L)", "(albumin 3.1 g/dl, ALT 40 U/L)")]
    // A line ending between the number and its unit; a compound unit spaced after its slash.
    [InlineData("a stricture 30\nem above the anus", "a stricture 30\ncm above the anus")]
    [InlineData("urea 6.5 mmoi/ L, and a cyst ($\nmm) was seen", "urea 6.5 mmol/ L, and a cyst (8\nmm) was seen")]
    // A length after a hyphen, and before "-sized".
    [InlineData("through a 6-em incision", "through a 6-cm incision")]
    [InlineData("a 2 em-wide tear", "a 2 cm-wide tear")]
    // The second number of a range carries the unit.
    [InlineData("(reference 10-35 TU/mL)", "(reference 10-35 IU/mL)")]
    // A dose in mg read as a common word, where the dose goes on.
    [InlineData("prednisolone 30 me twice and 20 my orally", "prednisolone 30 mg twice and 20 mg orally")]
    // Micro after a word and a slash: y is never the author's micro.
    [InlineData("12 neutrophils/yL in the fluid", "12 neutrophils/μL in the fluid")]
    public void A_unit_in_its_slot_is_repaired(string input, string expected) => Assert.Equal(expected, Clean(input));

    [Theory]
    [InlineData("He gave 2 me a call and 3 my friends came.")]    // words after numbers where no dose goes on
    [InlineData("treated with 5-FU and a 3-D reconstruction")]     // names after a hyphen are no units
    [InlineData("a dose of 5 mg/d (once); iron 40 ug/dl")]           // a known unit stays; u edited twice is no unit
    [InlineData("the ratio (grade 2 [mg/d] basis) and/or yes/yo")] // a bracket that pairs up; no unit slot
    public void Words_and_author_spellings_stay(string input) => Assert.Equal(input, Clean(input));
}
