namespace Extractor.Cleanup;

/// <summary>
/// Noisy-channel correction of non-words: a word no lexicon knows (and the document does not repeat) is compared
/// with the known words within two confusion edits or one generic edit; each candidate scores
/// P(word) x P(observed | word), and the word itself stays possible as an unknown but correct word (names, rare
/// terms). The best candidate's share of the total is the confidence. Capitalised words inside a sentence,
/// all-capital abbreviations, words with digits and short words are left alone.
/// </summary>
public sealed class Speller : ICleanupPass
{
    public CleanupPasses Pass => CleanupPasses.Speller;

    // Characters OCR puts inside words in place of letters.
    private static bool IsInnerNoise(char c) => c is '!' or '|' or '¢' or '©';

    public void Propose(CleanupContext ctx)
    {
        ClosingBracketForL(ctx);
        string text = ctx.Text;
        var pieces = new JoinPieces();
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i])) { i++; continue; }
            int s = i;
            while (i < text.Length && (char.IsLetter(text[i]) || (IsInnerNoise(text[i]) && i > s)
                                       || ((text[i] == '\'' || text[i] == '’') && i + 1 < text.Length && char.IsLetter(text[i + 1])))) i++;
            int e = i;
            // A trailing noise character belongs to the word only when it stands for a letter (unti!, cel!);
            // the candidates decide; but "word!" followed by a space and a capital is an exclamation.
            if (e - s < 2) continue;
            // Only words standing free between spaces and ordinary punctuation: letters glued to digits, hyphens or
            // odd symbols are codes, compound parts or fragments of garbage.
            bool afterHyphen = s > 1 && text[s - 1] == '-' && char.IsLetterOrDigit(text[s - 2]);
            bool beforeHyphen = e + 1 < text.Length && text[e] == '-' && char.IsLetter(text[e + 1]);
            if (SlashPair(text, s, e))
            {
                // Two words joined by a slash (pleomorphic/hyperchromatic): each judged as a compound's part.
                if (!ctx.Overlaps(s, e)) ConsiderPart(ctx, s, e, false);
                continue;
            }
            if (afterHyphen || beforeHyphen)
            {
                // Parts of hyphenated compounds: capitalised parts only against the gazetteer's names (Sloan-Kettering);
                // lower-case parts by the compound-part rules (combining forms such as abdomino- stay alone).
                if (ctx.Overlaps(s, e)) continue;
                // The last part broken at a line end that lost its hyphen (self-tra|cheostomy): joined like a free word.
                if (afterHyphen && !beforeHyphen && char.IsLower(text[s]) && JoinNext(text, e) is > 0 and var partNext
                    && ConsiderJoin(ctx, ref pieces, s, e, partNext, out int partEnd)) { i = partEnd; continue; }
                if (char.IsUpper(text[s])) ConsiderName(ctx, s, e, text[s..e]);
                else if (PartStart(text, s, afterHyphen) && PartEnd(text, e, beforeHyphen) && PlainCompound(text, s, e)) ConsiderPart(ctx, s, e, beforeHyphen);
                continue;
            }
            if (!FreeStart(text, s) || ctx.Overlaps(s, e)) continue;
            if (JoinNext(text, e) is > 0 and var next && ConsiderJoin(ctx, ref pieces, s, e, next, out int joinedEnd)) { i = joinedEnd; continue; }
            if (!FreeEnd(text, e)) continue;
            if (text[s] is 'C' or 'K' or 'O' or 'P' or 'S' or 'V' or 'W' or 'X' or 'Z' && ConsiderCaseOfInitial(ctx, s, e)) continue;
            Consider(ctx, s, e);
        }
        SplitGlyphWords(ctx);
    }

    // The letters of a word (the word itself when it is all letters; no LINQ over the string, which allocates).
    private static string LettersOf(string word)
    {
        int letters = 0;
        foreach (char c in word) if (char.IsLetter(c)) letters++;
        if (letters == word.Length) return word;
        return string.Create(letters, word, static (dest, w) => { int k = 0; foreach (char c in w) if (char.IsLetter(c)) dest[k++] = c; });
    }

    // Characters that are not letters but stand for part of a letter in the confusion table (l; -> t, (: -> c, 1) -> p).
    private static bool IsGlyphPiece(char c, ConfusionModel channel) => !char.IsLetter(c) && !char.IsWhiteSpace(c) && channel.IsGlyphPiece(c);

    /// <summary>
    /// Words an old OCR engine broke into letters and punctuation: a letter's strokes read as a letter and a mark
    /// (t as "l;", c as "(:", p as "1)", b as "t)"), so "l;he 1)rol)osed" is "the proposed". Every such mark inside a
    /// space-delimited token must be explained by a confusion-table entry that reads it back into a letter, and the
    /// result must be a lexicon word; at most one more table edit among the letters. Tokens with digits only at
    /// such places, math and code (f(x), a;b) find no word and stay.
    /// </summary>
    private static void SplitGlyphWords(CleanupContext ctx)
    {
        string text = ctx.Text;
        // Only a token holding a glyph piece (or a tilde) can be one: the text is searched for those marks, and each
        // token holding one is judged whole (most tokens hold none and are passed over unread).
        var marks = GlyphMarks(ctx.Channel);
        int i = 0;
        while (i < text.Length)
        {
            int hit = text.AsSpan(i).IndexOfAny(marks);
            if (hit < 0) break;
            int s = i + hit, e = s;
            while (s > i && !char.IsWhiteSpace(text[s - 1])) s--;
            while (e < text.Length && !char.IsWhiteSpace(text[e])) e++;
            i = e;
            SplitGlyphToken(ctx, s, e);
        }
    }

    // The glyph pieces of a confusion table and the tilde, as a set to search a text for.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ConfusionModel, System.Buffers.SearchValues<char>> s_glyphMarks = new();

    private static System.Buffers.SearchValues<char> GlyphMarks(ConfusionModel channel) => s_glyphMarks.GetValue(channel, ch =>
    {
        var marks = new System.Text.StringBuilder("~");
        for (int c = 0; c <= char.MaxValue; c++) if (c != '~' && IsGlyphPiece((char)c, ch)) marks.Append((char)c);
        return System.Buffers.SearchValues.Create(marks.ToString());
    });

    // The space-delimited token [s, e).
    private static void SplitGlyphToken(CleanupContext ctx, int s, int e)
    {
        string text = ctx.Text;
        // Ordinary closing punctuation after the word, and an opening quote or bracket before it, are not part of it,
        // unless a glyph entry needs them ("(:ompul" starts with one): the decoder is tried with and without.
        int ce = e;
        while (ce > s && text[ce - 1] is '.' or ',' or ';' or ':' or '"' or '\'' or '?' or '!' or ']') ce--;
        if (ce > s && text[ce - 1] == ')' && text.IndexOf('(', s, ce - s) < 0 && ce - 1 > s && !char.IsLetter(text[ce - 2])) ce--;
        if (ce - s < 3 || ce - s > 30) return;
        bool inner = false; int letters = 0;
        for (int k = s; k < ce; k++)
        {
            if (char.IsLetter(text[k])) letters++;
            else if (k > s && k + 1 < ce && IsGlyphPiece(text[k], ctx.Channel) && (char.IsLetter(text[k - 1]) || char.IsLetter(text[k + 1]))) inner = true;
            else if (k == ce - 1 && k > s && text[k] == '~' && char.IsLetter(text[k - 1])) inner = true;   // a tilde never ends a word
        }
        if (!inner || letters < 2 || ctx.Overlaps(s, ce) || !PlainToken(text, s, ce)) return;
        foreach (int start in (ReadOnlySpan<int>)[s, text[s] is '(' or '"' or '\'' or '[' ? s + 1 : -1])
        {
            if (start < 0) continue;
            if (DecodeGlyphWord(ctx, start, ce)) break;
        }
    }

    // Whether every mark of the lower-cased token (a non-letter other than a tilde) lies inside an occurrence of the
    // observed side of a table entry that reads letters: the readings consume a mark no other way, so a token failing
    // this has none ("fig.2)": no entry holds "2)") and the reading search is not run.
    private static bool MarksCoverable(string lower, ConfusionModel channel)
    {
        var glyphs = GlyphEntries(channel);
        for (int i = 0; i < lower.Length; i++)
        {
            char c = lower[i];
            if (char.IsLetter(c) || c == '~') continue;
            bool covered = false;
            foreach (string o in glyphs)
            {
                for (int p = o.IndexOf(c); p >= 0 && !covered; p = o.IndexOf(c, p + 1))
                    covered = i - p >= 0 && i - p + o.Length <= lower.Length && string.CompareOrdinal(lower, i - p, o, 0, o.Length) == 0;
                if (covered) break;
            }
            if (!covered) return false;
        }
        return true;
    }

    // The observed sides of a table's entries that read marks as letters (a non-letter observed, letters intended).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ConfusionModel, string[]> s_glyphEntries = new();

    private static string[] GlyphEntries(ConfusionModel channel) => s_glyphEntries.GetValue(channel, ch =>
        ch.Entries.Where(e => e.Observed.Length > 0 && e.Intended.Length > 0 && e.Intended.All(char.IsLetter) && !e.Observed.All(char.IsLetter))
            .Select(e => e.Observed).Distinct().ToArray());

    // The word beyond one space before (dir -1) or after (+1) [s, e) starts with a capital.
    private static bool CapitalisedNeighbour(string text, int at, int dir)
    {
        int j = dir < 0 ? at - 1 : at;
        while (j >= 0 && j < text.Length && text[j] is ',' or '.' or ';' or ':' or ')' or '"') j += dir;
        if (j < 0 || j >= text.Length || text[j] != ' ') return false;
        j += dir;
        if (dir < 0) { while (j > 0 && !char.IsWhiteSpace(text[j - 1])) j--; }
        return j >= 0 && j < text.Length && char.IsUpper(text[j]);
    }

    // Not an abbreviation (e.g., a.m.), a number with a suffix (26th), a code (cs224) or alternatives (and/or).
    private static bool PlainToken(string text, int s, int e)
    {
        for (int k = s; k < e; k++)
        {
            char c = text[k];
            if (c is '/' or '@' or '=' or '<' or '>' or '_' or '\\' or '#' or '&') return false;
            if (char.IsDigit(c) && k + 1 < e && char.IsDigit(text[k + 1])) return false;
            if (c == '.' && k + 1 < e && char.IsLetter(text[k + 1])) return false;
        }
        return true;
    }

    private static bool DecodeGlyphWord(CleanupContext ctx, int s, int e)
    {
        string token = ctx.Text[s..e];
        if (char.IsUpper(token[0]) && Chars.Any(token, char.IsUpper, 1)) return false;   // capitals: codes, acronyms
        string lower = token.ToLowerInvariant();
        if (!ctx.Memo.Glyphs.TryGetValue(lower, out var readings))
            ctx.Memo.Glyphs[lower] = readings = MarksCoverable(lower, ctx.Channel) ? ctx.Channel.GlyphReadings(lower, 64) : [];
        double total = 0, best = 0; string? top = null;
        foreach (var (word, p) in readings)
        {
            if (word.Length < 3) continue;
            var src = ctx.Lexicon.SourcesOfLower(word);
            if (src == LexiconSource.None) continue;
            double score = Prior(ctx, word, char.IsUpper(token[0]), "") * p;
            total += score;
            if (score > best) { best = score; top = word; }
        }
        if (top is null) return false;
        // The first character read as part of a split glyph says nothing about case (I; for t).
        bool firstIsGlyph = !char.IsLetter(token[0]) || (token.Length > 1 && IsGlyphPiece(token[1], ctx.Channel));
        // A capitalised word inside a sentence is a name: a lower-case word only in a title (capitals on both sides).
        if (!firstIsGlyph && char.IsUpper(token[0]) && !SentenceStart(ctx.Text, s))
        {
            var src = ctx.Lexicon.SourcesOfLower(top);
            bool name = (src & (LexiconSource.LowerForm | LexiconSource.HugeLower)) == 0;
            if (!name && !(CapitalisedNeighbour(ctx.Text, s, -1) && CapitalisedNeighbour(ctx.Text, e, +1))) return false;
        }
        double conf = best / (total + 1e-6);
        ctx.Propose(s, e, CaseFor(ctx, top, token, s, firstIsGlyph), "confusion", Math.Min(0.95, conf),
            $"letters an old OCR engine split into a letter and a mark, read back by the confusion table (share {conf:0.00})");
        return true;
    }

    // Candidates depend only on the word and the shared lexicon, so they are cached per process (bounded): OCR
    // repeats its errors across a corpus.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, Candidate>> s_cache = new(StringComparer.Ordinal);
    private const int CacheLimit = 200_000;

    /// <summary>Empties the process-wide candidate cache (benchmarks measure cold passes).</summary>
    public static void ClearCandidateCache() { s_cache.Clear(); Lexicon.Shared.ForgetSeenWords(); }

    private static Dictionary<string, Candidate> CandidatesOf(CleanupContext ctx, string lower)
    {
        if (ctx.Memo.Words.TryGetValue(lower, out var seen)) return seen;
        bool cached = ctx.Options.CacheCandidates && ReferenceEquals(ctx.Lexicon, Lexicon.Shared) && ReferenceEquals(ctx.Channel, ConfusionModel.Shared);
        if (cached && s_cache.TryGetValue(lower, out var hit)) return ctx.Memo.Words[lower] = hit;
        var lex = ctx.Lexicon;
        var found = ctx.Channel.Candidates(lower, w => lex.SourcesOfLower(w) != LexiconSource.None, affixes: lex.Affixes);
        // A plural the lexicon does not list (polyarthralgias): the candidates of the singular, with their s (not
        // for -ies, the plural of a -y word the lexicon may not list either).
        if (found.Count == 0 && lower.Length >= 8 && lower[^1] == 's' && lower[^2] is not 's' and not 'u' and not 'i' && !lower.EndsWith("ies", StringComparison.Ordinal))
            foreach (var c in ctx.Channel.Candidates(lower[..^1], w => lex.SourcesOfLower(w) != LexiconSource.None, affixes: lex.Affixes).Values)
                if ((lex.SourcesOfLower(c.Word) & LexiconSource.LowerForm) != 0 && !c.Word.EndsWith('s'))
                    found[c.Word + "s"] = c with { Word = c.Word + "s" };
        if (cached)
        {
            if (s_cache.Count >= CacheLimit) s_cache.Clear();
            s_cache[lower] = found;
        }
        return ctx.Memo.Words[lower] = found;
    }

    /// <summary>
    /// Whether a lower-cased non-word has a candidate of the noisy channel (one generic or two table edits away) that the
    /// core lexicon lists: the dehyphenation joins such a word across a line break, and the next round corrects it.
    /// </summary>
    internal static bool HasCoreCandidate(CleanupContext ctx, string lower) => BestCoreCandidate(ctx, lower) is not null;

    /// <summary>The core-lexicon candidate of a lower-cased non-word that the channel finds likeliest, if any.</summary>
    internal static string? BestCoreCandidate(CleanupContext ctx, string lower)
    {
        string? best = null; double p = 0;
        foreach (var c in CandidatesOf(ctx, lower).Values)
            if ((ctx.Lexicon.SourcesOfLower(c.Word) & (LexiconSource.English | LexiconSource.Medical | LexiconSource.Domain | LexiconSource.Common)) != 0 && c.Channel > p)
            { best = c.Word; p = c.Channel; }
        return best;
    }

    /// <summary>Words at least this long that have no candidate one edit away are searched two edits away.</summary>
    public const int MinTwoEditLength = 8;

    internal static Dictionary<string, Candidate> TwoEditCandidatesOf(CleanupContext ctx, string lower)
    {
        if (ctx.Memo.TwoEdits.TryGetValue(lower, out var seen)) return seen;
        var lex = ctx.Lexicon;
        return ctx.Memo.TwoEdits[lower] = ctx.Channel.CandidatesTwo(lower, w => lex.SourcesOfLower(w) != LexiconSource.None, VocabularyOf(ctx));
    }

    // The known words the batch uses (or, without a batch, the document), as affix filters: two blind edits reach too
    // many strings to test against the whole lexicon, and only words the corpus uses count as two-edit candidates.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyDictionary<string, int>, Tuple<Lexicon, AffixFilter>> s_batchVocabulary = new();

    private static AffixFilter VocabularyOf(CleanupContext ctx)
    {
        if (ctx.Options.CorpusCounts is { } corpus)
        {
            var entry = s_batchVocabulary.GetValue(corpus, c => Tuple.Create(ctx.Lexicon, KnownWordFilter(c.Keys, ctx.Lexicon)));
            if (ReferenceEquals(entry.Item1, ctx.Lexicon)) return entry.Item2;
            return ctx.Memo.Vocabulary ??= KnownWordFilter(corpus.Keys, ctx.Lexicon);
        }
        return ctx.Memo.Vocabulary ??= KnownWordFilter(ctx.DocumentWords, ctx.Lexicon);
    }

    // Only known words: the unknown word itself (and other garbage) would make every one of its prefixes a word start.
    private static AffixFilter KnownWordFilter(IEnumerable<string> words, Lexicon lex)
    {
        var known = words.Where(w => w.Length >= 3 && !w.Contains(' ') && lex.SourcesOfLower(w) != LexiconSource.None).ToList();
        int bits = 6;
        while (bits < 14 && (1 << bits) * 64 < known.Count * 8) bits++;   // ~8 prefixes per word in 512-bit blocks, a few percent false positives
        return new AffixFilter(known, bits);
    }

    private static readonly char[] LowerInitials = ['l', 'i', 't', 'f'];
    private static readonly System.Buffers.SearchValues<char> AsciiLetters = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static bool ConsiderLowerInitial(CleanupContext ctx, int s, int e, string word)
    {
        if (word.Length < 4) return false;
        string? best = null; double bestP = 0; int n = 0;
        foreach (char c in LowerInitials)
        {
            double p = ctx.Channel.Probability(word[0].ToString(), c.ToString());
            if (p < 0.2) continue;
            string cand = c + word[1..];
            var src = ctx.Lexicon.SourcesOfLower(cand);
            if ((src & LexiconSource.LowerForm) == 0) continue;
            n++;
            if (p > bestP) { bestP = p; best = cand; }
        }
        if (best is null || n > 1) return false;
        ctx.Propose(s, e, best, "confusion", 0.85, "capital inside a sentence is an OCR confusion of a lower-case initial");
        return true;
    }

    /// <summary>
    /// Short words are only repaired into very common words by one strong confusion (ot -> of, Tn -> In, tbe -> the),
    /// and only when the word as written is not itself a lower-case word of a core lexicon.
    /// </summary>
    private static void ConsiderShort(CleanupContext ctx, int s, int e, string word, bool capital)
    {
        if (word.Length < 2) return;
        if (word.AsSpan().ContainsAnyExcept(AsciiLetters)) { PlainWords(ctx).Add(word); return; }
        if (capital && (word.Length > 3 || !SentenceStart(ctx.Text, s))) return;
        var src = ctx.Lexicon.SourcesOf(word);
        if (!capital && (src & (LexiconSource.LowerForm | LexiconSource.HugeLower)) != 0) { PlainWords(ctx).Add(word); return; }   // a word as written
        if (capital && (src & (LexiconSource.English | LexiconSource.Medical)) != 0) return;
        string lower = word.ToLowerInvariant();
        // Score = P(observed | word) x frequency of the word; the best must be clearly ahead of the runner-up.
        var scores = new Dictionary<string, (double Score, double P)>(StringComparer.Ordinal);
        foreach (var (cand, p) in ctx.Channel.TableEdits(lower))
        {
            if (cand.Length != lower.Length || !ctx.Data.CommonWords.Contains(cand)) continue;
            double score = p * ctx.Data.WordFrequencies.GetValueOrDefault(cand, 100);
            if (!scores.TryGetValue(cand, out var old) || old.Score < score) scores[cand] = (score, p);
        }
        if (scores.Count == 0) { ConsiderLostInitial(ctx, s, e, word, capital, src); return; }
        var ranked = scores.OrderByDescending(x => x.Value.Score).ToList();
        var (best, (bestScore, bestP)) = (ranked[0].Key, ranked[0].Value);
        if (bestP < 0.5 || (ranked.Count > 1 && ranked[1].Value.Score * 4 > bestScore)) return;
        ctx.Propose(s, e, MatchCase(best, word), "confusion", 0.82, "short non-word one strong confusion from a very common word");
    }

    /// <summary>
    /// A two- or three-letter non-word that is a very common word without its first letter (uch, han): the first
    /// letter was lost (faint, or cut at the margin). Only when no lexicon knows the word as written and the most
    /// frequent completion is clearly ahead of the next (such before much).
    /// </summary>
    private static void ConsiderLostInitial(CleanupContext ctx, int s, int e, string word, bool capital, LexiconSource src)
    {
        if (capital || word.Length > 3 || src != LexiconSource.None || (e < ctx.Text.Length && ctx.Text[e] == '.')) return;   // ver. = an abbreviation
        string? best = null; double bestF = 0, second = 0;
        for (char c = 'a'; c <= 'z'; c++)
        {
            string cand = c + word;
            if (!ctx.Data.CommonWords.Contains(cand)) continue;
            double f = ctx.Data.WordFrequencies.GetValueOrDefault(cand, 100);
            if (f > bestF) { second = bestF; bestF = f; best = cand; }
            else if (f > second) second = f;
        }
        if (best is null || bestF < 1.4 * second) return;
        ctx.Propose(s, e, best, "confusion", 0.82, "short non-word is a very common word that lost its first letter");
    }

    /// <summary>
    /// A final l read as a closing bracket no opening one explains (<c>stil]</c>, <c>mitra}</c>, <c>neutrophi)</c>):
    /// replaced when the word is unknown and the word with l is a known lower-case word.
    /// </summary>
    private static void ClosingBracketForL(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int b = text.IndexOfAny(ClosingBrackets); b >= 0; b = b + 1 < text.Length ? text.IndexOfAny(ClosingBrackets, b + 1) : -1)
        {
            int s = b;
            while (s > 0 && char.IsLower(text[s - 1])) s--;
            if (b - s < 3 || (s > 0 && !char.IsWhiteSpace(text[s - 1]) && text[s - 1] is not '-')) continue;
            if (b + 1 < text.Length && !char.IsWhiteSpace(text[b + 1]) && text[b + 1] is not '.' and not ',' and not ';' and not ':') continue;
            char open = text[b] switch { ']' => '[', '}' => '{', _ => '(' };
            // An opening bracket within the 120 characters before (line breaks included) that no closing one answers
            // explains the closing one.
            if (UnclosedBefore(text, s, open, text[b], 120)) continue;
            var word = text.AsSpan(s, b - s);
            if (ctx.Lexicon.KnownAsWritten(word) || Morphology.IsKnownForm(ctx.Lexicon, word.ToString())) continue;
            string withL = string.Concat(word, "l");
            if ((ctx.Lexicon.SourcesOfLower(withL) & (LexiconSource.LowerForm | LexiconSource.Common)) == 0) continue;
            ctx.Propose(s, b + 1, withL, "confusion", 0.85, $"final l read as '{text[b]}' with no opening bracket");
        }
    }

    private static readonly char[] ClosingBrackets = [']', '}', ')'];

    // An opening bracket in the `window` characters before `at` that no closing bracket between answers.
    private static bool UnclosedBefore(string text, int at, char open, char close, int window)
    {
        int depth = 0;
        for (int k = at - 1; k >= Math.Max(0, at - window); k--)
        {
            if (text[k] == close) depth++;
            else if (text[k] == open && --depth < 0) return true;
        }
        return false;
    }

    private static bool FreeStart(string text, int s) =>
        s == 0 || char.IsWhiteSpace(text[s - 1]) || (text[s - 1] is '(' or '[' or '"' or '“' or '‘' && (s < 2 || char.IsWhiteSpace(text[s - 2]) || text[s - 2] is '(' or '"'));

    private static bool FreeEnd(string text, int e)
    {
        int j = e;
        while (j < text.Length && text[j] is '.' or ',' or ';' or ':' or ')' or ']' or '?' or '"' or '”' or '’') j++;
        return j == text.Length || char.IsWhiteSpace(text[j]);
    }

    /// <summary>
    /// A word with ! or | where an l belongs (acenocumaro!, hypersigna!) whose reading with l no lexicon lists, but
    /// the document or the batch writes elsewhere as read, or the drug lexicon names: a term of the corpus, not a new
    /// word (a noise character is never part of a word).
    /// </summary>
    private static bool ConsiderNoiseReading(CleanupContext ctx, int s, int e, string word, double cap)
    {
        var chars = word.ToCharArray();
        for (int k = 0; k < chars.Length; k++)
        {
            if (chars[k] is '!' or '|') chars[k] = 'l';
            else if (!char.IsLetter(chars[k])) return false;
        }
        string reading = new(chars), lower = reading.ToLowerInvariant();
        if (lower.Length < 5 || ctx.Lexicon.SourcesOfLower(lower) != LexiconSource.None) return false;   // the channel decides
        int uses = ctx.CountOf(lower);
        bool drug = uses == 0 && Extractor.Extraction.Drugs.DrugLexicon.Default.Lookup(lower) is not null;
        if (uses == 0 && !drug) return false;
        ctx.Propose(s, e, reading, "confusion", Math.Min(cap, 0.9),
            drug ? $"! or | read for l gives a drug name (\"{lower}\")" : $"! or | read for l gives \"{lower}\", which the document or batch writes elsewhere ({uses}x)");
        return true;
    }

    // A compound part starts after a hyphen or where a free word would; it ends before a hyphen or where a free word would.
    private static bool PartStart(string text, int s, bool afterHyphen) => afterHyphen || FreeStart(text, s);

    private static bool PartEnd(string text, int e, bool beforeHyphen) => beforeHyphen || FreeEnd(text, e);

    // Where the piece after [.., e) starts when the two may be one word split apart: one space on the line, or a line
    // break (a line-end hyphen OCR lost; with at most one blank line between on double-spaced pages) after the last
    // word of its line. The piece must start lower-case. -1 otherwise. Cheap: it runs on every word.
    private static int JoinNext(string text, int e)
    {
        if (e + 2 >= text.Length) return -1;
        char c = text[e];
        if (c == ' ') return char.IsLower(text[e + 1]) ? e + 1 : -1;
        if (c != '\n') return -1;
        int j = e + 1;
        while (j < text.Length && text[j] is ' ' or '\t' or '\f') j++;
        if (j < text.Length && text[j] == '\n')
        {
            j++;
            while (j < text.Length && text[j] is ' ' or '\t' or '\f') j++;
        }
        return j < text.Length && char.IsLower(text[j]) ? j : -1;
    }

    /// <summary>Shortest word two fragments split by a space are joined into.</summary>
    public const int MinJoinedLength = 7;

    /// <summary>
    /// A word split into two lower-case pieces by a space (ev entually) or by a line break whose hyphen OCR lost
    /// (swal|lowing, self-tra|cheostomy): joined when the joined word is a listed lower-case core word and at least one
    /// piece is no word (not listed, not a form of a listed word), so two words that also make one (per cent, in to) stay apart.
    /// </summary>
    private static bool ConsiderJoin(CleanupContext ctx, ref JoinPieces pieces, int s, int e, int next, out int end)
    {
        string text = ctx.Text;
        end = next;
        while (end < text.Length && char.IsLetter(text[end])) end++;
        int la = e - s, lb = end - next;
        if (lb < 2 || la < 2 || la + lb < MinJoinedLength || !FreeEnd(text, end)) return false;
        for (int k = next; k < end; k++) if (char.IsUpper(text[k])) return false;
        for (int k = s; k < e; k++) if (char.IsUpper(text[k])) return false;
        // This runs on almost every pair of words: the joined word is looked up without allocating (no listed word
        // is longer than the buffer), strings only for the rare listed join.
        if (la + lb > 64) return false;
        var lex = ctx.Lexicon;
        // Two listed words (nearly every pair): neither join below can win (the misread join needs a first piece no
        // lexicon lists, the listed join a piece that is no word), so the joined form is not looked up at all.
        var aSrc = pieces.SourcesOf(lex, text, s, e);
        var bSrc = pieces.SourcesOf(lex, text, next, end);
        if ((aSrc & PieceSources) != 0 && (bSrc & PieceSources) != 0) return false;
        Span<char> buf = stackalloc char[64];
        text.AsSpan(s, la).CopyTo(buf);
        text.AsSpan(next, lb).CopyTo(buf[la..]);
        var js = lex.SourcesOfLower(buf[..(la + lb)]);
        if (js == LexiconSource.None && lb >= 3 && la + lb >= MinMisreadJoinLength && aSrc == LexiconSource.None)
        {
            var bs = bSrc;
            if (la >= 3 && bs == LexiconSource.None) return ConsiderMisreadJoin(ctx, s, e, next, end, rareSecond: false);
            // A second piece that is a rare word (ini|eased): the join two edits from a word the batch uses.
            if ((bs & LexiconSource.Common) == 0 && ctx.Options.CorpusCounts is not null) return ConsiderMisreadJoin(ctx, s, e, next, end, rareSecond: true);
        }
        if ((js & LexiconSource.LowerForm) == 0 || (js & CoreSources) == 0) return false;
        string a = text[s..e], b = text[next..end], joined = a + b;
        bool aWord = (aSrc & PieceSources) != 0 || (a.Length >= 4 && Morphology.IsKnownForm(lex, a));
        bool bWord = (bSrc & PieceSources) != 0 || (b.Length >= 4 && Morphology.IsKnownForm(lex, b));
        if (aWord && bWord) return false;
        if (ctx.Overlaps(s, end)) return false;
        ctx.Propose(s, end, joined, "spacing", aWord || bWord ? 0.85 : 0.9, $"a word split by a space or a line break: \"{joined}\" is listed, \"{(aWord ? b : a)}\" is no word");
        return true;
    }

    // Sources that make a piece a word for the join (with the known forms).
    private const LexiconSource PieceSources = LexiconSource.LowerForm | LexiconSource.Common;

    // The lexicon sources of the pieces ConsiderJoin asks about (through the lexicon's table of words met so far); the
    // last piece asked is kept by its place, since the next pair's first piece is usually this pair's second.
    private struct JoinPieces()
    {
        private int _start = -1, _end = -1;
        private LexiconSource _sources;

        public LexiconSource SourcesOf(Lexicon lex, string text, int s, int e)
        {
            if (s == _start && e == _end) return _sources;
            var src = lex.SourcesOfTextWord(text.AsSpan(s, e - s));
            (_start, _end, _sources) = (s, e, src);
            return src;
        }
    }

    /// <summary>Shortest joined form of two non-word pieces that is read as a misread word split apart.</summary>
    public const int MinMisreadJoinLength = 8;

    /// <summary>
    /// Two pieces that are no words, split by a space or a line break, whose joined form is no word either but one
    /// OCR edit from a listed lower-case core word (luryn|goscopy, acti|ities): the word split apart and misread. Each
    /// piece alone has only far-fetched readings; the join has one near one. Applied when that word holds most of the
    /// channel's weight among the core words the join reaches; otherwise a suggestion.
    /// </summary>
    private static bool ConsiderMisreadJoin(CleanupContext ctx, int s, int e, int next, int end, bool rareSecond)
    {
        string text = ctx.Text;
        string a = text[s..e], b = text[next..end], joined = a + b;
        var lex = ctx.Lexicon;
        if (ctx.Overlaps(s, end) || ctx.CountOf(a) > 1 || (!rareSecond && ctx.CountOf(b) > 1)) return false;   // repeated pieces are terms of the document
        if (Morphology.IsKnownForm(lex, a) || (!rareSecond && Morphology.IsKnownForm(lex, b)) || Morphology.IsKnownForm(lex, joined)) return false;
        // After a rare word only a reading two edits away is proposed, and only when no core word is one edit away:
        // the two-edit search (bounded by the batch's words, the cheaper one here) decides first.
        if (rareSecond)
        {
            if (ctx.Options.CorpusCounts is null || MisreadJoinTwoReading(ctx, joined) is not { } two) return false;
            if (BestMisreadJoinReading(ctx, joined, out _) is not null) return false;
            ProposeMisreadJoinTwo(ctx, s, end, joined, two.Top, two.Share);
            return true;
        }
        string? best = BestMisreadJoinReading(ctx, joined, out double share);
        // With no core word one edit away, the batch's words two edits away.
        if (best is null) return ctx.Options.CorpusCounts is not null && ConsiderMisreadJoinTwo(ctx, s, end, joined);
        double conf = share >= 0.8 ? 0.85 : 0.5 * share;
        ctx.Propose(s, end, best, "spacing", conf,
            $"a word split by a space or a line break and misread: \"{joined}\" is no word, \"{best}\" one OCR edit from it holds {share:0.00} of its readings");
        return true;
    }

    // The listed lower-case core word one OCR edit from the join that the channel finds likeliest, and its share of
    // the weight of all such words; null when there is none.
    private static string? BestMisreadJoinReading(CleanupContext ctx, string joined, out double share)
    {
        var lex = ctx.Lexicon;
        string? best = null; double top = 0, total = 0;
        foreach (var c in CandidatesOf(ctx, joined).Values)
        {
            var src = lex.SourcesOfLower(c.Word);
            if ((src & LexiconSource.LowerForm) == 0 || (src & CoreSources) == 0) continue;
            total += c.Channel;
            if (c.Channel > top) { top = c.Channel; best = c.Word; }
        }
        share = best is null ? 0 : top / total;
        return best;
    }

    // The join of a non-word and a rare word, two edits from a word the batch uses (as ConsiderTwoEdits weighs them).
    // (After a rare word, a join one edit from a word is too easily made (shor|term: shorter): left alone.)
    private static bool ConsiderMisreadJoinTwo(CleanupContext ctx, int s, int end, string joined)
    {
        if (MisreadJoinTwoReading(ctx, joined) is not { } two) return false;
        ProposeMisreadJoinTwo(ctx, s, end, joined, two.Top, two.Share);
        return true;
    }

    // The batch's word two edits from the join that the reading weighs highest, and its share; null when none is long enough.
    private static (string Top, double Share)? MisreadJoinTwoReading(CleanupContext ctx, string joined)
    {
        double total = 0, best = 0; string? top = null;
        foreach (var c in TwoEditCandidatesOf(ctx, joined).Values)
        {
            var src = ctx.Lexicon.SourcesOfLikelyWord(c.Word);
            int n = ctx.CountOf(c.Word);
            if ((src & (LexiconSource.LowerForm | LexiconSource.Common)) == 0 || n < 1) continue;
            double score = c.Channel * ((src & LexiconSource.Common) != 0 ? 4 : 1) * (1 + Math.Min(n, 50));
            total += score;
            if (score > best) { best = score; top = c.Word; }
        }
        if (top is null || top.Length < MinTwoEditApplyLength) return null;
        return (top, best / total);
    }

    private static void ProposeMisreadJoinTwo(CleanupContext ctx, int s, int end, string joined, string top, double share)
    {
        double conf = share >= TwoEditShare ? 0.82 : 0.5 * share;
        ctx.Propose(s, end, top, "spacing", conf,
            $"a word split by a space or a line break and misread: \"{joined}\" is no word, \"{top}\" two OCR edits from it holds {share:0.00} of the batch's readings");
    }

    /// <summary>
    /// A capital inside a sentence on a letter whose two cases differ only in size (c, k, o, p, s, v, w, x, z): OCR
    /// misjudges the size ("blood Pressure rose", "the Presence of"). Between two lower-case words, a capitalised word
    /// whose lower-case form is a listed common noun or word (not a name, not a gazetteer term) and that the document
    /// writes capitalised only here is written lower-case.
    /// </summary>
    private static bool ConsiderCaseOfInitial(CleanupContext ctx, int s, int e)
    {
        string text = ctx.Text;
        if (e - s < 4 || s < 2 || text[s - 1] != ' ' || !char.IsLower(text[s - 2])) return false;
        for (int k = s + 1; k < e; k++) if (!char.IsLower(text[k])) return false;
        if (e < text.Length && !(text[e] is ',' or ';' or ')' || (text[e] == ' ' && e + 1 < text.Length && char.IsLower(text[e + 1])))) return false;
        var lex = ctx.Lexicon;
        var word = text.AsSpan(s, e - s);
        if (lex.IsName(word)) return false;
        string lower = word.ToString().ToLowerInvariant();
        var src = lex.SourcesOfLower(lower);
        if ((src & LexiconSource.LowerForm) == 0 || (src & (LexiconSource.English | LexiconSource.Common)) == 0 || (src & LexiconSource.Domain) != 0) return false;
        // The word before must be a lower-case word of the sentence, not the end of a title or a name ("Penn Treebank").
        int ws = s - 1; while (ws > 0 && char.IsLetter(text[ws - 1])) ws--;
        if (s - 1 - ws < 2 || !char.IsLower(text[ws]) || (ws > 0 && text[ws - 1] is not (' ' or '\n' or '('))) return false;
        // Only once capitalised in the document (an author's own capitalised term recurs), and written lower-case
        // elsewhere in it (a term of a name, "Ethics Committee", "in Proceedings of", is not).
        string capitalised = text[s..e];
        int first = text.IndexOf(capitalised, StringComparison.Ordinal);
        if (first != s || text.IndexOf(capitalised, e, StringComparison.Ordinal) >= 0) return false;
        if (!WrittenElsewhere(text, lower, s)) return false;
        if (ctx.Overlaps(s, e)) return false;
        ctx.Propose(s, e, lower, "case", 0.85, "a capital inside a sentence on a letter whose cases differ only in size");
        return true;
    }

    // The lower-case word occurs in the text as a word of its own somewhere other than at `except`.
    private static bool WrittenElsewhere(string text, string lower, int except)
    {
        for (int k = text.IndexOf(lower, StringComparison.Ordinal); k >= 0; k = text.IndexOf(lower, k + 1, StringComparison.Ordinal))
        {
            if (k == except) continue;
            int end = k + lower.Length;
            if ((k == 0 || !char.IsLetter(text[k - 1])) && (end == text.Length || !char.IsLetter(text[end]))) return true;
        }
        return false;
    }

    /// <summary>Shortest word on either side of a slash for the pair to be read as two words (not a unit, not and/or).</summary>
    public const int MinSlashWord = 4;

    // [s, e) and the word on the other side of one slash are lower-case letter words of at least MinSlashWord letters,
    // with spaces or ordinary punctuation around the pair (mg/dl, cells/ul, km/h are units; a/b/c are codes).
    private static bool SlashPair(string text, int s, int e)
    {
        bool before = e + 1 < text.Length && text[e] == '/', after = s > 1 && text[s - 1] == '/';
        if (before == after || e - s < MinSlashWord) return false;
        int a, b;
        if (before) { a = e + 1; b = a; while (b < text.Length && (char.IsLetter(text[b]) || IsInnerNoise(text[b]))) b++; }
        else { b = s - 1; a = b; while (a > 0 && char.IsLetter(text[a - 1])) a--; }
        if (b - a < MinSlashWord) return false;
        for (int k = Math.Min(a, s); k < Math.Max(b, e); k++) if (char.IsUpper(text[k]) || char.IsDigit(text[k])) return false;
        int from = Math.Min(a, s), to = Math.Max(b, e);
        return FreeStart(text, from) && FreeEnd(text, to);
    }

    // The whole space-delimited compound holds only letters, digits, hyphens and in-word noise (inside opening and
    // closing punctuation): "exalnple-t)ased" is a fragment of garbage, not a compound.
    private static bool PlainCompound(string text, int s, int e)
    {
        int a = s, b = e;
        while (a > 0 && !char.IsWhiteSpace(text[a - 1])) a--;
        while (b < text.Length && !char.IsWhiteSpace(text[b])) b++;
        while (a < s && text[a] is '(' or '[' or '"' or '“' or '‘') a++;
        while (b > e && text[b - 1] is '.' or ',' or ';' or ':' or ')' or ']' or '"' or '”' or '’' or '?') b--;
        for (int k = a; k < b; k++)
            if (!char.IsLetterOrDigit(text[k]) && text[k] is not '-' and not '/' && !IsInnerNoise(text[k])) return false;
        return true;
    }

    /// <summary>
    /// A lower-case part of a hyphenated compound (cup-to-dise, jong-term, semi-ircumferential). Parts are often
    /// combining forms and prefixes no lexicon lists (abdomino-, cardio-, peri-), so a part before a hyphen that is a
    /// known prefix or ends like a combining form (o, i) stays; the others are judged as free words are, with a
    /// higher prior for the part as written. A short first part that is one confusion from a prefix the batch uses
    /// far more often (nun-selective) is read as that prefix.
    /// </summary>
    private static void ConsiderPart(CleanupContext ctx, int s, int e, bool beforeHyphen)
    {
        string text = ctx.Text;
        var word = text.AsSpan(s, e - s);
        foreach (char c in word) if (char.IsUpper(c)) return;
        if (CompoundParts.Consider(ctx, s, e)) return;   // a part no other compound has in its place (jaw-signal)
        if (beforeHyphen && !word.ContainsAny('!', '|'))
        {
            if (Morphology.IsPrefix(word) || word[^1] is 'o' or 'i') return;   // combining forms: cardio-, semi-
            if (ConsiderPrefixPart(ctx, s, e)) return;
        }
        // A part is only repaired for sure when the compound's other parts are words (or were repaired first):
        // one fixed part of a garbled compound leaves it wrong all the same.
        Consider(ctx, s, e, part: true, cap: OtherPartsKnown(ctx, s, e) ? 1 : 0.6);
    }

    // The other letter runs of the space-delimited compound around [s, e) are known words, forms, prefixes, combining
    // forms or already have a proposal; digits and single letters count as known.
    private static bool OtherPartsKnown(CleanupContext ctx, int s, int e)
    {
        string text = ctx.Text;
        int a = s, b = e;
        while (a > 0 && !char.IsWhiteSpace(text[a - 1])) a--;
        while (b < text.Length && !char.IsWhiteSpace(text[b])) b++;
        for (int k = a; k < b;)
        {
            if (!char.IsLetter(text[k])) { k++; continue; }
            int ps = k;
            while (k < b && (char.IsLetter(text[k]) || (IsInnerNoise(text[k]) && k + 1 < b && char.IsLetter(text[k + 1])))) k++;
            if (ps == s || k - ps < 2) continue;
            var part = text.AsSpan(ps, k - ps);
            if (ctx.Overlaps(ps, k) || Morphology.IsPrefix(part)) continue;
            if (k < b && text[k] == '-' && part[^1] is 'o' or 'i') continue;
            if (part.ContainsAnyExcept(AsciiLetters)) return false;
            if (char.IsUpper(part[0])) continue;                  // names and abbreviations (anti-ACTH, Sloan-Kettering)
            string lower = part.ToString();
            // The large list's short words (anu, tis) are mostly fragments here: only core words count.
            if ((ctx.Lexicon.SourcesOfLower(lower) & (LexiconSource.LowerForm | LexiconSource.Common)) == 0 && !Morphology.IsKnownForm(ctx.Lexicon, lower)) return false;
        }
        return true;
    }

    /// <summary>How much likelier a compound part as written is than a free word (the prior of leaving it).</summary>
    public const double PartStayFactor = 4;

    /// <summary>How many times more often the document and batch must use the prefix than the part as written.</summary>
    public const int MinPrefixRatio = 5;

    /// <summary>Largest length of a compound's first part read as a prefix by <see cref="ConsiderPrefixPart"/>.</summary>
    public const int MaxPrefixPartLength = 4;

    // nun-selective, ani-ACTH: a short first part one table edit (or one lost letter) from a common prefix, which the
    // document and batch use at least MinPrefixRatio times as often as the part as written.
    private static bool ConsiderPrefixPart(CleanupContext ctx, int s, int e)
    {
        if (e - s < 3 || e - s > MaxPrefixPartLength) return false;
        string part = ctx.Text[s..e];
        if (ctx.Data.CommonWords.Contains(part)) return false;
        string? best = null; double bestP = 0;
        foreach (var (cand, p) in ctx.Channel.TableEdits(part))
            if (p > bestP && cand.Length >= 3 && Morphology.IsPrefix(cand)) { best = cand; bestP = p; }
        if (best is null)
            for (int k = 1; k < part.Length; k++)
                foreach (char c in "aeiount")
                {
                    string cand = string.Concat(part.AsSpan(0, k), c.ToString(), part.AsSpan(k));
                    if (Morphology.IsPrefix(cand)) { best = cand; bestP = ConfusionModel.GenericInsertion; }
                }
        if (best is null) return false;
        int asWritten = ctx.CountOf(part), asPrefix = ctx.CountOf(best);
        if (asPrefix < MinPrefixRatio * Math.Max(1, asWritten)) return false;
        // A strong confusion is enough; a weak one (u for ti, a lost letter) only for a part no core lexicon has as a
        // lower-case word and a prefix far more frequent.
        bool word = (ctx.Lexicon.SourcesOfLower(part) & LexiconSource.LowerForm) != 0;
        double conf = bestP >= 0.2 ? 0.85 : !word && asPrefix >= 4 * MinPrefixRatio * Math.Max(1, asWritten) ? 0.8 : 0.5;
        ctx.Propose(s, e, best, "confusion", conf, $"first part of a compound read as the prefix \"{best}\" ({asPrefix} uses to {asWritten})");
        return true;
    }

    // Lexicon.KnownAsWritten; a lower-case word (known as written when a lexicon lists it in lower case) needs no
    // lower-casing: the join rule's look-up (the same table of words met so far) answers it.
    private static bool KnownAsWritten(CleanupContext ctx, string word, bool allLower) =>
        allLower
            ? (ctx.Lexicon.SourcesOfTextWord(word) & (LexiconSource.LowerForm | LexiconSource.HugeLower)) != 0
            : ctx.Lexicon.KnownAsWritten(word);

    // Words as written that the speller leaves alone wherever they stand (known as written, abbreviations, listed
    // forms with no likelier listed word near): each is decided by the word, the lexicon and the confusion table alone,
    // never by the document, so one table per thread serves every document (bounded; stale with the lexicon's words
    // met so far, or on another lexicon or table).
    private sealed class PlainTable(Lexicon lexicon, ConfusionModel channel, int generation)
    {
        public readonly Lexicon Lexicon = lexicon;
        public readonly ConfusionModel Channel = channel;
        public readonly int Generation = generation;
        private readonly HashSet<string> _words = new(StringComparer.Ordinal);
        private HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private bool _ready;

        public bool Contains(ReadOnlySpan<char> word)
        {
            if (!_ready) { _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>(); _ready = true; }
            return _lookup.Contains(word);
        }

        public void Add(string word) { if (_words.Count < Lexicon.SeenLimit) _words.Add(word); }
    }

    [ThreadStatic] private static PlainTable? t_plain;

    private static PlainTable PlainWords(CleanupContext ctx)
    {
        var table = t_plain;
        int generation = ctx.Lexicon.SeenGeneration;
        if (table is null || table.Lexicon != ctx.Lexicon || table.Channel != ctx.Channel || table.Generation != generation)
            t_plain = table = new PlainTable(ctx.Lexicon, ctx.Channel, generation);
        return table;
    }

    private static void Consider(CleanupContext ctx, int s, int e, bool part = false, double cap = 1)
    {
        string text = ctx.Text;
        // Most words are words: once one showed it needs no look (known as written, an abbreviation ...), its other
        // occurrences, the later rounds and the next documents skip the lexicon.
        var plain = PlainWords(ctx);
        if (plain.Contains(text.AsSpan(s, e - s))) return;
        string word = text[s..e];
        bool noisy = false, apostrophe = false, anyUpper = false, innerUpper = false;
        for (int k = 0; k < word.Length; k++)
        {
            char c = word[k];
            if (IsInnerNoise(c)) noisy = true;
            else if (c is '\'' or '’') apostrophe = true;
            if (char.IsUpper(c)) { anyUpper = true; if (k > 0) innerUpper = true; }
        }
        if (apostrophe) { plain.Add(word); return; }
        bool allLower = !anyUpper;
        bool capital = char.IsUpper(word[0]) && !innerUpper;
        if (!allLower && !capital) { plain.Add(word); return; }   // CT, IgG, McDonald: abbreviations and names
        if (!noisy && word.Length < 4) { ConsiderShort(ctx, s, e, word, capital); return; }
        string lower = word.ToLowerInvariant();
        var lex = ctx.Lexicon;
        if (!noisy && KnownAsWritten(ctx, word, allLower)) { plain.Add(word); return; }
        // British spelling, inflection or prefix of a known word: a word, unless a listed word one table confusion away
        // is far likelier (identitied: identity + -ied, or identified with t read for f). Such a form is weaker
        // evidence than a listed word, so it keeps a large prior of its own (DerivedStay).
        bool derived = !noisy && Morphology.IsKnownForm(lex, lower);
        if (derived && (lower.Length < MinDerivedCheckLength || capital)) { plain.Add(word); return; }
        // Repeated in the document: probably right, unless a known word one confusion away is at least as frequent
        // there (OCR repeats its errors across a page: "lett" three times beside "left" ten times).
        int others = noisy ? 0 : ctx.CountOf(lower) - 1;
        if (capital && !noisy && !SentenceStart(text, s))
        {
            // A name inside a sentence, unless its capital is an OCR confusion of a lower-case letter (Jeft, Iung).
            if (!ConsiderLowerInitial(ctx, s, e, word)) ConsiderName(ctx, s, e, word);
            return;
        }

        // The letters of this very occurrence ("norma" in "norma!") are not evidence from the rest of the document.
        string selfLetters = LettersOf(lower);
        if (noisy && ConsiderNoiseReading(ctx, s, e, word, cap)) return;
        var cands = CandidatesOf(ctx, lower);
        if (derived) cands = ListedTableCandidates(lex, cands);
        if (cands.Count == 0)
        {
            if (derived) { plain.Add(word); return; }
            if (!noisy && !capital && others == 0 && lower.Length >= MinTwoEditLength && ctx.Options.CorpusCounts is not null) ConsiderTwoEdits(ctx, s, e, word, lower, cap);
            else if (!noisy && others == 0 && cap >= 1) NeighbourSpelling.Consider(ctx, s, e, word, lower, cands, AdjacentWord(text, s, -1), AdjacentWord(text, e, +1));
            return;
        }
        double total = 0, best = 0; Candidate? top = null;
        var scored = new List<(string Word, double Score)>(cands.Count);
        // The words beside it (only spaces between): a candidate the document or batch uses next to them is likelier.
        // Only candidates the pairs could still lift to the top are looked up (the factor is at most Max^2).
        string? prevWord = AdjacentWord(text, s, -1), nextWord = AdjacentWord(text, e, +1);
        var baseScores = new List<(Candidate C, double Score)>(cands.Count);
        var priors = new List<double>(cands.Count);
        foreach (var c in cands.Values) priors.Add(Prior(ctx, c.Word, capital, selfLetters));
        ShareSiblingPriors(lex, lower, cands.Values, priors);
        double bestBase = 0;
        int ci = 0;
        foreach (var c in cands.Values)
        {
            double b = priors[ci++] * c.Channel;
            baseScores.Add((c, b));
            bestBase = Math.Max(bestBase, b);
        }
        bool paired = prevWord is not null || nextWord is not null;
        foreach (var (c, b) in baseScores)
        {
            double score = paired && b * MaxNeighbourSupport * MaxNeighbourSupport >= bestBase ? b * NeighbourSupport(ctx, c.Word, prevWord, nextWord) : b;
            total += score;
            scored.Add((c.Word, score));
            if (score > best) { best = score; top = c; }
        }
        if (top is null) return;
        if (others >= 2 && (top.Value.Generic || ctx.CountOf(top.Value.Word) <= others)) return;
        // The word as written may be right: less likely the longer it is, and never with noise characters inside.
        double stay = noisy ? 1e-5 : lower.Length >= 9 ? 0.0015 : lower.Length >= 7 ? 0.003 : lower.Length >= 5 ? 0.008 : 0.02;
        if (capital) stay *= 20;                           // sentence starts are often names (references, authors)
        if (part) stay *= PartStayFactor;                  // compound parts: combining forms and rare terms no lexicon lists
        if (derived) stay = DerivedStay;
        stay *= 1 + 2 * Math.Min(others, 5);              // each other occurrence is evidence for the word as written
        double conf = best / (total + stay);
        if (top.Value.Generic && lower.Length < 6) conf *= 0.6;   // short words: too many neighbours for a blind edit
        // A lower-case word read for a person's or place's name (artinez -> Martinez?): which case the page had is
        // unknown, so only a suggestion. Drug and medical names are written lower case in running text (pentothal).
        var topSources = SourcesOfCandidate(ctx.Lexicon, top.Value.Word);
        if (!capital && (topSources & (LexiconSource.LowerForm | LexiconSource.HugeLower | LexiconSource.Common | LexiconSource.Medical | LexiconSource.Domain)) == 0)
            conf = Math.Min(conf, 0.6);
        conf = Math.Min(conf, cap);
        // Unsure: the neighbours may tell (only now, so the common sure case costs nothing more).
        if (conf < ctx.Options.ApplyThreshold && !noisy && !derived && others == 0 && cap >= 1
            && NeighbourSpelling.Consider(ctx, s, e, word, lower, cands, prevWord, nextWord)) return;
        // Very unsure of a long lower-case word: a word two edits away that the batch uses far more may be it.
        if (conf < UnsureShare && !noisy && !derived && !capital && others == 0 && lower.Length >= MinTwoEditLength && ctx.Options.CorpusCounts is not null
            && ConsiderTwoEdits(ctx, s, e, word, lower, cap, cands)) return;
        string corrected = CaseFor(ctx, top.Value.Word, word, s);
        ctx.Propose(s, e, corrected, top.Value.Generic ? "lexicon" : "confusion", conf,
            $"noisy channel, share {conf:0.00} of {cands.Count} candidates: " + TopShares(scored, total + stay));
    }

    // The three best-scored candidates with their shares of `whole`, for a correction's reason. (Apart from Consider:
    // a lambda there capturing its locals would allocate their closure on every call, even the many that return early.)
    private static string TopShares(List<(string Word, double Score)> scored, double whole) =>
        string.Join(" ", scored.OrderByDescending(x => x.Score).Take(3).Select(x => $"{x.Word}={x.Score / whole:0.00}"));

    /// <summary>
    /// A long word with no known word one edit away, read against the known words two edits away (weatment,
    /// conerzning). Two blind edits reach many words, so only candidates the document or the batch itself uses
    /// elsewhere count (a word of the corpus, not of the dictionary's long tail), each weighed by how often it is
    /// used there; the best must hold most of that weight. Without a batch only the document's own words count.
    /// Lower-case words only: a capitalised unknown word is too often a name or a foreign word (Informatik).
    /// </summary>
    private static bool ConsiderTwoEdits(CleanupContext ctx, int s, int e, string word, string lower, double cap = 1, Dictionary<string, Candidate>? oneEdit = null)
    {
        var cands = TwoEditCandidatesOf(ctx, lower);
        if (oneEdit is not null)
        {
            // The one-edit candidates the channel was unsure of compete on the same terms (clewated: cleated or elevated).
            var all = new Dictionary<string, Candidate>(cands, StringComparer.Ordinal);
            foreach (var (w, c) in oneEdit) if (!all.TryGetValue(w, out var old) || old.Channel < c.Channel) all[w] = c;
            cands = all;
        }
        if (cands.Count == 0) return false;
        double total = 0, best = 0; string? top = null; int topCount = 0;
        foreach (var c in cands.Values)
        {
            var src = ctx.Lexicon.SourcesOfLikelyWord(c.Word);
            int n = ctx.CountOf(c.Word);
            // Names and the large list's rare words only when the batch uses them more than once.
            if ((src & (LexiconSource.LowerForm | LexiconSource.Common)) == 0 && ((src & LexiconSource.HugeLower) == 0 || n < 2)) continue;
            if (n < 1) continue;
            double score = c.Channel * ((src & LexiconSource.Common) != 0 ? 4 : 1) * (1 + Math.Min(n, 50));
            total += score;
            if (score > best) { best = score; top = c.Word; topCount = n; }
        }
        if (top is null || IsCompoundOfKnownWords(ctx.Lexicon, lower)) return false;   // uptitrated, angiolymphatic: words of known parts
        double share = best / total;
        // Sure only for a dominant candidate of a long word; a shorter one or a close second stays a suggestion.
        double conf = share >= TwoEditShare && lower.Length >= MinTwoEditApplyLength ? 0.8 + 0.1 * (share - TwoEditShare) / (1 - TwoEditShare) : 0.5 * share;
        if (oneEdit is not null && (conf < 0.8 || oneEdit.ContainsKey(top))) return false;   // only a sure two-edit reading overrides the channel's
        ctx.Propose(s, e, CaseFor(ctx, top, word, s), "lexicon", Math.Min(conf, cap),
            $"noisy channel, two edits: \"{top}\" holds {share:0.00} of the candidates the document and batch use ({topCount} texts)");
        return true;
    }

    /// <summary>Below this confidence of the channel, a long word is also searched two edits away.</summary>
    public const double UnsureShare = 0.5;

    /// <summary>Share of the two-edit candidates' weight the best must hold to be applied.</summary>
    public const double TwoEditShare = 0.8;
    /// <summary>Two-edit corrections of shorter words are only suggested.</summary>
    public const int MinTwoEditApplyLength = 8;

    // A known prefix or word (>= 2 letters) followed by a known word (>= 4 letters): up + titrated, echo + laser.
    private static bool IsCompoundOfKnownWords(Lexicon lex, string lower)
    {
        for (int k = 2; k <= lower.Length - 4; k++)
        {
            var head = lower.AsSpan(0, k);
            bool headKnown = (lex.SourcesOfLower(head) & (LexiconSource.LowerForm | LexiconSource.Common)) != 0 || Morphology.IsPrefix(head);
            if (!headKnown) continue;
            var tail = lower[k..];
            if ((lex.SourcesOfLower(tail) & LexiconSource.LowerForm) != 0 || Morphology.IsKnownForm(lex, tail)) return true;
        }
        return false;
    }

    /// <summary>Largest factor the neighbour pairs give a candidate (1 + pairs, per side).</summary>
    public const int MaxNeighbourSupport = 4;

    // 1 + how often the candidate stands beside each neighbour elsewhere (document pairs plus batch texts), capped per side.
    private static double NeighbourSupport(CleanupContext ctx, string candidate, string? prev, string? next)
    {
        double f = 1;
        if (prev is not null) f *= 1 + Math.Min(MaxNeighbourSupport - 1, ctx.BigramCountOf(prev, candidate));
        if (next is not null) f *= 1 + Math.Min(MaxNeighbourSupport - 1, ctx.BigramCountOf(candidate, next));
        return f;
    }

    // The lower-cased letter word next to [s, e) with only one to three spaces between (the pairs the counts hold).
    private static string? AdjacentWord(string text, int at, int dir)
    {
        int j = dir < 0 ? at - 1 : at, gap = 0;
        while (j >= 0 && j < text.Length && text[j] is ' ' or '\n' or '\t' && gap < 3) { j += dir; gap++; }
        if (gap == 0 || j < 0 || j >= text.Length || !char.IsLetter(text[j])) return null;
        int a = j;
        while (a >= 0 && a < text.Length && char.IsLetter(text[a])) a += dir;
        var (from, to) = dir < 0 ? (a + 1, j + 1) : (j, a);
        return to - from is > 0 and <= 40 ? text[from..to].ToLowerInvariant() : null;
    }

    // Sources of a candidate; a plural the search built from a listed singular has the singular's.
    // Forms of one stem read from a misread last letter (tachyeardie: tachycardia or tachycardic): how often the
    // document and batch use each tells the stem, not which ending the page had, so they share the best prior among
    // them and the channel alone chooses.
    private static void ShareSiblingPriors(Lexicon lex, string observed, Dictionary<string, Candidate>.ValueCollection cands, List<double> priors)
    {
        if (cands.Count < 2 || cands.Count > 40 || observed.Length < 7) return;
        var words = cands.Select(c => c.Word).ToList();
        var shared = priors.ToList();
        for (int i = 0; i < words.Count; i++)
            for (int j = 0; j < words.Count; j++)
                if (i != j && priors[j] > shared[i] && Siblings(observed, words[i], words[j])
                    && (lex.SourcesOfLikelyWord(words[i]) & CoreSources) != 0) shared[i] = priors[j];   // not the large list's rare words
        for (int i = 0; i < shared.Count; i++) priors[i] = shared[i];
    }

    // Same length as each other, the same but for the last letter, where both differ from the word as read.
    private static bool Siblings(string observed, string a, string b) =>
        a.Length == b.Length && a[^1] != b[^1] && a[^1] != observed[^1] && b[^1] != observed[^1]
        && a.AsSpan(0, a.Length - 1).SequenceEqual(b.AsSpan(0, b.Length - 1));

    private static LexiconSource SourcesOfCandidate(Lexicon lex, string w)
    {
        var src = lex.SourcesOfLikelyWord(w);
        return src == LexiconSource.None && w.Length > 1 && w[^1] == 's' ? lex.SourcesOfLikelyWord(w.AsSpan(0, w.Length - 1)) : src;
    }

    private const LexiconSource CoreSources = LexiconSource.English | LexiconSource.Medical | LexiconSource.Domain | LexiconSource.Common;

    /// <summary>Forms of known words (Morphology) at least this long are checked against listed words one confusion away.</summary>
    public const int MinDerivedCheckLength = 7;

    /// <summary>Prior of a form of a known word as written, against the listed words one table confusion away.</summary>
    public const double DerivedStay = 0.5;

    // Candidates a table confusion away that a core lexicon lists as lower-case words (not forms, not the large list).
    private static Dictionary<string, Candidate> ListedTableCandidates(Lexicon lex, Dictionary<string, Candidate> cands)
    {
        Dictionary<string, Candidate>? kept = null;
        foreach (var (w, c) in cands)
            if (!c.Generic && (lex.SourcesOfLower(w) & (LexiconSource.LowerForm | LexiconSource.Common)) != 0 && (lex.SourcesOfLower(w) & CoreSources) != 0)
                (kept ??= new(StringComparer.Ordinal))[w] = c;
        return kept ?? s_noCandidates;
    }

    private static readonly Dictionary<string, Candidate> s_noCandidates = new(StringComparer.Ordinal);

    /// <summary>Largest factor a candidate gains from its other uses in the same document (with a batch; alone the counts are the document's).</summary>
    public const int MaxDocumentSupport = 3;

    /// <summary>Prior of a candidate only the large list has, but that is a regular form of a core word (morbidities).</summary>
    public const double DerivedPrior = 0.25;

    // A lower-case candidate no core lexicon lists but a regular form of one of their words (morbidity -> morbidities):
    // likelier than the large list's rare words and names, less likely than a listed word.
    private static bool DerivedCandidate(Lexicon lex, string w, LexiconSource src) =>
        (src & CoreSources) == 0 && (src & LexiconSource.HugeLower) != 0 && w.Length >= 6 && Morphology.IsKnownForm(lex, w);

    private static double Prior(CleanupContext ctx, string w, bool capital, string self)
    {
        var src = SourcesOfCandidate(ctx.Lexicon, w);
        double p = (src & LexiconSource.Common) != 0 ? 4
                 : (src & (LexiconSource.English | LexiconSource.Medical | LexiconSource.Domain)) != 0 ? 1
                 : DerivedCandidate(ctx.Lexicon, w, src) ? DerivedPrior
                 : 0.01;                                        // only in the large list: often rare or a name
        if ((src & LexiconSource.LowerForm) == 0 && !capital && p != DerivedPrior) p *= 0.2;   // a proper name for a lower-case word
        int n = ctx.CountOf(w) - (w == self ? 1 : 0);
        // A word this very document uses elsewhere is the likelier reading (documents repeat their terms: liver, iliac).
        int d = ctx.Options.CorpusCounts is null ? 0 : ctx.DocumentCountOf(w) - (w == self ? 1 : 0);
        return p * (1 + 2 * Math.Min(n, 5)) * (1 + Math.Min(d, MaxDocumentSupport - 1));
    }

    /// <summary>
    /// Whether a word at <paramref name="s"/> starts a sentence: after . ! ? : or a line or page break (opening quotes
    /// and parentheses between), but not after a line break inside a sentence (the line before ends in a lower-case
    /// word or a comma). Shared by the speller and the neighbour context.
    /// </summary>
    internal static bool SentenceStart(string text, int s)
    {
        int j = s - 1;
        while (j >= 0 && text[j] is ' ' or '\t' or '"' or '(' or '‘' or '“') j--;
        if (j >= 0 && text[j] == '\n')
        {
            int k = j - 1;
            while (k >= 0 && text[k] is ' ' or '\t' or '\r') k--;
            if (k >= 0 && (char.IsLower(text[k]) || text[k] == ',')) return false;
        }
        return j < 0 || text[j] is '.' or '!' or '?' or '\n' or '\f' or ':';
    }

    /// <summary>
    /// A capitalised non-word inside a sentence is a name: only the gazetteer's names are candidates, and only a
    /// neighbouring word of the same multi-word name (Memorial Sloan-Kettering) makes the change sure.
    /// </summary>
    private static void ConsiderName(CleanupContext ctx, int s, int e, string word)
    {
        if (word.Length < 4 || !char.IsUpper(word[0]) || Chars.Any(word, char.IsUpper, 1) || ctx.Lexicon.Contains(word)) return;
        if (!ctx.Memo.Names.TryGetValue(word, out var cands))
            ctx.Memo.Names[word] = cands = ctx.Channel.Candidates(word, w => ctx.Lexicon.IsName(w), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", ctx.Lexicon.NameAffixes);
        if (cands.Count == 0) return;
        var top = cands.Values.MaxBy(c => c.Channel);
        string prev = Neighbour(ctx.Text, s, -1), next = Neighbour(ctx.Text, e, +1);
        bool supported = ctx.Data.NamePairs.Contains((prev, top.Word)) || ctx.Data.NamePairs.Contains((top.Word, next));
        double conf = (supported ? 0.95 : 0.5) * (cands.Count == 1 ? 1 : 0.8);
        ctx.Propose(s, e, top.Word, "gazetteer", conf, supported ? "name from the gazetteer, confirmed by its neighbour" : "name from the gazetteer");
    }

    // The word next to [s, e) across one space or hyphen (as corrected by nothing: names are matched as written).
    private static string Neighbour(string text, int at, int dir)
    {
        int j = dir < 0 ? at - 1 : at;
        if (j < 0 || j >= text.Length || (text[j] != ' ' && text[j] != '-' && text[j] != '\n')) return "";
        j += dir;
        int a = j, b = j;
        while (a >= 0 && a < text.Length && char.IsLetter(text[a])) a += dir;
        if (dir < 0) { (a, b) = (a + 1, j + 1); } else { (a, b) = (j, a); }
        return a < b ? text[a..b] : "";
    }

    /// <summary>
    /// The case of a correction: capitalised when the word as read was, or when it opens the text or a paragraph and
    /// its first letter was misread (ltowever -> However) or was a piece of a split glyph (I;he); otherwise lower case.
    /// Only paragraph starts: after a full stop OCR's stops are too often spurious to tell.
    /// </summary>
    internal static string CaseFor(CleanupContext ctx, string candidate, string observed, int s, bool firstIsGlyph = false)
    {
        bool upper = firstIsGlyph ? ParagraphStart(ctx.Text, s)
            : char.IsUpper(observed[0]) || (candidate[0] != char.ToLowerInvariant(observed[0]) && ParagraphStart(ctx.Text, s));
        return upper ? char.ToUpperInvariant(candidate[0]) + candidate[1..] : candidate;
    }

    private static bool ParagraphStart(string text, int s)
    {
        int j = s - 1;
        while (j >= 0 && text[j] is ' ' or '\t' or '"' or '(' or '‘') j--;
        return j < 0 || (text[j] == '\n' && (j == 0 || text[j - 1] == '\n')) || text[j] == '\f';
    }

    private static string MatchCase(string candidate, string observed) =>
        char.IsUpper(observed[0]) ? char.ToUpperInvariant(candidate[0]) + candidate[1..] : candidate;
}
