namespace Extractor.Cleanup;

// Codes and abbreviations (MRI, CD117, B12, IgM, T12, IVIG) have no dictionary: a misread one (MRT, CDI17, BJ2, IyM,
// TI2, [VIG) is told by the evidence of the document and the batch. A code-like token that one or two confusion-table
// edits turn into a code the document (or the batch) writes elsewhere, and more often than the token as written, is
// that code.
public sealed partial class TokenGrammars
{
    /// <summary>Longest code counted (longer runs are words or identifiers, not abbreviations).</summary>
    public const int MaxCodeLength = 10;

    /// <summary>
    /// A code as the batch counts and the code grammar looks it up: ASCII letters and digits only, with at least two
    /// capitals or a capital and a digit (MRI, IgM, A1c, T12, CD117); never a lower-cased word, so its key cannot
    /// meet the batch's word keys.
    /// </summary>
    public static bool IsCodeShaped(ReadOnlySpan<char> s)
    {
        if (s.Length < 2 || s.Length > MaxCodeLength) return false;
        int upper = 0, digit = 0;
        foreach (char c in s)
        {
            if (char.IsAsciiLetterUpper(c)) upper++;
            else if (char.IsAsciiDigit(c)) digit++;
            else if (!char.IsAsciiLetterLower(c)) return false;
        }
        return upper >= 2 || (upper >= 1 && digit >= 1);
    }

    /// <summary>The code-shaped runs of letters and digits of a text and how often each occurs (case-sensitive).</summary>
    public static Dictionary<string, int> CountCodes(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        int n = text.Length, i = 0;
        while (i < n)
        {
            // Runs of ASCII letters and digits with a capital: the search jumps to the next capital and takes its run.
            int j = text.AsSpan(i).IndexOfAnyInRange('A', 'Z');
            if (j < 0) break;
            int s = i + j;
            while (s > i && char.IsAsciiLetterOrDigit(text[s - 1])) s--;
            i = s;
            while (i < n && char.IsAsciiLetterOrDigit(text[i])) i++;
            if (i - s < 2 || i - s > MaxCodeLength) continue;
            if ((s > 0 && char.IsLetterOrDigit(text[s - 1])) || (i < n && char.IsLetterOrDigit(text[i]))) continue;   // part of a non-ASCII word
            var run = text.AsSpan(s, i - s);
            if (!IsCodeShaped(run)) continue;
            lookup[run] = lookup.TryGetValue(run, out var k) ? k + 1 : 1;
        }
        return counts;
    }

    private static readonly System.Buffers.SearchValues<char> SeriesLookalikes = System.Buffers.SearchValues.Create("IlOS");
    private static readonly System.Buffers.SearchValues<char> EdgeMarks = System.Buffers.SearchValues.Create("[]!|{}");

    private static readonly System.Buffers.SearchValues<char> CapitalsAndHyphen = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ-");

    private static bool IsRunChar(char c) => char.IsAsciiLetterOrDigit(c) || IsEdgeMark(c);

    // Marks that stand for a letter or digit at a code's edge: [TP, PC], TK!, |L.
    private static bool IsEdgeMark(char c) => c is '[' or ']' or '!' or '|' or '{' or '}';

