using Extractor.Extraction.Doses;
using Extractor.Extraction.Drugs;

namespace Extractor.Extraction.Tables;

/// <summary>
/// The default arm vocabulary: the medication extractor's <see cref="DrugLexicon"/> (names, brands, abbreviations
/// such as Sora, Nivo, IFN-a-2b; unknown names by INN stem when a dose follows) and <see cref="DoseParser"/>.
/// Class mentions ("chemotherapy") are left out: an arm of a trial table names its drugs.
/// </summary>
public sealed class MedicationArmVocabulary(DrugLexicon? lexicon = null) : IArmVocabulary
{
    public static readonly MedicationArmVocabulary Instance = new();
    private DrugLexicon Lexicon => lexicon ?? DrugLexicon.Default;

    private static readonly HashSet<string> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        "mg", "g", "ug", "µg", "μg", "mcg", "ng", "kg", "m2", "IU", "MIU", "MU", "U", "mL", "ml", "mEq", "mmol", "q2w", "q3w", "q4w", "qd", "bid", "tid", "qid", "daily", "weekly", "iv", "po", "sc",
    };

    public IReadOnlyList<DrugSpan> FindDrugs(string text, int start, int end)
    {
        var options = new DrugFindOptions { IncludeClasses = false, DoseContext = (s, e) => DoseFollows(text, e, end) };
        return Lexicon.Find(text, start, end, options).Select(m => new DrugSpan(m.Start, m.End, m.Name)).ToArray();
    }

    // A dose within a few characters after a candidate name ("Xyzumab 3 mg/kg") lets an unlisted INN stem count.
    private static bool DoseFollows(string text, int nameEnd, int end)
    {
        int stop = Math.Min(end, nameEnd + 16);
        return stop > nameEnd && DoseParser.Parse(text, nameEnd, stop) is { } d && d.Start - nameEnd <= 4;
    }

    public IReadOnlyList<DoseSpan> FindDoses(string text, int start, int end) =>
        DoseParser.ParseAll(text, start, end)
            .Select(d => new DoseSpan(d.Start, d.End, d.Value, d.Unit, d.Frequency, d.DosesPerWeek)).ToArray();

    public IReadOnlyList<DrugSpan> FindClasses(string text, int start, int end) =>
        Lexicon.Find(text, start, end, new DrugFindOptions { IncludeClasses = true })
            .Where(m => m.Entry.IsClass).Select(m => new DrugSpan(m.Start, m.End, m.Name)).ToArray();

    public bool IsKnownTerm(string word) => Units.Contains(word) || Lexicon.Lookup(word) is { IsClass: false };
}
