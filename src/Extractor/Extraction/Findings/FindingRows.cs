using Extractor.Language;
using Extractor.Language.Patterns;

namespace Extractor.Extraction.Findings;

/// <summary>A finding before provenance: field, name, value, unit, qualifier and its span in the cleaned text.</summary>
public readonly record struct FoundFact(string Field, string Name, string Value, string Unit, string Qualifier, int Start, int End, bool Negated = false);

/// <summary>Turns found facts into rows with provenance.</summary>
public static class FindingRows
{
    public static Finding ToRow(AnalyzedDocument document, FoundFact f)
    {
        var loc = Provenance.Locate(document, f.Start, f.End);
        return new Finding
        {
            DocumentId = document.DocumentId,
            Field = f.Field, Name = f.Name, Value = f.Value, Unit = f.Unit, Qualifier = f.Qualifier,
            Negated = f.Negated,
            Start = loc.Start, End = loc.End,
            SourceStart = loc.SourceStart, SourceEnd = loc.SourceEnd,
            Page = loc.Page, Evidence = loc.Evidence,
        };
    }
}