    private static void Codes(CleanupContext ctx)
    {
        string text = ctx.Text;
        var doc = ctx.Memo.Codes ??= CountCodes(text);   // the first round's codes serve the later rounds (cost)
        var corpus = ctx.Options.CorpusCounts;
        var affixes = (CodeAffixes)(ctx.Memo.CodeAffixes ??= AffixesOf(doc, corpus));
        var quiet = ctx.Memo.QuietCodes;
        int n = text.Length, i = 0;
        while (i < n)
        {
            // Only runs (of letters, digits and edge marks) with a capital matter below (Suspect and Series need one), or
            // a lone l after a hyphen (IGF-l; trimming keeps every letter and digit, so such a run starts at the l): the
            // search jumps to the next capital or hyphen and takes the run around it.
            int j = text.AsSpan(i).IndexOfAny(CapitalsAndHyphen);
            if (j < 0) break;
            j += i;
            int s, e;
            if (text[j] == '-')
            {
                i = j + 1;
                if (i >= n || text[i] != 'l') continue;
                s = i;
            }
            else
            {
                s = j;
                while (s > i && IsRunChar(text[s - 1])) s--;
            }
            e = s;
            while (e < n && IsRunChar(text[e])) e++;
            i = e;
            if (s > 0 && char.IsLetterOrDigit(text[s - 1]) || e < n && char.IsLetterOrDigit(text[e])) continue;
            // Brackets that pair up are brackets: "[TP" is a code only when no "]" closes it on its line.
            while (s < e && IsEdgeMark(text[s]) && (text[s] != '[' && text[s] != '{' || Closes(text, s))) s++;
            while (e > s && IsEdgeMark(text[e - 1]) && (text[e - 1] is not (']' or '}' or '!' or '|') || text[e - 1] is ']' or '}' && Opens(text, e - 1))) e--;
            if (e - s == 1 && text[s] is 'I' or 'l') { HyphenNumber(ctx, s); continue; }
            if (e - s < 2 || e - s > MaxCodeLength) continue;
            var token = text.AsSpan(s, e - s);
            if (char.IsAsciiLetterUpper(token[0]) && token.IndexOfAny(SeriesLookalikes) > 0 && !token.ContainsAny(EdgeMarks)) Series(ctx, s, e);
            // A token that came to nothing by itself (not by the text around it) comes to nothing wherever it stands again
            // (a capitalised word is told by its shape alone, without the look-up).
            if (!MayBeSuspect(token) || quiet.Contains(token)) continue;
            if (!Suspect(ctx, token, out bool marked)) { quiet.Add(token.ToString()); continue; }
            // "(HIA]": the bracket OCR closed with the wrong glyph is mended with the code.
            bool roundClose = e < n && text[e] is ']' or '}' && OpensRound(text, e);
            string written = token.ToString();
            if (!Consider(ctx, doc, corpus, affixes, s, e, written, marked, roundClose)) quiet.Add(written);
        }
    }

    // A letter I or l after a code's hyphen (IGF-I) where the document writes the code with 1 (IGF-1).
    private static void HyphenNumber(CleanupContext ctx, int at)
    {
        string text = ctx.Text;
        if (at < 2 || text[at - 1] != '-' || !char.IsAsciiLetterOrDigit(text[at - 2])) return;
        int ps = at - 2; while (ps > 0 && char.IsAsciiLetterOrDigit(text[ps - 1])) ps--;
        if (ps > 0 && char.IsLetterOrDigit(text[ps - 1]) || !IsCodeShaped(text.AsSpan(ps, at - 1 - ps))) return;
        string code = string.Concat(text.AsSpan(ps, at - ps), "1");
        for (int k = text.IndexOf(code, StringComparison.Ordinal); k >= 0; k = text.IndexOf(code, k + 1, StringComparison.Ordinal))
            if ((k == 0 || !char.IsLetterOrDigit(text[k - 1])) && (k + code.Length == text.Length || !char.IsLetterOrDigit(text[k + code.Length])))
            {
                ctx.Propose(at, at + 1, "1", "grammar.code", 0.84, $"the document writes {code}");
                return;
            }
    }

    // A code in a series (T10, TII, T12; L1, LI, L2; CD3 and CDS): letters that look like digits after the series'
    // letters are its number, when a code of the same letters and a number stands close by.
    private static void Series(CleanupContext ctx, int s, int e)
    {
        string text = ctx.Text;
        for (int k = s + 1; k < e && k - s <= 4; k++)
        {
            if (!char.IsAsciiLetterUpper(text[k - 1])) return;
            int look = 0; bool ok = e - k <= 3;
            for (int j = k; j < e && ok; j++)
            {
                if (text[j] is 'I' or 'l' or 'O' or 'S') look++;
                else if (!char.IsAsciiDigit(text[j])) ok = false;
            }
            if (!ok || look == 0) continue;
            if (text[k] is 'O' || (text[k] == 'S' && e - k > 1)) continue;   // no number starts with 0; S5 is rare
            var prefix = text.AsSpan(s, k - s);
            // A word as written only right beside its sibling ("CD3 and CDS"); a two-letter one never (C0/CI/C3 may
            // be the author's CI as well as C1).
            bool word = ctx.Lexicon.IsCoreWord(text.AsSpan(s, e - s));
            if (word && e - s < 3) return;
            int window = word ? 15 : 40;
            if (!SiblingNear(text, s, e, prefix, window)) continue;
            var digits = new char[e - k];
            for (int j = k; j < e; j++) digits[j - k] = text[j] switch { 'I' or 'l' => '1', 'O' => '0', 'S' => '5', var c => c };
            ctx.Propose(s, e, string.Concat(prefix, digits), "grammar.code", 0.86, $"a code of the series {prefix.ToString()}N written beside it");
            return;
        }
    }

