namespace Extractor.Cleanup;

/// <summary>
/// Real-word errors judged by their neighbours: a known word one strong confusion away from another known word
/// ("tor the" / "for the", "tight lung" / "right lung", "Jung nodules" / "lung nodules") is replaced when the other
/// word stands next to the same neighbours elsewhere in the document or the batch (word pairs from
/// <see cref="CleanupContext.BigramCountOf"/>), the word as written never does, and the other word is the more
/// frequent. Without that evidence nothing changes: names and rare words stay.
/// </summary>
public static class NeighbourContext
{
    /// <summary>Only strong confusions (P(observed | intended) at least this) make a real word suspect.</summary>
    public const double MinConfusion = 0.05;
    /// <summary>A plain English word as written needs a stronger confusion.</summary>
    public const double PlainConfusion = 0.1;
    /// <summary>A confusion this weak (seen twice in the training pairs) only leads to one of the most frequent function words.</summary>
    public const double FunctionWordConfusion = 0.04;
    /// <summary>Frequency per million from which a word counts as such a function word (of, and, was, for ...).</summary>
    public const double FunctionWordFrequency = 3000;
    /// <summary>Other occurrences of the candidate's word pairs needed.</summary>
    public const int MinSupport = 3;
    /// <summary>A word occurring more often than this (document plus batch texts) is taken as written.</summary>
    public const int MaxOwnCount = 8;
    /// <summary>Known words longer than this are taken as written.</summary>
    public const int MaxKnownLength = 5;

    // Plain: the word as written is one of the document's plain words (ruled out by its spelling alone); carried with
    // the token into the next round while the text around it stays as it was (TokensOf).
    internal readonly record struct Token(int Start, int End, bool Free, bool GapBefore, bool Plain = false);

    // The strong table confusions by the first observed character, per channel model (built once); the intended part
    // also lower-cased (a candidate's lower-case spelling is the word's with that part in place).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ConfusionModel, Dictionary<char, (string Observed, string Intended, string IntendedLower, double P)[]>> s_strong = new();

    private static Dictionary<char, (string Observed, string Intended, string IntendedLower, double P)[]> StrongEdits(ConfusionModel channel) =>
        s_strong.GetValue(channel, m => m.Entries
            .Where(e => e.Observed.Length > 0 && e.Observed.All(char.IsLetter) && e.Intended.All(char.IsLetter))
            .Select(e => (e.Observed, e.Intended, IntendedLower: e.Intended.ToLowerInvariant(), P: m.Probability(e.Observed, e.Intended)))
            .Where(e => e.P >= FunctionWordConfusion)
            .GroupBy(e => e.Observed[0]).ToDictionary(g => g.Key, g => g.ToArray()));

    public static void Propose(CleanupContext ctx) => Propose(ctx, Tokens(ctx.Text));

