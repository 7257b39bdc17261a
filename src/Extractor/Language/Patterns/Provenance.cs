namespace Extractor.Language.Patterns;

/// <summary>
/// <see cref="AnalyzedDocument.Locate"/> with the input span trimmed of surrounding whitespace: a cleanup edit that
/// replaced " radial" as a whole would otherwise make a span start at the space before the word.
/// </summary>
public static class Provenance
{
    public static Location Locate(AnalyzedDocument document, int start, int end)
    {
        var loc = document.Locate(start, end);
        string input = document.Source.Text;
        int ss = loc.SourceStart, se = loc.SourceEnd;
        while (ss < se && char.IsWhiteSpace(input[ss])) ss++;
        while (se > ss && char.IsWhiteSpace(input[se - 1])) se--;
        if (ss == loc.SourceStart && se == loc.SourceEnd) return loc;
        return loc with { SourceStart = ss, SourceEnd = se, Page = document.Source.PageAt(ss) };
    }
}