    // Whether a code made of `prefix` and digits stands within a few words of [s, e).
    private static bool SiblingNear(string text, int s, int e, ReadOnlySpan<char> prefix, int window)
    {
        int from = Math.Max(0, s - window), to = Math.Min(text.Length, e + window);
        for (int i = text.AsSpan(from, to - from).IndexOf(prefix); i >= 0;)
        {
            int at = from + i;
            if (at != s && (at == 0 || !char.IsLetterOrDigit(text[at - 1])))
            {
                int d = at + prefix.Length, de = d;
                while (de < text.Length && char.IsAsciiDigit(text[de])) de++;
                if (de > d && (de == text.Length || !char.IsLetterOrDigit(text[de]))) return true;
            }
            int next = text.AsSpan(at + 1, to - at - 1).IndexOf(prefix);
            i = next < 0 ? -1 : at + 1 + next - from;
        }
        return false;
    }

    // Whether an opening bracket at `at` is closed on its line (before another opens, and before a round bracket
    // opened outside it closes: "([VIG)" holds no square bracket).
    private static bool Closes(string text, int at)
    {
        char close = text[at] == '[' ? ']' : '}';
        int depth = 0;
        for (int k = at + 1; k < text.Length && k < at + 120; k++)
        {
            char c = text[k];
            if (c == close) return true;
            if (c == '(') depth++;
            else if (c == ')' && --depth < 0) return false;
            if (c is '\n' || c == text[at]) return false;
        }
        return false;
    }

    // Whether a closing bracket at `at` closes a bracket opened before it on its line: its own kind, or a round one
    // OCR closed with the wrong glyph ("(HIA]", "(Gl}").
    private static bool Opens(string text, int at) => OpenerOf(text, at) >= 0;

    private static bool OpensRound(string text, int at) => OpenerOf(text, at) is int k && k >= 0 && text[k] == '(';

    private static int OpenerOf(string text, int at)
    {
        char open = text[at] == ']' ? '[' : '{';
        int depth = 0;
        for (int k = at - 1; k >= 0 && k > at - 120; k--)
        {
            char c = text[k];
            if (c == open) return k;
            if (c == ')') depth++;
            else if (c == '(' && --depth < 0) return k;
            if (c is '\n' || c == text[at]) return -1;
        }
        return -1;
    }

    // Suspect's tests of the token's shape (no look-up): false where Suspect is false.
    private static bool MayBeSuspect(ReadOnlySpan<char> token)
    {
        int upper = 0, digit = 0;
        bool marked = false;
        foreach (char c in token)
        {
            if (char.IsAsciiLetterUpper(c)) upper++;
            else if (char.IsAsciiDigit(c)) digit++;
            else if (!char.IsAsciiLetterLower(c)) marked = true;
        }
        if (upper == 0) return false;
        if (token.Length >= 2 && char.IsAsciiDigit(token[0]) && char.IsAsciiDigit(token[1])) return false;
        bool shaped = upper >= 2 || digit >= 1 || marked;
        return shaped || token.Length <= 3 && char.IsAsciiLetterUpper(token[0]);
    }

    // A token worth checking: it holds a mark for a letter, or it is code-shaped, or it is a short capitalised
    // non-word (Gl); and no dictionary knows it as written.
    private static bool Suspect(CleanupContext ctx, ReadOnlySpan<char> token, out bool marked)
    {
        marked = false;
        int upper = 0, lower = 0, digit = 0;
        foreach (char c in token)
        {
            if (char.IsAsciiLetterUpper(c)) upper++;
            else if (char.IsAsciiLetterLower(c)) lower++;
            else if (char.IsAsciiDigit(c)) digit++;
            else marked = true;
        }
        if (upper == 0) return false;
        if (token.Length >= 2 && char.IsAsciiDigit(token[0]) && char.IsAsciiDigit(token[1])) return false;   // 200mL, 10K: numbers
        bool shaped = upper >= 2 || digit >= 1 || marked;
        bool shortCapital = !shaped && token.Length <= 3 && char.IsAsciiLetterUpper(token[0]);
        if (!shaped && !shortCapital) return false;
        if (!marked && ValidRoman.Contains(token.ToString())) return false;   // II, IV: right as written
        // A word as written is left alone, unless it is in capitals (MAI, AKT): then the evidence must be strong.
        if (!marked && digit == 0 && (lower > 0 || token.Length < 3) && ctx.Lexicon.IsCoreWord(token)) return false;
        return true;
    }