    /// <summary><see cref="Propose(CleanupContext)"/> over the text's <see cref="Tokens"/> (ContextRules reads them too).</summary>
    internal static void Propose(CleanupContext ctx, List<Token> tokens)
    {
        string text = ctx.Text;
        var strong = StrongEdits(ctx.Channel);
        Span<char> lowerBuf = stackalloc char[40];
        Span<char> candBuf = stackalloc char[48];
        Span<char> candLowerBuf = stackalloc char[48];
        // Words (as written) the cheap filters ruled out, remembered for the document's other occurrences and rounds
        // (the later rounds see mostly the same words): by their spelling alone (case, common or long known words) for
        // good; by the document's counts (a frequent word, no frequent candidate) while the counts that decided stay as
        // they were (StillRuledOut). A filter that looks at a word's place must not rule the word out here. One entry
        // per spelling holds these and what the word's other places ask again (WordState).
        var memo = ctx.Memo;
        var state = StateOf(memo);
        var spellings = state.Spellings;
        int run = ++memo.NeighbourRuns;
        var changes = run == 1 ? null : CountChanges(ctx, memo.NeighbourCounts!);
        // The document's countable words of the last round that built them, with this round's new words added.
        ulong[]? countable = null, batchCountable = BatchCountable(ctx);
        if (state.Countable is { } bits && changes is not null && ReferenceEquals(state.CountableFor, memo.NeighbourCounts))
        {
            foreach (var word in changes.Changed.Set) HashBits.Add(bits, word);
            state.CountableFor = ctx.DocumentCounts;
            countable = bits;
        }
        memo.NeighbourCounts = ctx.DocumentCounts;
        var (minDelta, maxDelta, maxObserved) = Reach(ctx.Channel);
        var marks = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens);   // (the tokens' Plain flags)
        for (int k = 0; k < tokens.Count; k++)
        {
            var t = tokens[k];
            int len = t.End - t.Start;
            // Proposals of earlier passes may overlap: the resolver keeps the more confident one.
            if (!t.Free || len < 2 || len > 15 || t.Plain) continue;
            var w = text.AsSpan(t.Start, len);
            // (no entry is added to or removed from `spellings` while `ws` is in use below)
            ref var ws = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(spellings, w, out _);
            if (ws.Plain) { marks[k] = t with { Plain = true }; continue; }
            if (ws.Seen is int seen and not 0)
            {
                if (seen == run || seen == -run) continue;
                if (seen == run - 1 && changes is { } ch && StillRuledOut(w, ch, minDelta, maxDelta, maxObserved, lowerBuf)) { ws.Seen = run; continue; }
            }
            bool lower = true, capital = char.IsUpper(w[0]);
            foreach (char c in w[1..]) if (!char.IsLower(c)) { lower = capital = false; break; }
            lower &= char.IsLower(w[0]);
            if (!lower && !capital) { ws.Plain = true; marks[k] = t with { Plain = true }; continue; }   // abbreviations, codes
            bool hasPrev = k > 0 && t.GapBefore && tokens[k - 1].Free, hasNext = k + 1 < tokens.Count && tokens[k + 1].GapBefore && tokens[k + 1].Free;
            if (!hasPrev && !hasNext) continue;
            // Cheap filters first (this runs on every word): function words are judged elsewhere, and a word the
            // document and batch use often is a word.
            var lws = lowerBuf[..len];
            w.ToLowerInvariant(lws);
            if (!ws.HasSource) (ws.Source, ws.HasSource) = (ctx.Lexicon.SourcesOf(w), true);   // (words of the text: through the table of words met so far)
            var ownSource = ws.Source;
            if ((ownSource & LexiconSource.Common) != 0) { ws.Plain = true; marks[k] = t with { Plain = true }; continue; }
            // Known words are suspects only when short (tor, Tn, tight): longer real words are seldom one confusion from
            // another word, and skipping them keeps this pass cheap. Non-words of any length (atter, cardiae) are.
            bool known = ownSource != LexiconSource.None && (capital || (ownSource & (LexiconSource.LowerForm | LexiconSource.HugeLower)) != 0);
            if (known && len > MaxKnownLength) { ws.Plain = true; marks[k] = t with { Plain = true }; continue; }
            // A short rare word at a sentence start, read by the next word alone (Th October, Sh also).
            if (capital && len <= 3 && (ownSource & LexiconSource.Domain) == 0 && !ctx.Lexicon.IsName(w)
                && !InFrequencies(ctx.Data, lws) && SentenceOpener(ctx, tokens, k)) continue;
            if (ws.CountRun != run) (ws.Count, ws.CountRun) = (ctx.CountOf(lws), run);
            int ownCount = ws.Count;
            if (ownCount > MaxOwnCount) { ws.Seen = len <= 3 ? -run : run; continue; }   // (short words: place-dependent above, this round only)
            // A short lower-case word that is no frequent word (fo, nd, ard, oof: rare or no words, not units or
            // gazetteer terms): any one edit to a most frequent function word, judged by the neighbours alone (the
            // confusion table knows too few of these short misreads).
            if (lower && len <= 3 && ownCount <= 3 && (ownSource & LexiconSource.Domain) == 0 && !IsUnit(ctx.Data, w)
                && !InFrequencies(ctx.Data, lws) && ShortFunctionWord(ctx, tokens, k)) continue;
            // Is there a strong confusion at all that leads to a frequent word? (no allocation on the way; the answer
            // depends on the word and this round's counts only, so the word's other places this round reuse it)
            if (ws.AnyRun != run) (ws.Any, ws.AnyRun) = (AnyFrequentConfusion(ctx, w, lws, ownCount, strong, batchCountable, countable ??= CountableWords(ctx, state), candLowerBuf), run);
            if (!ws.Any) { if (len > 3) ws.Seen = run; continue; }   // (short words: judged again at each place)
            string wordText = w.ToString(), lw = lws.ToString();
            string? prev = hasPrev ? text[tokens[k - 1].Start..tokens[k - 1].End].ToLowerInvariant() : null;
            string? next = hasNext ? text[tokens[k + 1].Start..tokens[k + 1].End].ToLowerInvariant() : null;
            bool sentenceStart = Speller.SentenceStart(text, t.Start);
            // The word as written next to these neighbours elsewhere: any such pair makes it a word in its place.
            int own = (prev is null ? 0 : ctx.BigramCountOf(prev, lw) - 1) + (next is null ? 0 : ctx.BigramCountOf(lw, next) - 1);
            // (A word the large list alone knows, OCR may repeat across the batch: "ct sean" twice beside "ct scan"
            // twenty times. Such a word as written may stand there when the other word does ten times as often.)
            bool odd = (ownSource & (LexiconSource.LowerForm | LexiconSource.Domain)) == 0;
            if (own > 0 && !odd) continue;
            bool plain = (ownSource & LexiconSource.English) != 0 && (ownSource & LexiconSource.LowerForm) != 0;
            string? best = null; int bestSupport = 0, secondSupport = 0, bestSides = 0; double bestP = 0;
            for (int i = 0; i < len; i++)
            {
                if (!strong.TryGetValue(w[i], out var list)) continue;
                foreach (var (o, n, _, p) in list)
                {
                    if (i + o.Length > len || !w[i..].StartsWith(o) || len - o.Length + n.Length > candBuf.Length) continue;
                    bool function = IsFunctionWord(ctx, w, i, o, n);
                    // (a plain word as written only when it is as short as the function words: wan, ob; not tile)
                    if (p < (plain ? (function && len <= 3 ? FunctionWordConfusion : PlainConfusion) : function ? FunctionWordConfusion : MinConfusion)) continue;
                    string cand = candBuf[..Build(w, i, o, n, candBuf)].ToString();
                    // Case follows the place: a lower-case word inside a sentence, a capital at its start.
                    bool candLower = Chars.All(cand, char.IsLower), candCapital = char.IsUpper(cand[0]) && Chars.All(cand, char.IsLower, 1);
                    if (sentenceStart ? !candCapital && !candLower : !candLower) continue;
                    string lc = cand.ToLowerInvariant();
                    if (lc == lw || (ctx.Lexicon.SourcesOfLower(lc) & (LexiconSource.LowerForm | LexiconSource.Common)) == 0) continue;
                    int left = prev is null ? 0 : ctx.BigramCountOf(prev, lc), right = next is null ? 0 : ctx.BigramCountOf(lc, next);
                    int support = left + right;
                    if (support > bestSupport)
                    {
                        secondSupport = bestSupport; bestSupport = support; bestP = p;
                        bestSides = (left > 0 || prev is null ? 1 : 0) + (right > 0 || next is null ? 1 : 0);
                        best = capital && sentenceStart && candLower ? char.ToUpperInvariant(cand[0]) + cand[1..] : cand;
                    }
                    else if (support > secondSupport && !string.Equals(cand, best, StringComparison.OrdinalIgnoreCase)) secondSupport = support;
                }
            }
            if (best is null || secondSupport * 3 > bestSupport) continue;
            if (own > 0 && bestSupport < 10 * own) continue;
            // A plain English word as written (arc, ease, role) needs more evidence than an odd one (tor, Tn, cardiae),
            // and is replaced only when both its neighbours go with the other word (night sweats stay).
            if (bestSupport < (plain ? 5 : MinSupport) || (plain && bestSides < 2)) continue;
            // The candidate must be the far more frequent word (each text counts once in the batch).
            int wordCount = ownCount - 1, candCount = ctx.CountOf(best.ToLowerInvariant());
            if (candCount < (plain ? 10 : 3) * Math.Max(1, wordCount)) continue;
            double conf = Math.Min(0.95, 0.8 + 0.01 * bestSupport + 0.1 * bestP);
            ctx.Propose(t.Start, t.End, best, "context.neighbours", conf,
                $"\"{best}\" stands next to these words {bestSupport} times elsewhere, \"{wordText}\" never (confusion {bestP:0.00}; counts {candCount} to {wordCount})");
        }
    }

    // Whether one strong confusion turns the word into one the document and batch use at least three times as often.
    // The candidate's lower-case spelling is lw's with the intended part lower-cased in place (casing goes character by
    // character); its hash goes on from lw's prefix, and only a candidate whose bit is set is spelled out.
    private static bool AnyFrequentConfusion(CleanupContext ctx, ReadOnlySpan<char> w, ReadOnlySpan<char> lw, int ownCount,
        Dictionary<char, (string Observed, string Intended, string IntendedLower, double P)[]> strong, ulong[]? batchCountable, ulong[] countable, Span<char> candLowerBuf)
    {
        int len = w.Length;
        uint prefix = HashBits.Seed;   // lw[..i] hashed
        for (int i = 0; i < len; prefix = HashBits.Step(prefix, lw[i]), i++)
        {
            if (!strong.TryGetValue(w[i], out var list)) continue;
            foreach (var (o, n, nl, p) in list)
            {
                if (i + o.Length > len || !w[i..].StartsWith(o) || len - o.Length + n.Length > candLowerBuf.Length) continue;
                uint h = prefix;
                foreach (char c in nl) h = HashBits.Step(h, c);
                var rest = lw[(i + o.Length)..];
                foreach (char c in rest) h = HashBits.Step(h, c);
                if (!HashBits.MayContainState(countable, h) && (batchCountable is null || !HashBits.MayContainState(batchCountable, h))) continue;
                int cl = len - o.Length + n.Length;
                lw[..i].CopyTo(candLowerBuf);
                nl.AsSpan().CopyTo(candLowerBuf[i..]);
                rest.CopyTo(candLowerBuf[(i + nl.Length)..]);
                if (ctx.CountOf(candLowerBuf[..cl]) < 3 * Math.Max(1, ownCount - 1)) continue;
                if (p < MinConfusion && !IsFunctionWord(ctx, w, i, o, n)) continue;
                return true;
            }
        }
        return false;
    }

    // Most spelled-out confusions are no words: a bit per hash of the lower-cased words whose count can reach three
    // (this round's words of the document, and in a table of their own the batch's words of three texts or more)
    // answers them without the two count look-ups. Clear bits mean a count under three; a set one may be another
    // word's (then the counts decide).
    private sealed class State
    {
        public readonly Dictionary<string, WordState>.AlternateLookup<ReadOnlySpan<char>> Spellings =
            new Dictionary<string, WordState>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        public ulong[]? Countable;
        public Dictionary<string, int>? CountableFor;   // the counts Countable holds the words of
        public List<Token>? Tokens, SpareTokens;        // TokensOf: the tokens of TokensText, and a list to reuse
        public string? TokensText;
    }

    // What the neighbour context knows of one spelling (as written) of the document: ruled out by the spelling alone
    // (Plain), or by the counts of run Seen (for that run only when negative; 0: not); its lexicon sources; its count
    // and whether a strong confusion leads to a frequent word, as of run CountRun / AnyRun.
    private struct WordState
    {
        public bool Plain, HasSource, Any;
        public LexiconSource Source;
        public int Seen, Count, CountRun, AnyRun;
    }

    // Whether a lower-case span is in the word frequency list, or a unit, without a string for the question.
    private static bool InFrequencies(CleanupData data, ReadOnlySpan<char> lower) =>
        data.WordFrequencies is Dictionary<string, double> d && d.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lk) ? lk.ContainsKey(lower) : data.WordFrequencies.ContainsKey(lower.ToString());

    private static bool IsUnit(CleanupData data, ReadOnlySpan<char> w) =>
        data.Units is HashSet<string> h && h.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lk) ? lk.Contains(w) : data.Units.Contains(w.ToString());

    // Per document (its memo): what the rounds share beyond CleanupMemo's fields.
    private static State StateOf(CleanupMemo memo) => (State)(memo.NeighbourState ??= new State());

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyDictionary<string, int>, ulong[]> s_batchCountable = new();

    private static ulong[]? BatchCountable(CleanupContext ctx) =>
        ctx.Options.CorpusCounts is { } corpus
            ? s_batchCountable.GetValue(corpus, c =>
            {
                var b = HashBits.Create();
                foreach (var (key, n) in c) if (n >= 3 && !key.Contains(' ')) HashBits.Add(b, key);
                return b;
            })
            : null;

    // (A word whose bit is set and that is no longer countable only costs a count look-up.)
    private static ulong[] CountableWords(CleanupContext ctx, State state)
    {
        var bits = HashBits.Create(15);   // (a document's few thousand words)
        foreach (var word in ctx.DocumentCounts.Keys) HashBits.Add(bits, word);
        state.Countable = bits; state.CountableFor = ctx.DocumentCounts;
        return bits;
    }

    /// <summary>Support (word pairs elsewhere) a short non-word's function-word reading needs, and its lead over the next reading.</summary>
    public const int ShortSupport = 4;

    // The most frequent function words (frequency >= FunctionWordFrequency), up to four letters, built once per data set.
    private static (CleanupData Data, string[] Words)? s_functionWords;

    private static string[] FunctionWords(CleanupData data)
    {
        if (s_functionWords is { } cached && ReferenceEquals(cached.Data, data)) return cached.Words;
        var words = data.WordFrequencies.Where(kv => kv.Value >= FunctionWordFrequency && kv.Key.Length <= 4 && kv.Key.All(char.IsAsciiLetterLower))
            .Select(kv => kv.Key).ToArray();
        s_functionWords = (data, words);
        return words;
    }

    // "prior fo direct closure" -> "to": the readings are the function words one edit away (substitution, insertion,
    // deletion, transposition); the one the document and batch put next to these neighbours clearly most often, on
    // a side where the word as written never stands, wins. Returns whether it proposed.
    private static bool ShortFunctionWord(CleanupContext ctx, List<Token> tokens, int k)
    {
        string text = ctx.Text;
        var t = tokens[k];
        string word = text[t.Start..t.End];
        if (t.End < text.Length && text[t.End] == '.') return false;   // an abbreviation (ca., cf.)
        bool hasPrev = k > 0 && t.GapBefore && tokens[k - 1].Free, hasNext = k + 1 < tokens.Count && tokens[k + 1].GapBefore && tokens[k + 1].Free;
        if (!hasPrev || !hasNext) return false;
        string prev = text[tokens[k - 1].Start..tokens[k - 1].End].ToLowerInvariant(), next = text[tokens[k + 1].Start..tokens[k + 1].End].ToLowerInvariant();
        if (ctx.BigramCountOf(prev, word) > 1 || ctx.BigramCountOf(word, next) > 1) return false;
        string? best = null; int bestSupport = 0, second = 0, bestLeft = 0, bestRight = 0;
        foreach (var cand in FunctionWords(ctx.Data))
        {
            if (Math.Abs(cand.Length - word.Length) > 1 || !ContextRules.WithinOneEdit(word, cand)) continue;
            int left = ctx.BigramCountOf(prev, cand), right = ctx.BigramCountOf(cand, next);
            int support = left + right;
            if (support > bestSupport) { second = bestSupport; bestSupport = support; best = cand; bestLeft = left; bestRight = right; }
            else if (support > second) second = support;
        }
        if (best is null || bestSupport < ShortSupport || second * 3 > bestSupport) return false;
        // One side only: it must say something ("prior to", "set of"; not "of the", "in the": a function word beside
        // a function word is everywhere), and say it often.
        if (Math.Min(bestLeft, bestRight) == 0)
        {
            string side = bestLeft > 0 ? prev : next;
            if (Math.Max(bestLeft, bestRight) < 2 * ShortSupport || ctx.Data.WordFrequencies.GetValueOrDefault(side) >= FunctionWordFrequency) return false;
        }
        ctx.Propose(t.Start, t.End, best, "context.neighbours", 0.85,
            $"short non-word: \"{best}\" stands next to these words {bestSupport} times elsewhere ({bestLeft} before, {bestRight} after), the next reading {second}");
        return true;
    }

    // A short capitalised word at a sentence start that is no frequent word: the function word one edit away that the
    // document and batch put before the next word clearly most often (at least twice ShortSupport, three times the
    // next reading), where the word as written never stands before it.
    private static bool SentenceOpener(CleanupContext ctx, List<Token> tokens, int k)
    {
        string text = ctx.Text;
        var t = tokens[k];
        if (!Speller.SentenceStart(text, t.Start) || (t.End < text.Length && text[t.End] == '.')) return false;
        if (k + 1 >= tokens.Count || !tokens[k + 1].GapBefore || !tokens[k + 1].Free) return false;
        string lw = text[t.Start..t.End].ToLowerInvariant(), next = text[tokens[k + 1].Start..tokens[k + 1].End].ToLowerInvariant();
        if (next.Length < 2 || ctx.BigramCountOf(lw, next) > 1) return false;
        string? best = null; int bestSupport = 0, second = 0;
        foreach (var cand in FunctionWords(ctx.Data))
        {
            if (Math.Abs(cand.Length - lw.Length) > 1 || !ContextRules.WithinOneEdit(lw, cand)) continue;
            int support = ctx.BigramCountOf(cand, next);
            if (support > bestSupport) { second = bestSupport; bestSupport = support; best = cand; }
            else if (support > second) second = support;
        }
        if (best is null || bestSupport < 2 * ShortSupport || second * 3 > bestSupport) return false;
        string corrected = char.ToUpperInvariant(best[0]) + best[1..];
        ctx.Propose(t.Start, t.End, corrected, "context.neighbours", 0.85,
            $"short word at a sentence start: \"{best}\" stands before \"{next}\" {bestSupport} times elsewhere, the next reading {second}");
        return true;
    }

    /// <summary>How the document's word counts changed since the last round: words counted differently, and words now
    /// counted more often and at least three times (only such a word can become a frequent candidate).</summary>
    private sealed record Changes(HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Changed, List<string> Risen);

    private static Changes CountChanges(CleanupContext ctx, Dictionary<string, int> before)
    {
        var now = ctx.DocumentCounts;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var risen = new List<string>();
        var memo = ctx.Memo;
        if (memo.RecountTouched is { } touched && ReferenceEquals(memo.RecountBase, before) && ReferenceEquals(memo.LastCounts, now))
        {
            // The counts were updated from `before` where the round's edits fell: only the words counted there can differ.
            foreach (var word in touched)
            {
                int n = now.GetValueOrDefault(word), old = before.GetValueOrDefault(word);
                if (n == old || !changed.Add(word)) continue;
                if (n > old && ctx.CountOf(word) >= 3) risen.Add(word);
            }
            return new Changes(changed.GetAlternateLookup<ReadOnlySpan<char>>(), risen);
        }
        foreach (var (word, n) in now)
        {
            int old = before.GetValueOrDefault(word);
            if (n == old) continue;
            changed.Add(word);
            if (n > old && ctx.CountOf(word) >= 3) risen.Add(word);
        }
        foreach (var word in before.Keys) if (!now.ContainsKey(word)) changed.Add(word);
        return new Changes(changed.GetAlternateLookup<ReadOnlySpan<char>>(), risen);
    }

    // A word the counts ruled out last round stays ruled out when its own count is the same and no word that rose could
    // be one of its candidates: a candidate keeps the word's letters outside one confusion (common prefix and suffix
    // cover all but the observed part), and every other candidate's count did not grow.
    private static bool StillRuledOut(ReadOnlySpan<char> w, Changes changes, int minDelta, int maxDelta, int maxObserved, Span<char> lowerBuf)
    {
        var lw = lowerBuf[..w.Length];
        w.ToLowerInvariant(lw);
        if (changes.Changed.Contains(lw)) return false;
        foreach (var c in changes.Risen)
        {
            int delta = c.Length - lw.Length;
            if (delta < minDelta || delta > maxDelta) continue;
            int prefix = lw.CommonPrefixLength(c);
            int suffix = 0;
            while (suffix < lw.Length && suffix < c.Length && lw[^(suffix + 1)] == c[^(suffix + 1)]) suffix++;
            if (prefix + suffix >= lw.Length - maxObserved) return false;
        }
        return true;
    }

    // Length changes a strong confusion makes, and its longest observed part (per channel model, built once).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ConfusionModel, Tuple<int, int, int>> s_reach = new();

    private static (int MinDelta, int MaxDelta, int MaxObserved) Reach(ConfusionModel channel)
    {
        var r = s_reach.GetValue(channel, m =>
        {
            var all = StrongEdits(m).Values.SelectMany(l => l).ToList();
            return all.Count == 0 ? Tuple.Create(0, 0, 0)
                : Tuple.Create(all.Min(e => e.Intended.Length - e.Observed.Length), all.Max(e => e.Intended.Length - e.Observed.Length), all.Max(e => e.Observed.Length));
        });
        return (r.Item1, r.Item2, r.Item3);
    }

    // Whether w with [i, i + o.Length) replaced by n is one of the most frequent function words (wan -> was, ob -> of).
    private static bool IsFunctionWord(CleanupContext ctx, ReadOnlySpan<char> w, int i, string o, string n)
    {
        if (w.Length - o.Length + n.Length > 5) return false;
        Span<char> raw = stackalloc char[8], buf = stackalloc char[8];
        int len = Build(w, i, o, n, raw);
        raw[..len].ToLowerInvariant(buf);
        var freqs = ctx.Data.WordFrequencies as Dictionary<string, double>;
        double f = freqs is not null && freqs.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lk) ? (lk.TryGetValue(buf[..len], out var x) ? x : 0) : ctx.Data.WordFrequencies.GetValueOrDefault(buf[..len].ToString());
        return f >= FunctionWordFrequency;
    }

    // w with [i, i + o.Length) replaced by n, written into buf; returns the length.
    private static int Build(ReadOnlySpan<char> w, int i, string o, string n, Span<char> buf)
    {
        w[..i].CopyTo(buf);
        n.AsSpan().CopyTo(buf[i..]);
        w[(i + o.Length)..].CopyTo(buf[(i + n.Length)..]);
        return w.Length - o.Length + n.Length;
    }

    // Letter runs; GapBefore when only whitespace (one to three characters) separates a token from the one before;
    // Free when it is not glued to digits, hyphens, slashes or apostrophes (3-em, e.g, patient's are not free words).
    internal static List<Token> Tokens(string text)
    {
        var list = new List<Token>(text.Length / 6);
        Scan(text, 0, text.Length, -1, list);
        return list;
    }

    // The letter runs that start in [from, to) (prevEnd: the end of the token before, -1 for none), added to `into`;
    // returns the end of the last token (prevEnd when none).
    private static int Scan(string text, int from, int to, int prevEnd, List<Token> into)
    {
        int i = from;
        while (i < to)
        {
            if (!char.IsLetter(text[i])) { i++; continue; }
            int s = i;
            while (i < text.Length && char.IsLetter(text[i])) i++;
            bool gap = prevEnd >= 0 && s - prevEnd is >= 1 and <= 3 && text.AsSpan(prevEnd, s - prevEnd).IsWhiteSpace();
            bool free = (s == 0 || !char.IsLetterOrDigit(text[s - 1]) && text[s - 1] is not '-' and not '/' and not '\'' and not '’')
                        && (i == text.Length || !char.IsDigit(text[i]) && text[i] is not '-' and not '/' and not '\'' and not '’');
            into.Add(new Token(s, i, free, gap));
            prevEnd = i;
        }
        return prevEnd;
    }

    /// <summary>
    /// The text's <see cref="Tokens"/>, for the rounds of one document: a later round's text is the last one's with the
    /// round's edits, so its tokens are the last round's (shifted, with their Plain flags) where no edit came within
    /// five characters before or two after (a token's bounds, GapBefore and Free read no further), and a new scan of
    /// the stretches between those.
    /// </summary>
    internal static List<Token> TokensOf(CleanupContext ctx)
    {
        var memo = ctx.Memo;
        var state = StateOf(memo);
        string text = ctx.Text;
        if (ReferenceEquals(state.TokensText, text)) return state.Tokens!;
        _ = ctx.DocumentCounts;   // (counting the round's words records the edits that made its text)
        var list = state.SpareTokens ?? new List<Token>(text.Length / 6);
        list.Clear();
        if (state.Tokens is { } last && memo.RecountEdits is { } edits && ReferenceEquals(memo.RecountBefore, state.TokensText) && ReferenceEquals(memo.LastCountsText, text))
            Carry(last, edits, text, list);
        else Scan(text, 0, text.Length, -1, list);
        (state.SpareTokens, state.Tokens, state.TokensText) = (state.Tokens, list, text);
        return list;
    }

    private static void Carry(List<Token> last, List<Correction> edits, string text, List<Token> into)
    {
        var ordered = edits;
        for (int e = 1; e < edits.Count; e++)
            if (edits[e].Start < edits[e - 1].Start) { ordered = [.. edits.OrderBy(c => c.Start).ThenBy(c => c.End)]; break; }
        int k = 0, j = 0, shift = 0, prevEnd = -1, n = last.Count;
        while (true)
        {
            // Tokens no edit comes near: the same letters, neighbours and marks in the new text.
            for (; k < n && (j == ordered.Count || last[k].End + 2 < ordered[j].Start); k++)
            {
                var t = last[k];
                into.Add(t with { Start = t.Start + shift, End = t.End + shift });
                prevEnd = t.End + shift;
            }
            if (j == ordered.Count) break;
            // Edits and the tokens near them, up to the next token no edit comes near: scanned anew.
            int from = Math.Max(prevEnd, 0);
            do
            {
                var e = ordered[j++];
                shift += e.Corrected.Length - (e.End - e.Start);
                while (k < n && last[k].Start - 5 <= e.End) k++;
            } while (j < ordered.Count && (k == n || last[k].End + 2 >= ordered[j].Start));
            prevEnd = Scan(text, from, k < n ? last[k].Start + shift : text.Length, prevEnd, into);
        }
    }
}

