using System.Text.RegularExpressions;
using Extractor.Language;

namespace Extractor.Extraction.Bibliography;

/// <summary>
/// Bibliographic fields for documents.csv. Title: the heading lines at the top of the first page (lines set in
/// capitals, or else the first short line without a final period), joined with single spaces and kept as printed
/// (capitals stay capitals). Citation: the first citation line of the document itself, before any reference list, in
/// the forms "(Hinyokika Kiyo 53 : 323-326, 2009)", "Int J Urol 16: 45–50, 2009" and "J Urol. 2009;181:123-9"
/// (abbreviated last pages expanded: 123-9 -> 129).
/// </summary>
public sealed partial class BibliographyExtractor : IExtractor
{
    public static readonly BibliographyExtractor Instance = new();

    private const string Journal = @"(?<journal>[A-Z][A-Za-z]*\.?(?:[ ]+(?:[A-Z][A-Za-z]*\.?|of|and|&|the|in|für|de))*?)";

    // Journal Volume(Issue): first-last, Year   (in brackets or alone on a line)
    [GeneratedRegex(Journal + @"\s*,?\s+(?<volume>\d{1,4})\s*(?:\(\s*\d+(?:[-–]\d+)?\s*\))?\s*[:：]\s*(?<first>\d{1,5})\s*[-–−]\s*(?<last>\d{1,5})\s*[,;.]\s*(?<year>(?:19|20)\d\d)\b", RegexOptions.CultureInvariant)]
    private static partial Regex VolumeFirst();

    // Journal. Year;Volume(Issue):first-last   (Vancouver/PubMed style)
    [GeneratedRegex(Journal + @"\.?\s+(?<year>(?:19|20)\d\d)(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*(?<volume>\d{1,4})\s*(?:\(\s*\d+(?:[-–]\d+)?\s*\))?\s*:\s*(?<first>\d{1,5})\s*[-–−]\s*(?<last>\d{1,5})", RegexOptions.CultureInvariant)]
    private static partial Regex YearFirst();

    [GeneratedRegex(@"^\s*(?:references?|bibliography|literature cited|文献)\s*:?\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ReferencesHeading();

    [GeneratedRegex(@"^\s*(?:\[?\d{1,3}[\].)]|\d{1,3}\s)", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedReference();

    public void Extract(AnalyzedDocument document, ExtractionSink sink)
    {
        string text = document.Text;
        var (title, titleStart, titleEnd) = FindTitle(text);
        int limit = ReferencesStart(text);
        var info = sink.Info with { Title = title };
        var citation = FindCitation(text, limit);
        if (citation is { } c)
        {
            info = info with
            {
                Journal = c.Journal, Volume = c.Volume, FirstPage = c.FirstPage, LastPage = c.LastPage, Year = c.Year,
            };
        }
        sink.Info = info;
        _ = titleStart; _ = titleEnd;
    }

    /// <summary>Where the reference list starts (its heading), or the text length when there is none.</summary>
    public static int ReferencesStart(string text) => ReferencesHeading().Match(text) is { Success: true } r ? r.Index : text.Length;

    // A reference entry: "[12] Smith AB, Jones C." / "3. Smith AB," or a journal citation "2009;53(4):323-6".
    [GeneratedRegex(@"^\s*[\[(]?\d{1,3}[\]).]?\s+\p{Lu}[\p{L}'-]+\s+\p{Lu}{1,3}[,.]|(?:19|20)\d\d\s*;\s*\d{1,4}\s*(?:\(\s*\d+(?:[-–]\d+)?\s*\))?\s*:\s*\d+", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceEntry();

    /// <summary>True when the sentence is a bibliographic reference rather than prose about the patient.</summary>
    public static bool IsReferenceEntry(string sentence) => ReferenceEntry().IsMatch(sentence);

    public readonly record struct Citation(string Journal, string Volume, string FirstPage, string LastPage, string Year, int Start, int End);

    /// <summary>The document's own citation within text[0..limit), or null.</summary>
    public static Citation? FindCitation(string text, int limit)
    {
        var candidates = new List<Citation>();
        foreach (var rx in new[] { VolumeFirst(), YearFirst() })
        {
            foreach (Match m in rx.Matches(text[..limit]))
            {
                // A numbered entry of a reference list cites another paper.
                int lineStart = text.LastIndexOf('\n', Math.Max(0, m.Index - 1)) + 1;
                if (NumberedReference().IsMatch(text[lineStart..m.Index])) continue;
                string journal = Regex.Replace(m.Groups["journal"].Value, @"\s+", " ").Trim().TrimEnd('.');
                if (journal.Length < 3) continue;
                candidates.Add(new Citation(journal, m.Groups["volume"].Value, m.Groups["first"].Value,
                    ExpandLastPage(m.Groups["first"].Value, m.Groups["last"].Value), m.Groups["year"].Value, m.Index, m.Index + m.Length));
                break;
            }
        }
        return candidates.Count == 0 ? null : candidates.MinBy(c => c.Start);
    }

    /// <summary>"123", "9" -> "129"; "1234", "56" -> "1256"; a full last page stays.</summary>
    public static string ExpandLastPage(string first, string last) =>
        last.Length < first.Length ? first[..(first.Length - last.Length)] + last : last;

    /// <summary>The heading lines at the top of the text, joined with spaces, and their span.</summary>
    public static (string Title, int Start, int End) FindTitle(string text)
    {
        var lines = new List<(int Start, int End)>();
        int pos = 0;
        while (pos < text.Length)
        {
            int nl = text.IndexOfAny(['\n', '\f'], pos);
            int end = nl < 0 ? text.Length : nl;
            lines.Add((pos, end));
            if (nl < 0 || text[nl] == '\f') break;
            pos = nl + 1;
        }
        var title = new List<(int Start, int End)>();
        foreach (var (s, e) in lines)
        {
            var line = text.AsSpan(s, e - s).Trim();
            if (line.Length == 0) { if (title.Count > 0) break; continue; }
            if (IsCapitals(line)) { title.Add((s, e)); continue; }
            break;
        }
        if (title.Count == 0)
        {
            // First non-empty line when it reads like a heading: short, no final period, followed by a line break.
            foreach (var (s, e) in lines)
            {
                var line = text.AsSpan(s, e - s).Trim();
                if (line.Length == 0) continue;
                // A heading has no final period; one followed by a blank line may have gained one (or been typeset so).
                bool blankAfter = e + 1 < text.Length && text.AsSpan(e + 1).TrimStart(' ').StartsWith("\n");
                bool heading = line[^1] is not ('.' or ',' or ';') || (line[^1] == '.' && blankAfter);
                if (line.Length <= 200 && heading && CountLetters(line) >= 10) title.Add((s, e));
                break;
            }
        }
        if (title.Count == 0) return ("", 0, 0);
        string joined = Regex.Replace(string.Join(" ", title.Select(t => text[t.Start..t.End].Trim())), @"\s+", " ");
        if (joined.EndsWith('.') && !joined.EndsWith("..")) joined = joined[..^1];
        return (joined, title[0].Start, title[^1].End);
    }

    private static int CountLetters(ReadOnlySpan<char> s)
    {
        int n = 0;
        foreach (var c in s) if (char.IsLetter(c)) n++;
        return n;
    }

    private static bool IsCapitals(ReadOnlySpan<char> line)
    {
        int upper = 0, lower = 0;
        foreach (var c in line)
        {
            if (char.IsUpper(c)) upper++;
            else if (char.IsLower(c)) lower++;
        }
        return upper >= 4 && lower <= upper / 10;
    }
}