    // Returns whether it proposed a change or read the text around the token (false: the token alone came to nothing).
    private static bool Consider(CleanupContext ctx, Dictionary<string, int> doc, IReadOnlyDictionary<string, int>? corpus, CodeAffixes affixes, int s, int e, string token, bool marked, bool roundClose)
    {
        int asWritten = doc.GetValueOrDefault(token);
        if (asWritten > 1)
        {
            // The document repeats it: a code of its own, unless it writes it with a final 1 too (EWSR1 and twice
            // EWSRI): OCR reads a code's final 1 as I, hardly the reverse.
            if (asWritten <= 3 && token.Length >= 4 && token[^1] is 'I' or 'l' && char.IsAsciiLetterUpper(token[^2])
                && doc.GetValueOrDefault(string.Concat(token.AsSpan(0, token.Length - 1), "1")) is int ones && ones >= 1)
            {
                Propose(ctx, s, e, token[..^1] + "1", roundClose, 0.84, $"the document writes {token[..^1]}1 ({ones}x); a final 1 read as {token[^1]}");
                return true;
            }
            return false;
        }
        int batchAsWritten = corpus is null ? 0 : Math.Max(0, corpus.GetValueOrDefault(token) - 1);
        // The choice depends only on the token, the first round's codes and the batch: later rounds reuse it (cost).
        if (!ctx.Memo.CodeChoices.TryGetValue(token, out var choice))
            ctx.Memo.CodeChoices[token] = choice = Choose(ctx, doc, corpus, affixes, token);
        var (best, bestScore, secondScore, bestDoc, bestBatch) = choice;
        if (best is null) return false;
        // The code as written elsewhere (document or batch) weighs against the change.
        int other = Math.Max(0, asWritten - 1) + batchAsWritten;
        double conf;
        string reason;
        bool around = false;   // whether the text after the token was read (HyphenNumberAfter)
        // A token no code can be (a mark at its edge, a digit before capitals: [TP, 1VUS) needs only the document's one
        // other use; an ordinary-looking one needs more.
        bool odd = marked || (char.IsAsciiDigit(token[0]) && token.Length >= 3 && char.IsAsciiLetterUpper(token[1]) && char.IsAsciiLetterUpper(token[2]));
        odd |= DigitStutter(token, best);   // Ul1 beside U1: a digit and its look-alike side by side
        bool word = !odd && ctx.Lexicon.IsCoreWord(token);
        if (word)
        {
            // MAI, AKT are words or codes too: only the document's use and a clear majority make them another code.
            if (bestDoc >= 1 && bestDoc + bestBatch >= 5 * (other + 1))
            {
                Propose(ctx, s, e, best, roundClose, secondScore > bestScore / 3 ? 0.6 : 0.84, $"the document writes {best} ({bestDoc}x, {bestBatch} other texts)");
                return true;
            }
            return false;
        }
        if (bestDoc >= 1 && bestDoc + bestBatch >= (odd ? 1 : 3 * (other + 1) - 1))
        {
            conf = 0.86; reason = $"the document writes {best} ({bestDoc}x, {bestBatch} other texts)";
        }
        else if (other == 0 && bestBatch >= 2 && !Capitalises(token, best))
        {
            conf = 0.82; reason = $"the batch writes {best} ({bestBatch} other texts)";
        }
        else if (other == 0 && bestBatch == 1 && !Capitalises(token, best) && token.Length >= 3
                 && (token[0] is '[' or '|' && token.Length >= 4 || (around = true) && HyphenNumberAfter(ctx.Text, e)))
        {
            // An opening mark no bracket closes, before three or more letters ([VIG), or a code numbered after a
            // hyphen (HHY-8 for HHV-8): one other text that writes the code is enough.
            conf = 0.82; reason = $"the batch writes {best} (1 other text) and {token} " + (HyphenNumberAfter(ctx.Text, e) ? "is numbered after a hyphen" : "holds a mark");
        }
        else if (bestDoc == 0 && bestBatch < 2) return around;   // one other text is no evidence (panel labels 1A, 2A)
        else
        {
            conf = 0.55; reason = $"{best} is written elsewhere ({bestDoc}x here, {bestBatch} other texts)";
        }
        if (secondScore > bestScore / 3) conf = Math.Min(conf, 0.6);
        if (other > 0) conf = Math.Min(conf, 0.6);
        Propose(ctx, s, e, best, roundClose, conf, reason);
        return true;
    }

