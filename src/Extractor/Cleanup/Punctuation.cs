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
        SentenceMarks(ctx);
        ReplacementMarks(ctx);
        RunTogetherOpeners(ctx);
        DoubleStops(ctx);
    }

    // "910×109/L..", "Co., Ltd.. Jinan": a speck doubled the stop. Two stops (not an ellipsis) before a capital or a
    // line end are one; after a short capitalised abbreviation before a capitalised word (a company's place) the
    // second is a comma. Before a lower-case word SentenceMarks decides.
    private static void DoubleStops(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int i = text.IndexOf("..", StringComparison.Ordinal); i >= 0; i = i + 2 < text.Length ? text.IndexOf("..", i + 2, StringComparison.Ordinal) : -1)
        {
            if (i == 0 || text[i - 1] == '.' || !char.IsLetterOrDigit(text[i - 1]) || (i + 2 < text.Length && text[i + 2] == '.')) continue;
            int k = i + 2;
            if (k < text.Length && text[k] is not (' ' or '\n')) continue;
            while (k < text.Length && text[k] is ' ' or '\n') k++;
            if (k < text.Length && !char.IsUpper(text[k])) continue;
            if (ctx.Overlaps(i, i + 2)) continue;
            int ws = i; while (ws > 0 && char.IsLetter(text[ws - 1])) ws--;
            bool abbreviation = i - ws is >= 2 and <= 4 && char.IsUpper(text[ws]) && (ws == 0 || char.IsWhiteSpace(text[ws - 1])) && k < text.Length && k == i + 3;
            if (abbreviation) ctx.Propose(i + 1, i + 2, ",", "punctuation.sentence", 0.82, "a doubled stop after an abbreviation before a name is its stop and a comma");
            else ctx.Propose(i + 1, i + 2, "", "punctuation.sentence", 0.85, "a doubled stop is one stop");
        }
    }

    // A sentence that opens with a short word run into the next one ("Atthis visit", "Aphysical examination",
    // "At3 months"): the token is no word, its first letters are an opener and the rest is a lower-case word or a
    // number. Only at a sentence start, where the capital marks the opener's first letter.
    private static void RunTogetherOpeners(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int i = 0; i < text.Length; i++)
        {
            int next = text.AsSpan(i).IndexOfAny('A', 'I', 'O');   // (the rule looks at nothing else)
            if (next < 0) break;
            i += next;
            if (i > 0)
            {
                int j = i - 1; while (j >= 0 && text[j] is ' ' or '\t') j--;
                bool start = j < 0 || text[j] == '\n' || (j < i - 1 && text[j] is '.' or '!' or '?');
                if (!start) continue;
            }
            int e = i + 1; while (e < text.Length && char.IsLetterOrDigit(text[e])) e++;
            if (e - i < 3 || (e < text.Length && text[e] is '-' or '\'' or '’')) continue;
            var token = text.AsSpan(i, e - i);
            if (ctx.Lexicon.Contains(token)) continue;
            foreach (var opener in RunOpeners)
            {
                if (!token.StartsWith(opener, StringComparison.Ordinal) || token.Length - opener.Length < 1) continue;
                var rest = token[opener.Length..];
                bool digits = true, lower = true;
                foreach (char ch in rest) { if (!char.IsAsciiDigit(ch)) digits = false; if (!char.IsLower(ch)) lower = false; }
                bool ok = (digits && opener != "A") || (lower && rest.Length >= 3
                          && (ctx.Lexicon.SourcesOf(rest) & (LexiconSource.English | LexiconSource.Common)) != 0 && ctx.Lexicon.KnownAsWritten(rest));
                if (!ok) continue;
                ctx.Propose(i, e, opener + " " + rest.ToString(), "spacing", 0.95, $"\"{opener}\" run into the next word at a sentence start");
                break;
            }
            i = e;
        }
    }

    private static readonly string[] RunOpeners = ["At", "An", "In", "On", "Of", "A"];

    // Text extracted or recognised through an ASCII-only step carries '?' for every character it could not write:
    // typographic apostrophes (Master?s, O?Donnell, ACL?88), quotes (?diabetes mellitus?) and en dashes in ranges
    // (118-?145). Only shapes a question mark never has: inside a word before a contraction or possessive ending,
    // between a capital initial and a name, before a two-digit year; after a hyphen between digits; and paired
    // around one to eight words (opening before a letter after a space, closing after a letter before a space).
    // A lone '?' (math, a lost symbol) and a question's '?' stay.
    private static void ReplacementMarks(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int i = text.IndexOf('?'); i >= 0; i = text.IndexOf('?', i + 1))
        {
            if (ctx.Overlaps(i, i + 1)) continue;
            char before = i > 0 ? text[i - 1] : ' ', after = i + 1 < text.Length ? text[i + 1] : ' ';
            if (before == '-' && i >= 2 && char.IsDigit(text[i - 2]) && char.IsDigit(after))
                ctx.Propose(i, i + 1, "", "punctuation.replacement", 0.9, "'?' after a hyphen in a number range stands for an en dash");
            else if (char.IsLetter(before) && char.IsLetter(after))
            {
                int ws = i; while (ws > 0 && char.IsLetter(text[ws - 1])) ws--;
                int we = i + 1; while (we < text.Length && char.IsLetter(text[we])) we++;
                if (ws > 0 && !IsOpenBoundary(text[ws - 1])) continue;
                if (we < text.Length && char.IsLetterOrDigit(text[we])) continue;
                string ending = text[(i + 1)..we];
                bool contraction = ContractionEndings.Contains(ending) && (ending != "t" || text[i - 1] == 'n');
                bool initial = i - ws == 1 && char.IsUpper(text[ws]) && char.IsUpper(after) && we - i > 3 && char.IsLower(text[we - 1]);
                if (contraction || initial)
                    ctx.Propose(i, i + 1, "'", "punctuation.replacement", 0.9, "'?' inside a word stands for an apostrophe");
            }
            else if (char.IsLetter(before) && char.IsDigit(after) && i + 3 <= text.Length && char.IsDigit(text[i + 2])
                     && (i + 3 == text.Length || !char.IsLetterOrDigit(text[i + 3])))
            {
                int ws = i; while (ws > 0 && char.IsLetter(text[ws - 1])) ws--;
                if (i - ws >= 2 && text.AsSpan(ws, i - ws).IndexOfAnyInRange('a', 'z') < 0 && (ws == 0 || IsOpenBoundary(text[ws - 1])))
                    ctx.Propose(i, i + 1, "'", "punctuation.replacement", 0.9, "'?' before a two-digit year stands for an apostrophe");
            }
            else if (char.IsLetter(after) && (i == 0 || IsOpenBoundary(before)))
            {
                int close = ClosingReplacementMark(text, i + 1);
                if (close < 0 || ctx.Overlaps(close, close + 1)) continue;
                ctx.Propose(i, i + 1, "\"", "punctuation.replacement", 0.88, "'?' pair around words stands for quotation marks");
                ctx.Propose(close, close + 1, "\"", "punctuation.replacement", 0.88, "'?' pair around words stands for quotation marks");
                i = close;
            }
        }
    }

    private static bool IsOpenBoundary(char c) => c is ' ' or '\n' or '\t' or '(' or '[';

    private static readonly HashSet<string> ContractionEndings = new(StringComparer.Ordinal) { "s", "t", "d", "ll", "re", "ve", "m" };

    // The '?' that closes a quotation opened just before `from`: after a letter (or a letter and '.' or ','), before
    // a space, closing punctuation or the end; within eight words, on the same line, with no other '?' between.
    private static int ClosingReplacementMark(string text, int from)
    {
        int words = 1;
        for (int k = from; k < text.Length && k - from < 120; k++)
        {
            char c = text[k];
            if (c is '\n' or '"' or '“' or '”') return -1;
            if (c == ' ' && ++words > 8) return -1;
            if (c != '?') continue;
            char prev = text[k - 1];
            if (prev is '.' or ',') prev = text[k - 2];
            bool end = k + 1 == text.Length || text[k + 1] is ' ' or '\n' or ')' or ']' or ',' or '.' or ';' or ':';
            return char.IsLetter(prev) && end ? k : -1;
        }
        return -1;
    }

    // Sentence-level punctuation OCR confuses: a full stop between two lower-case words is a comma ("the valve. which
    // was"), a comma before a capitalised function word that opens a sentence is a full stop ("was treated, The
    // therapy"), and a sentence start after a lower-case word lost its full stop ("were absent She then"). Only
    // plain lower-case lexicon words count as the word before (not abbreviations, names, codes or function words),
    // and the capitalised word must be one that starts sentences and be followed by a lower-case word or a number
    // (not a title in capitals).
    private static readonly System.Buffers.SearchValues<char> NoSentenceMark = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, 128).Select(c => (char)c).Where(c => c is not ('.' or ',') && !char.IsAsciiLetterUpper(c)).ToArray());

    private static void SentenceMarks(CleanupContext ctx)
    {
        string text = ctx.Text;
        // Only a stop, a comma, or a space or line break before a capital is looked at (the tests below pass over every
        // other place): the search jumps to the next stop, comma, capital or non-ASCII character.
        for (int p = 1; p < text.Length;)
        {
            int off = text.AsSpan(p).IndexOfAnyExcept(NoSentenceMark);
            if (off < 0) break;
            int q = p + off, i;
            p = q + 1;
            if (text[q] is '.' or ',') i = q;
            else if (text[q - 1] is ' ' or '\n' && char.IsUpper(text[q])) i = q - 1;
            else continue;
            if (i < 1) continue;
            if (i + 2 >= text.Length) break;
            char c = text[i];
            bool gap = c is ' ' or '\n';
            if (c is not ('.' or ',') && !gap) continue;
            int ns = gap ? i + 1 : i + 1 + Space(text, i + 1);
            // Double-spaced OCR puts a blank line after every line: a stop there before a lower-case word still
            // stands inside a sentence (a paragraph never opens with a lower-case word).
            if (c == '.' && ns == i + 1 && i + 3 < text.Length && text[i + 1] == '\n' && text[i + 2] == '\n' && char.IsLower(text[i + 3])
                && char.IsLower(text[i - 1])) ns = i + 3;
            if (ns == i + 1 && !gap)                                 // "3.5", "a,b": no space after the mark
            {
                if (c == '.' && char.IsLower(text[i + 1])) StopForSpace(ctx, i);
                continue;
            }
            // Cheap tests first: a stop is only questioned before a lower-case letter, a comma only before a capital.
            if (ns >= text.Length || (c == '.' && !char.IsLower(text[ns])) || (c == ',' && !char.IsUpper(text[ns]))) continue;
            if (gap && (ns >= text.Length || !char.IsUpper(text[ns]))) continue;
            if (c == '\n' && !RunningTextLine(text, i)) continue;
            // A comma or gap leads to a proposal only before a capitalised word (no other capital in it) that a
            // lower-case word or a number follows (the tests at the end): test that first, the word before costs more.
            if (c != '.' && !CapitalisedThenLower(text, ns)) continue;
            // After a space or a comma only a word that opens sentences leads to a proposal (a line break also lets
            // common words do so): test it before the word before.
            if (c is ' ' or ',' && !OpensSentences(text, ns)) continue;
            int ws = i; while (ws > 0 && char.IsLetter(text[ws - 1])) ws--;
            bool paren = ws == i && text[i - 1] == ')';
            bool plainBefore = !paren && PlainWordBefore(ctx, ws, i);
            // At a line break a garbled or short last word (not a function word) may end the sentence too.
            bool lineEnd = !paren && !plainBefore && c == '\n' && LowerWordBefore(ctx, ws, i);
            // "38 U/L. aspartate", "abdomen CT. cranial", "Co., Ltd.. Jinan": a unit after a number, an upper-case
            // code, or an abbreviation's own stop before the stop (then only a lower-case word after it tells).
            bool unitBefore = c == '.' && !paren && !plainBefore && UnitOrCodeBefore(ctx, i);
            if (c == '.' && !paren && !plainBefore && !unitBefore && StopBeforeLowerWord(ctx, ws, i, ns)) continue;
            // A comma before a sentence-opening function word (", We planned"): any lower-case non-function word before it.
            bool commaBefore = c == ',' && !paren && !plainBefore && LowerWordBefore(ctx, ws, i);
            // A comma after a number ("in July 2010, He had"): only before a strong opener.
            bool numberComma = c == ',' && ws == i && char.IsAsciiDigit(text[i - 1]) && i >= 2 && text[i - 2] is not (',' or '.');
            if (!paren && !plainBefore && !lineEnd && !unitBefore && !commaBefore && !numberComma) continue;
            if (paren && !ParenthesisWithWords(text, i - 1)) continue;
            int ne = ns; while (ne < text.Length && char.IsLetter(text[ne])) ne++;
            if (ne == ns) continue;
            string next = text[ns..ne];
            if (c == '.')
            {
                // "word. next": the next word is lower-case, so the stop is no sentence end.
                if (paren || !Chars.All(next, char.IsLower) || next.Length < 2 || ne >= text.Length || text[ne] is not (' ' or ',' or ';' or '\n')) continue;
                if (AbbreviatedWords.Contains(text[ws..i])) continue;
                // A garbled next word does not tell whether a sentence goes on (the stop may close a garbled line).
                if (!KnownWord(ctx, next)) continue;
                // Before a preposition the stop is a speck, not a comma ("the count. in the next day"): prepositions
                // seldom follow a comma inside a sentence.
                if (Prepositions.Contains(next))
                    ctx.Propose(i, i + 1, "", "punctuation.sentence", 0.82, "full stop between a word and a preposition is a speck");
                else
                    ctx.Propose(i, i + 1, ",", "punctuation.sentence", 0.85, "full stop between lower-case words is a comma");
                continue;
            }
            // ", The therapy" / "absent She then": a sentence-opening word followed by a lower-case word or number.
            if (!char.IsUpper(next[0]) || Chars.Any(next, char.IsUpper, 1)) continue;
            var openers = c == ',' && !numberComma ? SentenceOpeners : StrongSentenceOpeners;
            int after = ne + Space(text, ne);
            if (after == ne || after >= text.Length || !(char.IsLower(text[after]) || char.IsDigit(text[after]))) continue;
            if (!openers.Contains(next.ToLowerInvariant()))
            {
                // A line of running text that ends in a plain word, then a line that starts with a capitalised common
                // English word (not a name, drug or medical term) and a lower-case word: a sentence start.
                // Also after a bracket of words ("(Fig.3)\nNo brain"), and a capitalised non-word whose nearest reading is
                // such a word ("high\nBune marrow": Bone): a misread sentence start, not a name.
                if (c != '\n' || !(plainBefore || paren || lineEnd) || !char.IsLower(text[after])) continue;
                if (!(plainBefore || paren ? CommonCapitalised(ctx, next) : false) && !((plainBefore || lineEnd) && MisreadCommonCapitalised(ctx, next))) continue;
            }
            if (c == ',') ctx.Propose(i, i + 1, ".", "punctuation.sentence", 0.85, "comma before a capitalised sentence opener is a full stop");
            else if (!paren || text[i - 2] is not ('.' or ')')) ctx.Propose(i, i, ".", "punctuation.sentence", 0.82, "sentence opener after a lower-case word lost its full stop");
        }
    }

    // Whether the letters at `ns`, lower-cased, are a sentence opener (either list).
    private static bool OpensSentences(string text, int ns)
    {
        int ne = ns; while (ne < text.Length && char.IsLetter(text[ne])) ne++;
        if (ne - ns > 32) return false;   // (no opener is that long)
        Span<char> lower = stackalloc char[ne - ns];
        text.AsSpan(ns, ne - ns).ToLowerInvariant(lower);
        return SentenceOpenersAt.Contains(lower) || StrongSentenceOpenersAt.Contains(lower);
    }


    // Whether the letters at `ns` are a word with no capital after its first letter, then one space (or line break) and
    // a lower-case letter or a digit.
    private static bool CapitalisedThenLower(string text, int ns)
    {
        int ne = ns; while (ne < text.Length && char.IsLetter(text[ne])) ne++;
        if (ne == ns) return false;
        for (int k = ns + 1; k < ne; k++) if (char.IsUpper(text[k])) return false;
        int after = ne + Space(text, ne);
        return after != ne && after < text.Length && (char.IsLower(text[after]) || char.IsDigit(text[after]));
    }

    // "As a.consequence of": a stop read for the space after an article or preposition, before a known lower-case word
    // of three letters or more with nothing but a space or punctuation after it (not "a.m.", "e.g", "et.al").
    private static void StopForSpace(CleanupContext ctx, int stop)
    {
        string text = ctx.Text;
        int ws = stop; while (ws > 0 && char.IsAsciiLetterLower(text[ws - 1])) ws--;
        if (ws == stop || (ws > 0 && text[ws - 1] is not (' ' or '\n' or '('))) return;
        if (!ArticlesAndPrepositions.Contains(text[ws..stop])) return;
        int ne = stop + 1; while (ne < text.Length && char.IsAsciiLetterLower(text[ne])) ne++;
        if (ne - stop - 1 < 3 || (ne < text.Length && text[ne] is not (' ' or ',' or ';' or '\n'))) return;
        if (!KnownWord(ctx, text.AsSpan(stop + 1, ne - stop - 1))) return;
        ctx.Propose(stop, stop + 1, " ", "spacing", 0.85, "a stop read for the space after an article or preposition");
    }

    // "under direct. vision"-like stops that the word rules above leave alone: after a capitalised connective at a
    // sentence start ("However. the" -> "However, the"), after a short common word before a word that opens a
    // clause ("three years ago. when" -> "ago, when"), after an article or preposition (never a sentence end:
    // "discharged on. the" -> "on the"). Returns whether it proposed something.
    private static bool StopBeforeLowerWord(CleanupContext ctx, int ws, int stop, int ns)
    {
        string text = ctx.Text;
        if (ws == stop || ns >= text.Length || !char.IsLower(text[ns])) return false;
        int ne = ns; while (ne < text.Length && char.IsLetter(text[ne])) ne++;
        if (ne - ns < 2 || (ne < text.Length && text[ne] is not (' ' or ',' or '\n'))) return false;
        if (ws > 0 && text[ws - 1] is not (' ' or '\n')) return false;
        string word = text[ws..stop], next = text[ns..ne];
        if (!KnownWord(ctx, next)) return false;
        if (char.IsUpper(word[0]))
        {
            if (word.Length < 4 || word.AsSpan(1).ContainsAnyExcept(LowerLetters) || !Speller.SentenceStart(text, ws)) return false;
            string lower = word.ToLowerInvariant();
            bool connective = Connectives.Contains(lower) || (lower.EndsWith("ly", StringComparison.Ordinal) && lower.Length >= 6
                              && (ctx.Lexicon.SourcesOfLower(lower) & LexiconSource.LowerForm) != 0);
            if (!connective) return false;
            ctx.Propose(stop, stop + 1, ",", "punctuation.sentence", 0.85, "a connective that opens a sentence is followed by a comma, not a stop");
            return true;
        }
        if (word.AsSpan().ContainsAnyExcept(LowerLetters)) return false;
        if (ArticlesAndPrepositions.Contains(word))
        {
            ctx.Propose(stop, stop + 1, "", "punctuation.sentence", 0.82, "a stop after an article or preposition is a speck");
            return true;
        }
        if (word.Length >= 3 && !FunctionWords.Contains(word) && ClauseOpeners.Contains(next)
            && (ctx.Lexicon.SourcesOfLower(word) & LexiconSource.LowerForm) != 0)
        {
            ctx.Propose(stop, stop + 1, ",", "punctuation.sentence", 0.85, "full stop before a word that opens a clause is a comma");
            return true;
        }
        return false;
    }

    // A word of the lexicons as written, an inflection or British spelling of one, or a word the document repeats.
    private static bool KnownWord(CleanupContext ctx, ReadOnlySpan<char> word)
    {
        if (ctx.Lexicon.KnownAsWritten(word)) return true;
        string lower = word.ToString().ToLowerInvariant();
        return Morphology.IsKnownForm(ctx.Lexicon, lower) || ctx.CountOf(lower) >= 3;
    }

    private static readonly System.Buffers.SearchValues<char> LowerLetters = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz");

    // Connectives that open a sentence and take a comma.
    private static readonly HashSet<string> Connectives = new(StringComparer.Ordinal)
    {
        "however", "subsequently", "thereafter", "therefore", "furthermore", "moreover", "additionally", "meanwhile",
        "nevertheless", "finally", "initially", "consequently", "unfortunately", "fortunately", "interestingly",
        "afterwards", "overall", "thus", "hence", "notably", "importantly", "later", "eventually", "currently",
    };

    // Words that open a subordinate or relative clause after a comma.
    private static readonly HashSet<string> ClauseOpeners = new(StringComparer.Ordinal)
    {
        "which", "who", "whom", "whose", "when", "whereas", "while", "although", "but",
    };

    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal)
    {
        "in", "at", "on", "of", "for", "to", "from", "into", "within", "above", "below", "over", "under", "by", "during",
    };

    private static readonly HashSet<string> ArticlesAndPrepositions = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "with", "from", "into", "onto", "for", "between", "among", "than", "via",
    };

    // One space or one line break (not a blank line) at `at`: its length, else 0.
    private static int Space(string text, int at)
    {
        if (at >= text.Length) return 0;
        if (text[at] == ' ') return 1;
        if (text[at] == '\n' && (at + 1 >= text.Length || text[at + 1] != '\n')) return 1;
        return 0;
    }

    // The line ending at `nl` is running text (long), not a heading or a table cell.
    private static bool RunningTextLine(string text, int nl)
    {
        if (nl + 1 < text.Length && text[nl + 1] == '\n') return false;
        int start = text.LastIndexOf('\n', Math.Max(0, nl - 1)) + 1;
        return nl - start >= 50;
    }

    // A lower-case word of the general or medical lexicon (not only a name or a word-list entry), at least three
    // letters, standing free (a space before it), and not a function word (a sentence does not end in "the").
    private static bool PlainWordBefore(CleanupContext ctx, int ws, int we)
    {
        if (we - ws < 3 || (ws > 0 && ctx.Text[ws - 1] is not (' ' or '\n' or '('))) return false;
        var w = ctx.Text.AsSpan(ws, we - ws);
        foreach (char ch in w) if (!char.IsLower(ch)) return false;
        var src = ctx.Lexicon.SourcesOfLower(w);
        if ((src & (LexiconSource.English | LexiconSource.Medical)) == 0 || (src & LexiconSource.LowerForm) == 0) return false;
        return !ctx.Data.CommonWords.Contains(w.ToString()) || w.Length > 5;
    }

    private static bool UnitOrCodeBefore(CleanupContext ctx, int stop)
    {
        string text = ctx.Text;
        int ts = stop; while (ts > 0 && !char.IsWhiteSpace(text[ts - 1])) ts--;
        if (ts == stop) return false;
        var tok = text.AsSpan(ts, stop - ts);
        if (tok[^1] == '.') return tok.Length >= 3 && char.IsUpper(tok[0]) && tok[..^1].IndexOf('.') < 0 && IsLetters(tok[..^1]);   // "Ltd.."
        if (tok.Length is >= 2 and <= 5 && char.IsAsciiLetterUpper(tok[0]))
        {
            int upper = 0; bool ok = true;
            foreach (char ch in tok) { if (char.IsAsciiLetterUpper(ch)) upper++; else if (!char.IsAsciiDigit(ch)) { ok = false; break; } }
            if (ok) return true;   // CT, MRI, C3
        }
        // A unit after a number ("5 mg/dL", "5mg", "100/60 mm Hg").
        string t = tok.ToString();
        int ns = ts;
        if (t == "Hg" && ts >= 4 && text.AsSpan(ts - 3, 3).SequenceEqual("mm ")) return true;
        if (!ctx.Data.Units.Contains(t))
        {
            int k = 0; while (k < t.Length && (char.IsAsciiDigit(t[k]) || t[k] is '.' or ',')) k++;
            return k > 0 && char.IsAsciiDigit(t[0]) && ctx.Data.Units.Contains(t[k..]);
        }
        while (ns > 0 && text[ns - 1] == ' ') ns--;
        return ns > 0 && ns < ts && char.IsAsciiDigit(text[ns - 1]);
    }

    private static bool IsLetters(ReadOnlySpan<char> s)
    {
        foreach (char ch in s) if (!char.IsLetter(ch)) return false;
        return s.Length > 0;
    }

    // A lower-case word of three or more letters standing free, not a function word (a sentence does not end in "with").
    private static bool LowerWordBefore(CleanupContext ctx, int ws, int we)
    {
        if (we - ws < 3 || (ws > 0 && ctx.Text[ws - 1] is not (' ' or '\n'))) return false;
        var w = ctx.Text.AsSpan(ws, we - ws);
        foreach (char ch in w) if (!char.IsLower(ch)) return false;
        return !FunctionWords.Contains(w.ToString());
    }

    // A capitalised word whose lower-case form is a general English word and not a name, a gazetteer term (drugs,
    // eponyms) or a medical-only term: written with a capital only at a sentence start.
    private static bool CommonCapitalised(CleanupContext ctx, string word)
    {
        if (word.Length < 2 || ctx.Lexicon.IsName(word)) return false;
        // Participles and particles go on a sentence across a line ("mass\nLocated in", "carried\nOut").
        if (word.EndsWith("ed", StringComparison.Ordinal) || Particles.Contains(word.ToLowerInvariant())) return false;
        Span<char> buf = stackalloc char[word.Length];
        word.AsSpan().ToLowerInvariant(buf);
        var src = ctx.Lexicon.SourcesOfLikelyWord(buf);
        if ((src & LexiconSource.Domain) != 0 || (src & LexiconSource.LowerForm) == 0) return false;
        return (src & (LexiconSource.English | LexiconSource.Common)) != 0 && (src & LexiconSource.Huge) != 0
               && (src & LexiconSource.HugeLower) != 0;
    }

    // A capitalised word no list knows and the document does not repeat, whose likeliest reading (one OCR edit, same
    // initial) is a capitalised common English word (Bune: Bone, Duning: During).
    private static bool MisreadCommonCapitalised(CleanupContext ctx, string word)
    {
        if (word.Length < 4 || ctx.Lexicon.IsName(word)) return false;
        string lower = word.ToLowerInvariant();
        if (ctx.Lexicon.SourcesOfLower(lower) != LexiconSource.None || ctx.DocumentCountOf(lower) > 1 || Morphology.IsKnownForm(ctx.Lexicon, lower)) return false;
        // The initial must stay: a capital read for another lower-case letter (Jower: lower) goes on the sentence.
        return Speller.BestCoreCandidate(ctx, lower) is { Length: >= 3 } w && w[0] == lower[0] && CommonCapitalised(ctx, word[0] + w[1..]);
    }

    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "out", "up", "down", "off", "over", "in", "on", "at", "to", "of", "by", "as", "or", "and", "away", "back", "through",
    };

    // Words a sentence does not end with: articles, prepositions, conjunctions, auxiliaries, determiners.
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "from", "into", "onto", "upon", "over", "under", "between", "among", "through",
        "during", "before", "after", "about", "against", "along", "across", "around", "behind", "beyond", "near",
        "since", "until", "via", "within", "without", "are", "was", "were", "been", "being", "has", "have", "had",
        "having", "does", "did", "can", "could", "may", "might", "must", "shall", "should", "will", "would", "not",
        "this", "that", "these", "those", "its", "his", "her", "their", "our", "your", "who", "whom", "whose", "which",
        "what", "when", "where", "than", "then", "also", "very", "because", "while", "although", "though", "nor",
        "but", "any", "both", "each", "either", "some", "such", "all", "per", "whether", "like", "unlike",
    };

    // "(Figure 1)" or "(see below)" ends a clause; "(1997)" (a year in a reference) does not tell.
    private static bool ParenthesisWithWords(string text, int close)
    {
        int open = text.LastIndexOf('(', close);
        if (open < 0 || close - open > 80) return false;
        for (int k = open + 1; k < close; k++) if (char.IsLetter(text[k])) return true;
        return false;
    }

    // Lower-case words that are also written abbreviated with a stop in running text.
    private static readonly HashSet<string> AbbreviatedWords = new(StringComparer.Ordinal)
    {
        "approx", "resp", "incl", "sept", "dept", "univ", "vols", "figs", "refs", "suppl", "proc", "conf", "comp", "ibid", "cont",
        "etc", "viz", "min", "max", "hrs", "sec", "wks", "mos", "yrs", "est", "var", "gen", "sp", "spp", "ver", "rev", "eds",
    };

    // Function words that open sentences; the strong ones (for a missing stop) rarely follow a lower-case word inside one.
    private static readonly HashSet<string> SentenceOpeners = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "he", "she", "his", "her", "it", "its", "this", "these", "that", "those", "there", "they",
        "their", "we", "our", "in", "on", "at", "after", "before", "during", "with", "despite", "upon", "however",
        "subsequently", "one", "two", "three",
    };

    private static readonly HashSet<string> StrongSentenceOpeners = new(StringComparer.Ordinal)
    {
        "the", "he", "she", "his", "her", "there", "this", "these", "after", "during", "despite", "subsequently", "based",
    };

    // (after the two sets: static fields are set in the order they are written)
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SentenceOpenersAt = SentenceOpeners.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StrongSentenceOpenersAt = StrongSentenceOpeners.GetAlternateLookup<ReadOnlySpan<char>>();

    // A paragraph of running text that ends in a lower-case word (or a word and a comma) right before a blank line
    // and a capitalised paragraph lost its full stop (or had it read as a comma). OCR of double-spaced pages puts a
    // blank line after every line, so a short line counts when the next paragraph reads as a sentence (a capitalised
    // word, then a lower-case word or a number); headings and table cells (short lines before anything else,
    // numbers, capitals) are left alone.
    private static void ParagraphEnds(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int nl = text.IndexOf('\n'); ; nl = text.IndexOf('\n', nl + 1))
        {
            bool last = nl < 0;
            int stop = last ? text.Length : nl;
            int end = stop;
            while (end > 0 && text[end - 1] is ' ' or '\t' or '\r' or '\f') end--;
            // A comma, or a colon after a word that announces nothing (not "following:"), before a paragraph
            // that reads as a sentence was a full stop.
            bool comma = end > 0 && (text[end - 1] == ',' || (text[end - 1] == ':' && !Announces(ctx, text, end - 1)));
            int we = comma ? end - 1 : end;
            var ending = we >= 3 ? EndingOf(text, we) : LineEnding.None;
            // The text's last line: it closes its last paragraph as a blank line would (only a paragraph of several
            // lines of prose: a single line, as a heading or a cut paragraph of a line-per-paragraph set, stays).
            bool endOfText = last || text.AsSpan(nl + 1).IsWhiteSpace();
            if (ending != LineEnding.None)
            {
                bool sentenceNext = endOfText, blank = endOfText;
                int k = last ? text.Length : nl + 1;
                while (k < text.Length && text[k] is ' ' or '\t' or '\r') k++;
                if (!endOfText && k < text.Length && text[k] == '\n')
                {
                    blank = true;
                    k++;
                    while (k < text.Length && char.IsWhiteSpace(text[k])) k++;
                    if (k < text.Length && text[k] is '‘' or '"' or '“') k++;
                    int ne = k; while (ne < text.Length && char.IsLetter(text[ne])) ne++;
                    bool capital = ne > k && char.IsUpper(text[k]) && text.AsSpan(k + 1, ne - k - 1).IndexOfAnyInRange('A', 'Z') < 0;
                    bool wordAfter = ne + 1 < text.Length && text[ne] == ' ' && (char.IsLower(text[ne + 1]) || char.IsDigit(text[ne + 1]));
                    sentenceNext = capital && (wordAfter || (ne - k >= 2 && ne < text.Length && char.IsLower(text[ne - 1])));
                    if (!capital || (ne - k == 1 && !wordAfter)) blank = false;
                    if (comma && text[end - 1] == ':' && !sentenceNext) blank = false;
                }
                if (blank)
                {
                    int lineStart = text.LastIndexOf('\n', Math.Max(0, end - 1)) + 1;
                    string line = text[lineStart..end];
                    int words = WordCount(line);
                    string previous = lineStart >= 2 && text[lineStart - 2] != '\n' && text[lineStart - 1] == '\n' ? PreviousLine(text, lineStart) : "";
                    // Double-spaced OCR: the line before the blank one, when its sentence runs on (no stop at its end).
                    if (previous.Length == 0 && lineStart >= 3 && text[lineStart - 1] == '\n' && text[lineStart - 2] == '\n' && text[lineStart - 3] != '\n')
                    {
                        string before = PreviousLine(text, lineStart - 1);
                        if (before.Length >= 40 && (char.IsLower(before[^1]) || before[^1] == ',') && Prose(before)) previous = before;
                    }
                    bool multiLine = !string.IsNullOrWhiteSpace(previous);
                    // (at the text's end only when the last line carries on the sentence of the line before: a line
                    // after a finished sentence may be a caption or a note)
                    string prevTrim = previous.TrimEnd();
                    bool proseEnd = !endOfText || (multiLine && Prose(previous + " " + line) && (char.IsLower(prevTrim[^1]) || prevTrim[^1] == ','));
                    // The paragraph's sentence runs on from the line before (no stop there) into this short last line.
                    bool runsOn = multiLine && previous.TrimEnd().Length > 0 && (char.IsLower(previous.TrimEnd()[^1]) || previous.TrimEnd()[^1] == ',');
                    if (ending == LineEnding.Word)
                    {
                        int ws = we; while (ws > lineStart && char.IsLetter(text[ws - 1])) ws--;
                        bool plain = ws == lineStart || text[ws - 1] is ' ' or '(';
                        bool running = multiLine || line.Length >= 60 || (sentenceNext && (words >= 5 || (comma && words >= 3)));
                        // A comma before a blank line closes a paragraph of several lines whatever the line's length; so
                        // does a sentence that runs on from a line of prose into a short last line ("after\nGadolinium").
                        bool enough = words >= 3 || ((comma || (runsOn && sentenceNext)) && multiLine && Prose(previous));
                        if (proseEnd && enough && running && plain && (comma || ctx.Lexicon.IsCoreWord(text.AsSpan(ws, we - ws)) || (sentenceNext && KnownWord(ctx, text.AsSpan(ws, we - ws)))))
                        {
                            if (comma) ctx.Propose(we, we + 1, ".", "punctuation.period", 0.82, "comma or colon at the end of a paragraph of running text is a full stop");
                            else ctx.Propose(ws, we, text[ws..we] + ".", "punctuation.period", 0.82, "paragraph of running text ends without a full stop");
                        }
                    }
                    else if (sentenceNext || comma)
                    {
                        // A paragraph of prose ending in a number ("in 1997") or a bracket with words ("(Table 2)"):
                        // only when the paragraph is running text (its last lines read as prose).
                        string tail = multiLine ? previous + " " + line : line;
                        if (proseEnd && (multiLine || line.Length >= 60 || sentenceNext) && Prose(tail))
                        {
                            if (comma) ctx.Propose(we, we + 1, ".", "punctuation.period", 0.82, "comma or colon at the end of a paragraph of running text is a full stop");
                            else ctx.Propose(we - 1, we, text[we - 1] + ".", "punctuation.period", 0.82, "paragraph of running text ends without a full stop");
                        }
                    }
                }
            }
            if (last) break;
        }
    }

    private enum LineEnding { None, Word, Number, Bracket }

    // "as follows:", "the following:" announce a list or a quotation; a colon after them is no misread stop.
    private static bool Announces(CleanupContext ctx, string text, int colon)
    {
        int s = colon; while (s > 0 && char.IsLetter(text[s - 1])) s--;
        var w = text.AsSpan(s, colon - s);
        // (and a colon is read as a stop only after a word of four letters or more, not a garbled or cut one)
        if (w.Length < 4 || w.IndexOfAnyExcept(LowerLetters) >= 0 || !ctx.Lexicon.KnownAsWritten(w)) return true;
        return w.StartsWith("follow", StringComparison.OrdinalIgnoreCase) || w.Equals("below", StringComparison.OrdinalIgnoreCase)
               || w.Equals("include", StringComparison.OrdinalIgnoreCase) || w.Equals("were", StringComparison.OrdinalIgnoreCase)
               || w.Equals("are", StringComparison.OrdinalIgnoreCase) || w.Equals("was", StringComparison.OrdinalIgnoreCase)
               || w.Equals("is", StringComparison.OrdinalIgnoreCase);
    }

    // What a line ends with before `we`: a lower-case word, a plain number (digits, after a space), or a closing
    // bracket whose bracket holds words.
    private static LineEnding EndingOf(string text, int we)
    {
        char c = text[we - 1];
        if (char.IsLower(c)) return char.IsLower(text[we - 2]) ? LineEnding.Word : LineEnding.None;
        if (char.IsAsciiDigit(c))
        {
            int s = we - 1; while (s > 0 && char.IsAsciiDigit(text[s - 1])) s--;
            return s > 0 && text[s - 1] == ' ' && we - s <= 4 ? LineEnding.Number : LineEnding.None;
        }
        if (c == ')' && text[we - 2] is not ('.' or ')') && ParenthesisWithWords(text, we - 1)) return LineEnding.Bracket;
        return LineEnding.None;
    }

    private static int WordCount(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    // Running prose, not a table row or a heading: at least five words, most of them lower-case words.
    private static bool Prose(string s)
    {
        int words = 0, lower = 0;
        foreach (var w in s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            words++;
            if (w.Length >= 2 && char.IsLower(w[0]) && char.IsLower(w[^1] is ',' or '.' or ';' ? w[^2] : w[^1])) lower++;
        }
        return words >= 5 && lower * 2 > words;
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
            if (i + 2 >= text.Length) continue;
            int j = i - 1;
            while (j >= 0 && text[j] is ' ' or '\t') j--;
            bool start = j < 0 || text[j] is '\n' or '\f' || (j < i - 1 && text[j] is '.' or '!' or '?' or ':' or ';');
            // Inside a sentence: a typographic opening quote before a lower-case word ("admitted ‘with") that no
            // closing quote answers is a speck read as a quote.
            bool inner = !start && text[i] == '‘' && j < i - 1 && char.IsLetter(text[j]) && char.IsLower(text[i + 1]) && char.IsLower(text[i + 2]);
            // At the start of a line inside a sentence (the line before runs on: a word, a comma or a broken word's
            // hyphen at its end) before a lower-case word: a speck at the margin (pres-|‘ence, fragmentation|‘was).
            bool margin = start && text[i] == '‘' && j >= 0 && text[j] == '\n' && char.IsLower(text[i + 1]) && char.IsLower(text[i + 2])
                          && LineRunsOn(text, j);
            bool capital = char.IsUpper(text[i + 1]) && (char.IsLower(text[i + 2]) || (text[i + 1] == 'A' && text[i + 2] == ' ')
                                                         || (text[i + 2] == '-' && i + 3 < text.Length && char.IsLower(text[i + 3])));   // ‘T-score
            if (!(start && capital) && !inner && !margin) continue;
            if (HasClosingQuote(text, i + 1)) continue;
            ctx.Propose(i, i + 1, "", "punctuation.quote", 0.85, "opening quote without a closing one before a sentence start");
        }
    }

    private static readonly char[] Quotes = ['‘', '`', '\''];

    // The line ending at the line break `nl` carries on its sentence: its last character is a letter, a comma or a hyphen.
    private static bool LineRunsOn(string text, int nl)
    {
        int k = nl - 1;
        while (k >= 0 && text[k] is ' ' or '\t') k--;
        return k >= 0 && (char.IsLetter(text[k]) || text[k] is ',' or '-');
    }

    private static bool HasClosingQuote(string text, int from)
    {
        int end = Math.Min(text.Length, from + 300);
        int opened = 0;   // quotes opened after `from` that a closing one answers first (‘The ... ‘good’ eye)
        for (int i = from; i < end; i++)
        {
            char c = text[i];
            if (c == '‘' && i + 1 < text.Length && char.IsLetter(text[i + 1])) { opened++; continue; }
            if ((c == '’' || c == '\'') && (i + 1 >= text.Length || !char.IsLetter(text[i + 1])))
            {
                if (opened == 0) return true;
                opened--;
                continue;
            }
            if (c == '\n' && i + 1 < text.Length && text[i + 1] == '\n') return false;
            if ((c == '.' || c == '?' || c == '!') && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1])) return false;
        }
        return false;
    }

    private static void Phrases(CleanupContext ctx)
    {
        string text = ctx.Text;
        var phrases = ctx.Data.Phrases;
        var closedForms = s_closed.GetValue(phrases, list => list.Select(p => p.Replace(" ", "")).ToArray());
        for (int k = 0; k < phrases.Count; k++)
        {
            string phrase = phrases[k], closed = closedForms[k];
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

    // The phrases without their spaces (once per phrase list).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<string>, string[]> s_closed = new();

    // { ... ) or ( ... }: a brace read for a parenthesis; [ ... }: for a square bracket.
    private static void Braces(CleanupContext ctx)
    {
        string text = ctx.Text;
        InnerSpaces(ctx);
        SlashAndUnitSpacing(ctx);
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
                int open = text.LastIndexOfAny(['(', '{', '\n', ')', '[', ']'], Math.Max(0, i - 1));
                if (open >= 0 && i - open < 120 && text[open] == '(')
                    ctx.Propose(i, i + 1, ")", "punctuation.bracket", 0.85, "brace opened by a parenthesis");
                else if (open >= 0 && i - open < 40 && text[open] == '[')
                    ctx.Propose(i, i + 1, "]", "punctuation.bracket", 0.85, "brace opened by a square bracket");
            }
        }
    }

    // "( 15%)", "(CT )": a space OCR put inside a bracket pair on one line; the page sets brackets tight.
    private static void InnerSpaces(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int i = text.IndexOf("( ", StringComparison.Ordinal); i >= 0; i = text.IndexOf("( ", i + 1, StringComparison.Ordinal))
        {
            if (i + 2 >= text.Length || !char.IsLetterOrDigit(text[i + 2])) continue;
            int close = text.IndexOfAny(['(', ')', '\n'], i + 2);
            if (close < 0 || close - i > 60 || text[close] != ')') continue;
            ctx.Propose(i + 1, i + 2, "", "spacing", 0.85, "space after an opening bracket");
        }
        for (int i = text.IndexOf(" )", StringComparison.Ordinal); i >= 0; i = text.IndexOf(" )", i + 1, StringComparison.Ordinal))
        {
            if (i == 0 || !char.IsLetterOrDigit(text[i - 1])) continue;
            int open = text.LastIndexOfAny(['(', ')', '\n'], i);
            if (open < 0 || i - open > 60 || text[open] != '(' || (open + 1 < text.Length && text[open + 1] == ' ')) continue;
            ctx.Propose(i, i + 1, "", "spacing", 0.85, "space before a closing bracket");
        }
    }

    // "frequency /severity", "cells /ul": a space OCR put before a slash that joins two words or a unit's parts
    // (not "/s/", a slash pair); "7.cm": a stop between a number and its unit is a space.
    private static void SlashAndUnitSpacing(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int i = text.IndexOf(" /", StringComparison.Ordinal); i >= 0; i = text.IndexOf(" /", i + 1, StringComparison.Ordinal))
        {
            if (i < 2 || !char.IsLetter(text[i - 1]) || !char.IsLetter(text[i - 2])) continue;
            if (i + 2 >= text.Length || !char.IsLetter(text[i + 2])) continue;
            int e = i + 2; while (e < text.Length && !char.IsWhiteSpace(text[e])) e++;
            if (text.AsSpan(i + 2, e - i - 2).IndexOf('/') >= 0) continue;
            ctx.Propose(i, i + 1, "", "spacing", 0.82, "space before a slash between words");
        }
        for (int i = text.IndexOf('.'); i >= 0; i = text.IndexOf('.', i + 1))
        {
            if (i == 0 || !char.IsAsciiDigit(text[i - 1]) || i + 2 >= text.Length || !char.IsAsciiLetterLower(text[i + 1])) continue;
            int e = i + 1; while (e < text.Length && char.IsAsciiLetter(text[e])) e++;
            if (e < text.Length && char.IsLetterOrDigit(text[e])) continue;
            if (!ctx.Data.Units.Contains(text[(i + 1)..e])) continue;
            ctx.Propose(i, i + 1, " ", "spacing", 0.82, "a stop between a number and its unit");
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
