namespace Extractor.Language.Patterns;

/// <summary>
/// <see cref="AnalyzedDocument.Locate"/> with the cleaned span and the input span trimmed of surrounding whitespace: a
/// cleanup edit that replaced " radial" as a whole would otherwise make a span start at the space before the word,
/// and a pattern that took a leading space would give a cleaned span the input span does not have.
/// </summary>
public static class Provenance
{
    public static Location Locate(AnalyzedDocument document, int start, int end)
    {
        // Trim the cleaned span too, so start/end and source_start/source_end cover the same text.
        string clean = document.Text;
        int s0 = start, e0 = end;
        while (start < end && char.IsWhiteSpace(clean[start])) start++;
        while (end > start && char.IsWhiteSpace(clean[end - 1])) end--;
        if (start == end) (start, end) = (s0, e0);
        var loc = document.Locate(start, end);
        string input = document.Source.Text;
        int ss = loc.SourceStart, se = loc.SourceEnd;
        while (ss < se && char.IsWhiteSpace(input[ss])) ss++;
        while (se > ss && char.IsWhiteSpace(input[se - 1])) se--;
        if (ss == loc.SourceStart && se == loc.SourceEnd) return loc;
        return loc with { SourceStart = ss, SourceEnd = se, Page = document.Source.PageAt(ss) };
    }
}
