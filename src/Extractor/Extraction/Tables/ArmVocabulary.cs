namespace Extractor.Extraction.Tables;

/// <summary>A drug named in a table cell: its span in the cleaned text and its canonical name (lower-case INN, or "placebo").</summary>
public readonly record struct DrugSpan(int Start, int End, string Drug);

/// <summary>A dose in a table cell: span, value, canonical unit, frequency ("1/d", "3/wk", "1/3wk") and doses per week.</summary>
public readonly record struct DoseSpan(int Start, int End, string Value, string Unit, string Frequency, string DosesPerWeek);

/// <summary>
/// The drug and dose grammar the table reader uses for arm cells. The default adapts the medication extractor's
/// lexicon and dose parser, so tables and running text name drugs the same way.
/// </summary>
public interface IArmVocabulary
{
    IReadOnlyList<DrugSpan> FindDrugs(string text, int start, int end);
    IReadOnlyList<DoseSpan> FindDoses(string text, int start, int end);
    /// <summary>True when a single word is a drug name or abbreviation, or a dose unit (used to tell data from garbage).</summary>
    bool IsKnownTerm(string word);
    /// <summary>Drug classes named as a whole arm ("Chemotherapy", "Chemo"): used only when the arm names no drug.</summary>
    IReadOnlyList<DrugSpan> FindClasses(string text, int start, int end) => [];
}
