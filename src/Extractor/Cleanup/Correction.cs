namespace Extractor.Cleanup;

/// <summary>
/// One change the cleanup made, or proposed without applying. <see cref="Start"/>/<see cref="End"/> are offsets in the
/// input text as read; <see cref="Original"/> is exactly that input text.
/// </summary>
public sealed record Correction(
    int Start,
    int End,
    string Original,
    string Corrected,
    string Kind,        // mechanism: lexicon, confusion, context, grammar.tnm, grammar.unit, greek, dehyphenation, spacing, ...
    double Confidence,  // 0..1
    bool Applied,
    string Reason = "");

/// <summary>What cleanup produced: the cleaned text, the map back to the input, and every change and suggestion.</summary>
public sealed record CleanResult(string Text, Core.EditMap Map, IReadOnlyList<Correction> Corrections)
{
    public int AppliedCount => Corrections.Count(c => c.Applied);
}

/// <summary>Turns an input text into a cleaned text plus its edit map and correction log.</summary>
public interface ICleaner
{
    CleanResult Clean(string text);
}

/// <summary>A cleaner that changes nothing; for callers that want extraction on the text as read.</summary>
public sealed class IdentityCleaner : ICleaner
{
    public static readonly IdentityCleaner Instance = new();
    public CleanResult Clean(string text) => new(text, Core.EditMap.Identity, []);
}
