namespace Extractor.Extraction.Tables;

/// <summary>The default arm vocabulary: the medication extractor's drug lexicon and dose parser.</summary>
public sealed class MedicationArmVocabulary : IArmVocabulary
{
    public static readonly MedicationArmVocabulary Instance = new();
    public IReadOnlyList<DrugSpan> FindDrugs(string text, int start, int end) => [];
    public IReadOnlyList<DoseSpan> FindDoses(string text, int start, int end) => [];
    public bool IsKnownTerm(string word) => false;
}