    private static (string? Best, double Score, double Second, int Doc, int Batch) Choose(CleanupContext ctx, Dictionary<string, int> doc, IReadOnlyDictionary<string, int>? corpus, CodeAffixes affixes, string token)
    {
        // One or two table edits (a mark must be explained by one); the code must come out code-shaped.
        // The edits are spelled out in buffers and only a candidate that can win (see Keeps) becomes a string: the
        // others were skipped below anyway, and dropping them keeps the survivors' order (ties go to the first).
        var found = new Dictionary<string, double>(StringComparer.Ordinal);
        var foundAt = found.GetAlternateLookup<ReadOnlySpan<char>>();
        var docAt = doc.GetAlternateLookup<ReadOnlySpan<char>>();
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? corpusAt = corpus is null ? null : BatchCodes(corpus);
        var (edits, maxIntended) = EditsByFirst(ctx.Channel);
        if (affixes.DocInBatch) docAt = s_noCodes.GetAlternateLookup<ReadOnlySpan<char>>();   // every document code is a batch code: one look-up
        int size1 = token.Length + maxIntended, size2 = size1 + maxIntended;
        Span<char> b1 = size1 <= 128 ? stackalloc char[128] : new char[size1];
        Span<char> b2 = size2 <= 256 ? stackalloc char[256] : new char[size2];
        void Offer(ReadOnlySpan<char> cand, double p)
        {
            if (!Keeps(cand, token, docAt, corpusAt)) return;
            if (p > (foundAt.TryGetValue(cand, out var old) ? old : 0)) foundAt[cand] = p;
        }
        var t = token.AsSpan();
        for (int i = 0; i < t.Length; i++)
        {
            if (!edits.TryGetValue(t[i], out var list)) continue;
            foreach (var (o1, n1, p1) in list)
            {
                if (i + o1.Length > t.Length || !t.Slice(i, o1.Length).SequenceEqual(o1)) continue;
                var c1 = b1[..Build(t, i, o1, n1, b1)];
                if (c1.Length == 0) continue;
                Offer(c1, p1);
                if (token.Length < 3) continue;
                for (int j = 0; j < c1.Length; j++)
                {
                    // A second edit at j keeps c1's first j characters: a code that can be kept starts so (and when no
                    // code starts with c1[..j], none starts with a longer part of c1 either).
                    if (j > 0 && !affixes.MayStart(c1[..j])) break;
                    if (!edits.TryGetValue(c1[j], out var list2)) continue;
                    foreach (var (o2, n2, p2) in list2)
                    {
                        // A second edit that ends before the first one's place makes what that edit made first, then
                        // this one (the first loop reached it earlier, with the same probability): nothing new.
                        if (j + o2.Length <= i) continue;
                        if (j + o2.Length > c1.Length || !c1.Slice(j, o2.Length).SequenceEqual(o2)) continue;
                        var c2 = b2[..Build(c1, j, o2, n2, b2)];
                        if (c2.Length > 0) Offer(c2, p1 * p2);
                    }
                }
            }
        }
        // A character read twice, once as a look-alike (PaOQ2 for PaO2, Ul1 for U1): only
        // towards the document's own codes.
        // (the document's codes are asked first: a stutter is seldom one, and the channel's look-ups cost more)
        if (token.Length > 2)
        {
            var docCodes = doc.GetAlternateLookup<ReadOnlySpan<char>>();
            Span<char> without = stackalloc char[token.Length - 1];
            for (int k = 0; k < token.Length; k++)
            {
                t[..k].CopyTo(without);
                t[(k + 1)..].CopyTo(without[k..]);
                if (!docCodes.ContainsKey(without) || !Stutter(ctx, token, k)) continue;
                Offer(without, StutterP);
            }
        }
        string? best = null; double bestScore = 0, secondScore = 0; int bestDoc = 0, bestBatch = 0;
        foreach (var (cand, p) in found)
        {
            if (cand == token || !IsCodeShaped(cand) || ContainsMark(cand)) continue;
            if (string.Equals(cand, token, StringComparison.OrdinalIgnoreCase)) continue;   // PCO2/pCO2: a case, not a misreading
            // A code's last digit is its number (FEV1, EWSR1, T11, L1): OCR reads such a 1 as I, hardly the reverse.
            if (cand.Length == token.Length && char.IsAsciiDigit(token[^1]) && !char.IsAsciiDigit(cand[^1])) continue;
            int inDoc = doc.GetValueOrDefault(cand);
            int inBatch = corpus is null ? 0 : Math.Max(0, corpus.GetValueOrDefault(cand) - (inDoc > 0 ? 1 : 0));
            if (inDoc + inBatch == 0) continue;
            // The document's own codes come first: a batch code is a candidate only where the document shows none.
            double score = p * (inDoc > 0 ? 1000 * inDoc + inBatch : inBatch);
            if (score > bestScore) { secondScore = bestScore; bestScore = score; best = cand; bestDoc = inDoc; bestBatch = inBatch; }
            else if (score > secondScore) secondScore = score;
        }
        return (best, bestScore, secondScore, bestDoc, bestBatch);
    }

