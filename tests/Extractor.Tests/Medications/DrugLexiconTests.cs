using Extractor.Extraction.Drugs;

namespace Extractor.Tests.Medications;

public class DrugLexiconTests
{
    private static readonly DrugLexicon Lexicon = DrugLexicon.Default;

    [Theory]
    [InlineData("Nexavar", "sorafenib")]
    [InlineData("Sora", "sorafenib")]
    [InlineData("IFN-α", "interferon alfa")]
    [InlineData("interferon alpha", "interferon alfa")]
    [InlineData("IFN-α-2b", "interferon alfa-2b")]
    [InlineData("IFN-a-2a", "interferon alfa-2a")]
    [InlineData("5-FU", "fluorouracil")]
    [InlineData("MTX", "methotrexate")]
    [InlineData("Nivo", "nivolumab")]
    [InlineData("Ipi", "ipilimumab")]
    [InlineData("IVIG", "intravenous immunoglobulin")]
    [InlineData("Lasix", "furosemide")]
    [InlineData("acetaminophen", "paracetamol")]
    [InlineData("Keppra", "levetiracetam")]
    [InlineData("TMP-SMX", "sulfamethoxazole/trimethoprim")]
    [InlineData("placebo", "placebo")]
    [InlineData("β-blocker", "beta blocker")]
    [InlineData("antibiotics", "antibiotic")]
    [InlineData("corticosteroids", "corticosteroid")]
    public void Normalizes_names_brands_abbreviations_and_classes(string written, string canonical)
        => Assert.Equal(canonical, Lexicon.Normalize(written));

    [Fact]
    public void Short_abbreviations_need_their_letter_case()
    {
        Assert.Equal("methotrexate", Lexicon.Normalize("MTX"));
        Assert.Null(Lexicon.Normalize("mtx"));
    }

    [Fact]
    public void Find_returns_offsets_and_longest_matches()
    {
        const string text = "Nivo 1 mg/kg + Ipi 3 mg/kg q3w; then interferon alpha-2b and low-molecular-weight heparin.";
        var found = Lexicon.Find(text);
        Assert.Equal(["nivolumab", "ipilimumab", "interferon alfa-2b", "low-molecular-weight heparin"], found.Select(f => f.Name));
        Assert.All(found, f => Assert.Equal(f.Text, text[f.Start..f.End]));
    }

    [Fact]
    public void Class_mentions_can_be_left_out()
    {
        var found = Lexicon.Find("antibiotics and diuretics, then furosemide", options: new DrugFindOptions { IncludeClasses = false });
        Assert.Equal("furosemide", Assert.Single(found).Name);
    }

    [Theory]
    [InlineData("started on tralokinumab", "tralokinumab", "monoclonal antibody")]
    [InlineData("switched to zanubrutinib", "zanubrutinib", "kinase inhibitor")]
    [InlineData("received fictoplatin", "fictoplatin", "platinum compound")]
    [InlineData("given azilsartan", "azilsartan", "angiotensin receptor blocker")]
    public void Unknown_names_with_strong_inn_stems_are_drugs(string text, string name, string cls)
    {
        var m = Assert.Single(Lexicon.Find(text));
        Assert.Equal(name, m.Name);
        Assert.Equal(cls, m.Class);
    }

    [Fact]
    public void Weak_stems_need_dose_context()
    {
        const string text = "Zorbamycin was used. Zorbamycin 500 mg was used.";
        Assert.Empty(Lexicon.Find(text));
        var found = Lexicon.Find(text, options: new DrugFindOptions { DoseContext = (s, e) => s > 20 });
        Assert.Equal(21, Assert.Single(found).Start);
    }

    [Fact]
    public void Ocr_damaged_long_names_match_by_edit_distance_only_with_dose_context()
    {
        const string text = "gemcitablne 1000 mg/m2";
        Assert.Empty(Lexicon.Find(text));
        var m = Assert.Single(Lexicon.Find(text, options: new DrugFindOptions { DoseContext = (_, _) => true }));
        Assert.Equal("gemcitabine", m.Name);
        Assert.Equal(DrugMatchKind.Fuzzy, m.Kind);
    }

    [Theory]
    [InlineData("April 2010")]
    [InlineData("total cholesterol was high")]
    [InlineData("interleukin 6 was raised")]
    public void Ordinary_words_are_not_drugs(string text)
        => Assert.Empty(Lexicon.Find(text, options: new DrugFindOptions { DoseContext = (_, _) => true }));

    [Theory]
    [InlineData("She was started on an angiotensin-converting enzyme (ACE) inhibitor and furosemide.", "angiotensin-converting enzyme (ACE) inhibitor", "ACE inhibitor")]
    [InlineData("Bleeding was controlled with fresh frozen plasma and cryoprecipitate.", "fresh frozen plasma", "blood product")]
    [InlineData("He needed packed red blood cells twice.", "packed red blood cells", "blood product")]
    [InlineData("Oral potassium supplementation was prescribed.", "potassium supplementation", "electrolyte supplementation")]
    [InlineData("She declined adjuvant treatment after the resection.", "adjuvant treatment", "adjuvant therapy")]
    [InlineData("An inotropic agent was needed on day 2.", "inotropic agent", "vasopressor")]
    [InlineData("He received six cycles of R-CHOP for the lymphoma.", "R-CHOP", "r-chop regimen")]
    [InlineData("Since then she has taken traditional Chinese medicine only.", "traditional Chinese medicine", "herbal medicine")]
    [InlineData("Adjuvant anti-estrogen therapy was declined.", "anti-estrogen therapy", "hormone therapy")]
    [InlineData("Smectite was given for the diarrhoea.", "Smectite", "diosmectite")]
    [InlineData("Oral hepatoprotectors were added.", "hepatoprotectors", "hepatoprotective agent")]
    public void Finds_class_blood_product_supplement_and_regimen_mentions(string text, string span, string canonical)
    {
        var m = Lexicon.Find(text).First();
        Assert.Equal(span, text[m.Start..m.End]);
        Assert.Equal(canonical, m.Entry.Name);
    }

    [Fact]
    public void Regimen_acronyms_that_are_words_need_their_capitals() => Assert.Empty(Lexicon.Find("Chop the onions and chop the herbs."));
}
