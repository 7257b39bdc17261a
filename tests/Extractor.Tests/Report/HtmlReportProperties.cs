using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Extractor.Cleanup;
using Extractor.Core;
using Extractor.Extraction;
using Extractor.Report;
using FsCheck;
using FsCheck.Xunit;

namespace Extractor.Tests.Report;

public class HtmlReportProperties
{
    // What a reader sees of a text: line breaks and tabs as they are, CR dropped, form feeds as page separators
    // (no text), other control characters and lone surrogates as U+FFFD.
    private static string Visible(string text)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\f' or '\r') continue;
            if (c is '\n' or '\t') sb.Append(c);
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[++i]); }
            else if (char.IsControl(c) || char.IsSurrogate(c)) sb.Append('\uFFFD');
            else sb.Append(c);
        }
        return sb.ToString();
    }

    [Property(MaxTest = 300)]
    public bool Any_text_with_any_corrections_and_entities_renders_as_that_text_in_balanced_tags(NonNull<string> input, int[] cuts, bool[] applied)
    {
        string text = input.Get;
        // Non-overlapping corrections from sorted cut points, some applied (replaced by hostile markup), some not.
        var points = cuts.Select(c => Math.Abs(c % (text.Length + 1))).Distinct().Order().ToList();
        var corrections = new List<Correction>();
        for (int i = 0; i + 1 < points.Count; i += 2)
        {
            int s = points[i], e = points[i + 1];
            bool apply = applied.Length > 0 && applied[i % applied.Length];
            corrections.Add(new Correction(s, e, text[s..e], "<b>&" + i, "lexicon", 0.5, apply));
        }
        var (clean, map) = EditMap.Apply(text, corrections.Where(c => c.Applied).Select(c => new TextEdit(c.Start, c.End, c.Corrected)));
        // Entities over arbitrary, overlapping spans of the cleaned text.
        var events = new List<AdverseEvent>();
        for (int i = 0; i + 1 < cuts.Length; i += 2)
        {
            int a = Math.Abs(cuts[i] % (clean.Length + 1)), b = Math.Abs(cuts[i + 1] % (clean.Length + 1));
            events.Add(new AdverseEvent { Event = "\"x\"", Start = Math.Min(a, b), End = Math.Max(a, b) });
        }
        var result = new DocumentResult
        {
            Source = new SourceDocument { DocumentId = "p", SourcePath = "p.txt", Text = text },
            Cleanup = new CleanResult(clean, map, corrections),
            Info = new DocumentInfo { DocumentId = "p" },
            AdverseEvents = events,
        };
        string html = HtmlReport.Instance.Render(result);
        if (Regex.Matches(html, "<script").Count != 1) return false;
        int s0 = html.IndexOf("<pre class=\"doc\">", StringComparison.Ordinal) + "<pre class=\"doc\">".Length;
        string pre = html[s0..html.IndexOf("</pre>", s0, StringComparison.Ordinal)];
        var stack = new Stack<string>();
        foreach (Match m in Regex.Matches(pre, "<(/?)([a-z]+)[^>]*>"))
        {
            if (m.Groups[1].Value == "") stack.Push(m.Groups[2].Value);
            else if (stack.Count == 0 || stack.Pop() != m.Groups[2].Value) return false;
        }
        return stack.Count == 0 && WebUtility.HtmlDecode(Regex.Replace(pre, "<[^>]+>", "")) == Visible(clean);
    }
}
