using System.Text.RegularExpressions;

namespace Extractor.Cleanup;

/// <summary>
/// Punctuation and spacing that OCR gets wrong in recognisable ways: an opening quote the page never had before a
/// capitalised sentence start (‘The), phrases run together (etal. -> et al.), a brace read for a parenthesis, and
/// figure panel labels that break their a, b, c, d sequence (¢ : -> c :).
/// </summary>
public sealed partial class Punctuation : ICleanupPass
{
    public CleanupPasses Pass => CleanupPasses.Punctuation;

    public void Propose(CleanupContext ctx)
    {
        StrayOpeningQuotes(ctx);
        Phrases(ctx);
        Braces(ctx);
        PanelLabels(ctx);
        ParagraphEnds(ctx);
    }

    // A paragraph of running text (two or more lines, or one long line) that ends in a lower-case word right before
    // a blank line and a capitalised paragraph lost its full stop. Headings and table cells (short single lines,
    // numbers, capitals) are left alone.
    private static void ParagraphEnds(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int nl = text.IndexOf('\n'); nl >= 0; nl = text.IndexOf('\n', nl + 1))
        {
            int end = nl;
            while (end > 0 && text[end - 1] is ' ' or '\t') end--;
            if (end < 2 || !char.IsLower(text[end - 1]) || !char.IsLower(text[end - 2])) continue;
            int k = nl + 1;
            while (k < text.Length && text[k] is ' ' or '\t') k++;
            if (k >= text.Length || text[k] != '\n') continue;
            k++;
            while (k < text.Length && text[k] is ' ' or '\t') k++;
            if (k < text.Length && text[k] is '‘' or '"' or '“') k++;
            if (k + 1 >= text.Length || !char.IsUpper(text[k]) || !char.IsLower(text[k + 1])) continue;
            int lineStart = text.LastIndexOf('\n', Math.Max(0, end - 1)) + 1;
            string line = text[lineStart..end];
            bool multiLine = lineStart >= 2 && text[lineStart - 2] != '\n' && text[lineStart - 1] == '\n'
                             && !string.IsNullOrWhiteSpace(PreviousLine(text, lineStart));
            if (line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 3 || (!multiLine && line.Length < 60)) continue;
            int ws = end; while (ws > lineStart && char.IsLetter(text[ws - 1])) ws--;
            if (!ctx.Lexicon.IsCoreWord(text.AsSpan(ws, end - ws))) continue;
            ctx.Propose(ws, end, text[ws..end] + ".", "punctuation.period", 0.82, "paragraph of running text ends without a full stop");
        }
    }

    private static string PreviousLine(string text, int lineStart)
    {
        int e = lineStart - 1, s = text.LastIndexOf('\n', Math.Max(0, e - 1)) + 1;
        return e > s ? text[s..e] : "";
    }

    // ‘ at the start of a line or sentence, before a capital, with no closing ’ in the same sentence.
    private static void StrayOpeningQuotes(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int i = text.IndexOfAny(Quotes); i >= 0; i = text.IndexOfAny(Quotes, i + 1))
        {
            if (i + 2 >= text.Length || !char.IsUpper(text[i + 1]) || !char.IsLower(text[i + 2])) continue;
            int j = i - 1;
            while (j >= 0 && text[j] is ' ' or '\t') j--;
            bool start = j < 0 || text[j] is '\n' or '\f' || (j < i - 1 && text[j] is '.' or '!' or '?' or ':' or ';');
            if (!start || HasClosingQuote(text, i + 1)) continue;
            ctx.Propose(i, i + 1, "", "punctuation.quote", 0.85, "opening quote without a closing one before a sentence start");
        }
    }

    private static readonly char[] Quotes = ['‘', '`', '\''];

    private static bool HasClosingQuote(string text, int from)
    {
        int end = Math.Min(text.Length, from + 300);
        for (int i = from; i < end; i++)
        {
            char c = text[i];
            if ((c == '’' || c == '\'') && (i + 1 >= text.Length || !char.IsLetter(text[i + 1]))) return true;
            if (c == '\n' && i + 1 < text.Length && text[i + 1] == '\n') return false;
            if ((c == '.' || c == '?' || c == '!') && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1])) return false;
        }
        return false;
    }

    private static void Phrases(CleanupContext ctx)
    {
        string text = ctx.Text;
        foreach (var phrase in ctx.Data.Phrases)
        {
            string closed = phrase.Replace(" ", "");
            for (int i = text.IndexOf(closed, StringComparison.Ordinal); i >= 0; i = text.IndexOf(closed, i + 1, StringComparison.Ordinal))
            {
                int end = i + closed.Length;
                if (i > 0 && char.IsLetterOrDigit(text[i - 1])) continue;
                if (end < text.Length && char.IsLetterOrDigit(text[end])) continue;
                // A closed form that is itself a common word is left alone.
                if (!closed.EndsWith('.') && ctx.Lexicon.IsCoreWord(closed)) continue;
                ctx.Propose(i, end, phrase, "spacing.phrase", 0.9, "phrase run together");
            }
        }
    }

    // { ... ) or ( ... }: a brace read for a parenthesis.
    private static void Braces(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int i = text.IndexOfAny(['{', '}']); i >= 0; i = text.IndexOfAny(['{', '}'], i + 1))
        {
            if (text[i] == '{')
            {
                int close = text.IndexOfAny([')', '}', '\n', '('], i + 1);
                if (close > 0 && close - i < 120 && text[close] == ')')
                    ctx.Propose(i, i + 1, "(", "punctuation.bracket", 0.85, "brace closed by a parenthesis");
            }
            else
            {
                int open = text.LastIndexOfAny(['(', '{', '\n', ')'], Math.Max(0, i - 1));
                if (open >= 0 && i - open < 120 && text[open] == '(')
                    ctx.Propose(i, i + 1, ")", "punctuation.bracket", 0.85, "brace opened by a parenthesis");
            }
        }
    }

    // Panel labels in legends: a single character after a sentence end or line start, then an optional space and ':' or ')'.
    private static List<(int Index, char Label)> PanelLabelsOf(string text)
    {
        var found = new List<(int, char)>();
        for (int i = text.IndexOfAny(LabelEnds); i >= 0; i = text.IndexOfAny(LabelEnds, i + 1))
        {
            if (i + 1 >= text.Length || text[i + 1] is not (' ' or '\t')) continue;
            int l = i - 1;
            if (l >= 0 && text[l] is ' ' or '\t') l--;
            if (l < 0 || char.IsWhiteSpace(text[l])) continue;
            int b = l - 1;
            if (b >= 0 && !char.IsWhiteSpace(text[b])) continue;   // a single character, not the end of a word
            int j = b;
            while (j >= 0 && text[j] is ' ' or '\t') j--;
            bool start = j < 0 || text[j] is '\n' or '\f' || (j < b && text[j] is '.' or ';');
            if (start) found.Add((l, text[l]));
        }
        return found;
    }

    private static readonly char[] LabelEnds = [':', ')'];

    private static void PanelLabels(CleanupContext ctx)
    {
        var labels = PanelLabelsOf(ctx.Text);
        for (int k = 1; k + 1 < labels.Count; k++)
        {
            char prev = labels[k - 1].Label, cur = labels[k].Label, next = labels[k + 1].Label;
            if (!char.IsAsciiLetterLower(prev) || next != prev + 2 || cur == prev + 1) continue;
            // Neighbouring labels close together (one legend), and the odd one is an OCR confusion of the expected letter.
            if (labels[k + 1].Index - labels[k - 1].Index > 600) continue;
            string expected = ((char)(prev + 1)).ToString();
            double p = ctx.Channel.Probability(cur.ToString(), expected);
            if (p <= 0) continue;
            ctx.Propose(labels[k].Index, labels[k].Index + 1, expected, "grammar.panel", 0.7 + 0.3 * p, "panel label sequence");
        }
    }
}
