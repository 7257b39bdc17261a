using System.Text.RegularExpressions;

namespace Extractor.Cleanup;

/// <summary>
/// Words hyphenated across a line break. The lexicon judges: when the joined word is a word ("carcino-|ma") the
/// hyphen and the break go; when the hyphen is a real one (a number before it, "69-|year-old"; two words that do not
/// join, "well-|defined"; a capital or an abbreviation) only the break goes and the hyphen stays. Other line breaks
/// are left alone: the layout matters to the table extractor.
/// </summary>
public sealed partial class Dehyphenation : ICleanupPass
{
    public CleanupPasses Pass => CleanupPasses.Dehyphenation;

    // One line break, or two with only spaces or a form feed between (double-spaced pages, a page break): a paragraph
    // never ends in a hyphen.
    [GeneratedRegex(@"(?<left>[\p{L}\p{N}]+)-[ \t]*\r?\n(?:[ \t\f]*\r?\n)?[ \t\f]*(?<right>\p{L}+)", RegexOptions.CultureInvariant)]
    private static partial Regex BrokenWord();

    // The same pattern anchored where a scan of BrokenWord would try it (see BrokenWords).
    [GeneratedRegex(@"\G(?<left>[\p{L}\p{N}]+)-[ \t]*\r?\n(?:[ \t\f]*\r?\n)?[ \t\f]*(?<right>\p{L}+)", RegexOptions.CultureInvariant)]
    private static partial Regex BrokenWordAt();

    /// <summary>
    /// BrokenWord's matches over the text, found from the line breaks instead of a scan of every letter: every match
    /// holds one hyphen before [ \t]*\r?\n, and its left part is the run of letters and digits before that hyphen, cut at
    /// the end of the match before (a scan tries that run's first place first, and no earlier place reaches the hyphen).
    /// </summary>
    internal static List<Match> BrokenWords(string text)
    {
        var found = new List<Match>();
        int lastEnd = 0;
        for (int nl = text.IndexOf('\n'); nl >= 0; nl = text.IndexOf('\n', nl + 1))
        {
            int k = nl - 1;
            if (k >= 0 && text[k] == '\r') k--;
            while (k >= 0 && text[k] is ' ' or '\t') k--;
            if (k < 1 || text[k] != '-' || k <= lastEnd) continue;
            int s = k;
            while (s > lastEnd && (char.IsLetter(text[s - 1]) || char.IsNumber(text[s - 1]))) s--;
            if (s == k) continue;
            var m = BrokenWordAt().Match(text, s);
            if (!m.Success) continue;
            found.Add(m);
            lastEnd = m.Index + m.Length;
        }
        return found;
    }

    /// <summary>BrokenWord's matches by the regex's own scan.</summary>
    internal static List<Match> BrokenWordsByRegex(string text) => BrokenWord().Matches(text).ToList();

    private const LexiconSource Core = LexiconSource.English | LexiconSource.Medical | LexiconSource.Domain | LexiconSource.Common;

    /// <summary>
    /// Whether a word broken at a line end ("carcino-" + "ma") is one word for certain: the left part is letters and not an
    /// abbreviation, the right part starts lower-case and the joined word is in the core lexicon (the most confident
    /// branch of this pass). Readers of PDF text layers use it to undo the typesetter's hyphenation.
    /// </summary>
    public static bool JoinsAcrossLineBreak(string left, string right, Lexicon lexicon) =>
        left.Length > 0 && right.Length > 0 && Chars.All(left, char.IsLetter) && char.IsLower(right[0]) && Chars.All(right, char.IsLetter)
        && !(left.Length > 1 && Chars.All(left, char.IsUpper))
        && (lexicon.SourcesOfLower((left + right).ToLowerInvariant()) & Core) != 0;

    private static bool IsNucleotides(string s) => s.All(c => c is 'A' or 'C' or 'G' or 'T' or 'U');