    // Whether a candidate passes the tests of Choose's last loop that look at the candidate alone: code-shaped (so no
    // mark), not the token or a case of it, a final digit kept, and written in the document or another text of the batch.
    private static bool Keeps(ReadOnlySpan<char> cand, string token, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> docAt,
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? corpusAt)
    {
        if (!IsCodeShaped(cand) || cand.Equals(token, StringComparison.OrdinalIgnoreCase)) return false;
        if (cand.Length == token.Length && char.IsAsciiDigit(token[^1]) && !char.IsAsciiDigit(cand[^1])) return false;
        if (docAt.TryGetValue(cand, out int inDoc) && inDoc > 0) return true;
        return corpusAt is { } batch && batch.Contains(cand);
    }

    private static readonly Dictionary<string, int> s_noCodes = new(StringComparer.Ordinal);

    // The starts of the codes a candidate may become (see Keeps): the batch's codes (built once per batch) and the
    // document's, when it writes a code the batch does not hold (built once per document, kept on the memo).
    private sealed class CodeAffixes
    {
        public HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? BatchStarts, DocStarts;
        public bool DocInBatch;

        public bool MayStart(ReadOnlySpan<char> s) =>
            BatchStarts is { } b && b.Contains(s) || DocStarts is { } d && d.Contains(s);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HashSet<string>, HashSet<string>> s_batchAffixes = new();

    private static HashSet<string> Starts(IEnumerable<string> codes)
    {
        var starts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in codes)
            for (int k = 1; k <= c.Length; k++) starts.Add(c[..k]);
        return starts;
    }

    private static CodeAffixes AffixesOf(Dictionary<string, int> doc, IReadOnlyDictionary<string, int>? corpus)
    {
        var result = new CodeAffixes();
        HashSet<string>? batch = null;
        if (corpus is not null)
        {
            batch = BatchCodeSet(corpus);
            result.BatchStarts = s_batchAffixes.GetValue(batch, Starts).GetAlternateLookup<ReadOnlySpan<char>>();
        }
        result.DocInBatch = batch is not null && doc.All(kv => kv.Value <= 0 || batch.Contains(kv.Key));
        if (!result.DocInBatch)
            result.DocStarts = Starts(doc.Where(kv => kv.Value > 0).Select(kv => kv.Key)).GetAlternateLookup<ReadOnlySpan<char>>();
        return result;
    }

    // The batch's code-shaped keys with a count (a small part of its keys, so a candidate's look-up stays in cache), built once per batch.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyDictionary<string, int>, HashSet<string>> s_batchCodes = new();

    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BatchCodes(IReadOnlyDictionary<string, int> corpus) =>
        BatchCodeSet(corpus).GetAlternateLookup<ReadOnlySpan<char>>();