    public void Propose(CleanupContext ctx)
    {
        string text = ctx.Text;
        if (text.IndexOf('\n') < 0) return;
        foreach (Match m in BrokenWords(text))
        {
            var left = m.Groups["left"]; var right = m.Groups["right"];
            string l = left.Value, r = right.Value;
            // Inside a longer hyphenated compound ("anti-PD-|1"), take the last piece as the left word.
            bool leftDigits = char.IsDigit(l[^1]);
            bool leftLetters = Chars.All(l, char.IsLetter);
            bool keep, join; double conf; string reason;
            var joined = (l + r).ToLowerInvariant();
            // (the look-ups are asked only by the branches that need them)
            LexiconSource? js = null;
            if (l.Length >= 5 && r.Length >= 5 && IsNucleotides(l) && IsNucleotides(r))
            { keep = false; join = true; conf = 0.9; reason = "a nucleotide sequence (a primer) broken at the line end"; }
            else if (leftDigits || !leftLetters)
            { keep = true; join = false; conf = 0.9; reason = "number or code before the hyphen"; }
            else if (char.IsUpper(r[0]))
            {
                // Two capitalised names (Kaplan-|Meier): the hyphen of an eponym pair. Anything else with a capital after
                // the break (a new sentence, garbage) keeps its layout.
                // A lower-case part before the break and a capital that OCR read for a lower-case letter after it
                // (ventricu-|Jar): the word broken at the line end, when the join is one edit from a word.
                if (l.Length >= 3 && Chars.All(l, char.IsLower) && r.Length >= 2 && Chars.All(r, char.IsLower, 1) && r[0] is 'J' or 'I' or 'T' or 'U'
                    && (l + r).ToLowerInvariant() is var lowered && lowered.Length >= 6 && Speller.BestCoreCandidate(ctx, lowered) is { } word
                    && word.StartsWith(l, StringComparison.Ordinal))
                {
                    ctx.Propose(left.Index, right.Index + right.Length, word, "dehyphenation", 0.85,
                        "a capital after the break that stands for a lower-case letter: the joined word is one OCR edit from a word");
                    continue;
                }
                if (l.Length < 3 || !char.IsUpper(l[0]) || !Chars.All(l, char.IsLower, 1) || r.Length < 3 || !Chars.All(r, char.IsLower, 1)) continue;
                keep = true; join = false; conf = 0.85; reason = "two names joined by a hyphen";
            }
            else if (l.Length == 1 || Chars.Any(l, char.IsUpper, 1))
            { keep = true; join = false; conf = 0.9; reason = "a letter or a code before the hyphen (B-cell, gyrB-)"; }
            else if (l.Length > 1 && Chars.All(l, char.IsUpper))
            { keep = true; join = false; conf = 0.85; reason = "abbreviation before the hyphen"; }
            else if (((js ??= ctx.Lexicon.SourcesOfLower(joined)) & Core) != 0)
            { keep = false; join = true; conf = 0.95; reason = "joined word is in the lexicon"; }
            else if (l.Length <= 3 && (js ??= ctx.Lexicon.SourcesOfLower(joined)) == LexiconSource.None && Morphology.IsKnownForm(ctx.Lexicon, joined))
            { keep = false; join = true; conf = 0.85; reason = "joined word is an inflection of a word (a short first part is a syllable)"; }
            else if (l.Length <= 3 && ((js ??= ctx.Lexicon.SourcesOfLower(joined)) & LexiconSource.HugeLower) != 0 && !Morphology.IsPrefix(l) && Morphology.IsKnownForm(ctx.Lexicon, joined))
            { keep = false; join = true; conf = 0.85; reason = "joined word is a listed inflection of a word (a short first part that is no prefix is a syllable)"; }
            else if ((ctx.Lexicon.SourcesOf(l) & Core) != 0 && (ctx.Lexicon.SourcesOf(r) & Core) != 0)
            { keep = true; join = false; conf = 0.85; reason = "both parts are words; the joined form is not"; }
            else if ((js ??= ctx.Lexicon.SourcesOfLower(joined)) != LexiconSource.None || ctx.CountOf(joined) > 0 || Morphology.IsKnownForm(ctx.Lexicon, joined))
            { keep = false; join = true; conf = 0.85; reason = "joined word is known (word list, this document, or a prefix/inflection of a word)"; }
            else if (joined.Length >= 6 && Speller.HasCoreCandidate(ctx, joined))
            { keep = false; join = true; conf = 0.85; reason = "the joined word is one OCR edit from a word (a misread word broken at the line end)"; }
            else
            { keep = false; join = true; conf = 0.5; reason = "neither the joined word nor its parts are known"; }
            int hyphen = left.Index + left.Length;
            string corrected = keep ? l + "-" + r : l + r;
            if (!join && !keep) continue;
            ctx.Propose(left.Index, right.Index + right.Length, corrected, "dehyphenation", conf, reason);
        }
    }
}