    private static HashSet<string> BatchCodeSet(IReadOnlyDictionary<string, int> corpus) =>
        s_batchCodes.GetValue(corpus, c => c.Where(kv => kv.Value > 0 && IsCodeShaped(kv.Key)).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal));

    // The channel's table entries by first observed character with each entry's own probability, in the order
    // ConfusionModel.TableEdits tries them, and the longest intended side (built once per model).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ConfusionModel, Tuple<Dictionary<char, (string Observed, string Intended, double P)[]>, int>> s_edits = new();

    private static (Dictionary<char, (string Observed, string Intended, double P)[]> ByFirst, int MaxIntended) EditsByFirst(ConfusionModel channel)
    {
        var r = s_edits.GetValue(channel, m => Tuple.Create(
            m.Entries.Where(e => e.Observed.Length > 0).GroupBy(e => e.Observed[0])
                .ToDictionary(g => g.Key, g => g.Select(e => (e.Observed, e.Intended, e.Weight / (e.Weight + ConfusionModel.Smoothing))).ToArray()),
            m.Entries.Select(e => e.Intended.Length).DefaultIfEmpty(0).Max()));
        return (r.Item1, r.Item2);
    }

    // w with [i, i + o.Length) replaced by n, written into buf; returns the length.
    private static int Build(ReadOnlySpan<char> w, int i, string o, string n, Span<char> buf)
    {
        w[..i].CopyTo(buf);
        n.AsSpan().CopyTo(buf[i..]);
        w[(i + o.Length)..].CopyTo(buf[(i + n.Length)..]);
        return w.Length - o.Length + n.Length;
    }

    private static void Propose(CleanupContext ctx, int s, int e, string code, bool roundClose, double conf, string reason)
    {
        if (roundClose) ctx.Propose(s, e + 1, code + ")", "grammar.code", conf, reason + "; a round bracket closed with the wrong glyph");
        else ctx.Propose(s, e, code, "grammar.code", conf, reason);
    }

    // A lower-case letter read back as a capital (SRj -> SRI): variables and subscripts look like that; only the
    // document's own use may say so.
    private static bool Capitalises(string token, string cand)
    {
        if (token.Length != cand.Length) return true;
        for (int k = 0; k < token.Length; k++)
            if (char.IsAsciiLetterLower(token[k]) && !char.IsAsciiLetterLower(cand[k])) return true;
        return false;
    }

    private static bool HyphenNumberAfter(string text, int e) =>
        e + 1 < text.Length && text[e] == '-' && char.IsAsciiDigit(text[e + 1]);

    private const double StutterP = 0.05;

    // Whether `cand` is `token` without a letter that stands beside the digit it looks like (Ul1 -> U1, CD2O0 -> CD20).
    private static bool DigitStutter(string token, string cand)
    {
        if (token.Length != cand.Length + 1) return false;
        for (int k = 0; k < token.Length; k++)
        {
            char twin = token[k] switch { 'I' or 'l' => '1', 'O' => '0', _ => '\0' };
            if (twin == '\0' || (k == 0 || token[k - 1] != twin) && (k + 1 == token.Length || token[k + 1] != twin)) continue;
            if (token.AsSpan(0, k).SequenceEqual(cand.AsSpan(0, k)) && token.AsSpan(k + 1).SequenceEqual(cand.AsSpan(k))) return true;
        }
        return false;
    }

    // Whether token[k] stands beside a character it is a look-alike of (token without it is a stutter candidate).
    private static bool Stutter(CleanupContext ctx, string token, int k)
    {
        // A doubled letter is no evidence (LAA, TEE are codes of their own); a look-alike beside it is.
        if (!char.IsAsciiLetterOrDigit(token[k]) || token.Length <= 2) return false;
        string here = token[k].ToString();
        return (k > 0 && token[k - 1] != token[k] && ctx.Channel.Probability(here, token[k - 1].ToString()) > 0)
               || (k + 1 < token.Length && token[k + 1] != token[k] && ctx.Channel.Probability(here, token[k + 1].ToString()) > 0);
    }

    private static bool ContainsMark(string s)
    {
        foreach (char c in s) if (!char.IsAsciiLetterOrDigit(c)) return true;
        return false;
    }
}
