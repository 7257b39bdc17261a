namespace Extractor.Cleanup;

/// <summary>A candidate spelling with the channel probability P(observed | candidate) and the edits that lead to it.</summary>
public readonly record struct Candidate(string Word, double Channel, int Edits, bool Generic);

/// <summary>
/// The OCR channel: how likely the recogniser turns an intended string into the observed one. Built from the
/// confusion table (observed, intended, count), multi-character entries included (rn -> m); edits the table does
/// not know get a small generic probability. Immutable after construction, so one instance serves every thread.
/// </summary>
public sealed class ConfusionModel
{
    private static readonly Lazy<ConfusionModel> s_shared = new(() => new ConfusionModel(CleanupData.Shared.Confusions));
    public static ConfusionModel Shared => s_shared.Value;

    /// <summary>Counts saturate: P(edit) = count / (count + Smoothing).</summary>
    public const double Smoothing = 40;
    public const double GenericSubstitution = 0.004;
    public const double GenericDeletion = 0.006;     // the page had no such character (a speck read as a letter)
    public const double GenericInsertion = 0.004;    // a character was lost
    public const double GenericTransposition = 0.002;
    public const double UnreadLetter = 0.02;        // a tilde an old engine wrote for a letter it could not read
    public const double InitialInsertion = 0.08;     // a word's first letter lost (faint or cut at the margin)

    // Entries by first observed character; deletions of table characters by observed character.
    private readonly Dictionary<char, (string Observed, string Intended, double P)[]> _byFirst;
    private readonly Dictionary<(string, string), double> _pair;

    public IReadOnlyList<Confusion> Entries { get; }

    public ConfusionModel(IEnumerable<Confusion> entries)
    {
        Entries = entries.ToList();
        _pair = [];
        foreach (var e in Entries) _pair[(e.Observed, e.Intended)] = Math.Max(_pair.GetValueOrDefault((e.Observed, e.Intended)), P(e.Weight));
        _byFirst = Entries.Where(e => e.Observed.Length > 0)
            .GroupBy(e => e.Observed[0])
            .ToDictionary(g => g.Key, g => g.Select(e => (e.Observed, e.Intended, P(e.Weight))).ToArray());
        foreach (var (c, list) in _byFirst) if (c < _byAscii.Length) _byAscii[c] = list;
    }

    // The entries of ASCII characters in an array: the candidate search asks for every character of every edit.
    private readonly (string Observed, string Intended, double P)[]?[] _byAscii = new (string, string, double)[]?[128];

    private (string Observed, string Intended, double P)[]? EntriesAt(char c) =>
        c < 128 ? _byAscii[c] : _byFirst.GetValueOrDefault(c);

    private static double P(double weight) => weight / (weight + Smoothing);

    /// <summary>P(observed | intended) for one table edit, or 0 when the table does not list it.</summary>
    public double Probability(string observed, string intended) => _pair.GetValueOrDefault((observed, intended));

    // The longest observed side of a table entry: a second edit starting this far before the first cannot reach it.
    private int _maxObserved => _maxObservedLength ??= Entries.Select(e => e.Observed.Length).DefaultIfEmpty(1).Max();
    private int? _maxObservedLength;

    /// <summary>The longest observed side of a table entry that keeps the length (rn -> nn: 2): how far one such edit reaches.</summary>
    public int MaxSameLengthEdit => _maxSameLength ??= Entries.Where(e => e.Observed.Length == e.Intended.Length).Select(e => e.Observed.Length).DefaultIfEmpty(0).Max();
    private int? _maxSameLength;

    /// <summary>Table edits only, at every position: the candidate strings one confusion away from <paramref name="observed"/>.</summary>
    public IEnumerable<(string Text, double P)> TableEdits(string observed)
    {
        for (int i = 0; i < observed.Length; i++)
        {
            if (!_byFirst.TryGetValue(observed[i], out var list)) continue;
            foreach (var (o, n, p) in list)
            {
                if (i + o.Length > observed.Length || string.CompareOrdinal(observed, i, o, 0, o.Length) != 0) continue;
                yield return (string.Concat(observed.AsSpan(0, i), n, observed.AsSpan(i + o.Length)), p);
            }
        }
    }

    /// <summary>Whether a non-letter character stands for (part of) a letter in some table entry (l; -> t, (: -> c, ~ -> n).</summary>
    public bool IsGlyphPiece(char c) => (GlyphPieceBits[c >> 6] & (1UL << (c & 63))) != 0;

    // One bit per UTF-16 code unit (8 KB): the speller asks this for every mark of every token.
    private ulong[]? _glyphPieceBits;
    private ulong[] GlyphPieceBits => _glyphPieceBits ??= BuildGlyphPieceBits();

    private ulong[] BuildGlyphPieceBits()
    {
        var bits = new ulong[65536 / 64];
        foreach (char c in _glyphPieces) bits[c >> 6] |= 1UL << (c & 63);
        return bits;
    }

    private HashSet<char>? _glyphPiecesCache;
    private HashSet<char> _glyphPieces => _glyphPiecesCache ??= Entries
        .Where(e => e.Intended.Length > 0 && e.Intended.All(char.IsLetter) && e.Observed.Any(ch => !char.IsLetter(ch)))
        .SelectMany(e => e.Observed.Where(ch => !char.IsLetter(ch))).ToHashSet();

    /// <summary>
    /// Readings of a token whose non-letters are pieces of letters: every non-letter must be covered by a table entry
    /// whose intended side is letters, and at most one further table
    /// edit may change letters. Returns all-letter strings with their channel probability, the most probable first, at
    /// most <paramref name="limit"/> partial readings kept at each position (beam).
    /// </summary>
    public List<(string Word, double P)> GlyphReadings(string observed, int limit)
    {
        // Partial readings ending at each position: (text so far, probability, letter edits used).
        var at = new List<(string Text, double P, int Edits)>[observed.Length + 1];
        for (int k = 0; k <= observed.Length; k++) at[k] = [];
        at[0].Add(("", 1.0, 0));
        for (int i = 0; i < observed.Length; i++)
        {
            var here = at[i];
            if (here.Count == 0) continue;
            if (here.Count > limit) { here.Sort((a, b) => b.P.CompareTo(a.P)); here.RemoveRange(limit, here.Count - limit); }
            char c = observed[i];
            foreach (var (t, p, edits) in here)
            {
                if (char.IsLetter(c)) at[i + 1].Add((t + c, p, edits));
                else if (c == '~')
                {
                    // Old engines write a tilde for a letter they could not read: any letter, or (inside a word) none.
                    for (char l = 'a'; l <= 'z'; l++) at[i + 1].Add((t + l, p * UnreadLetter, edits));
                    if (i + 1 < observed.Length) at[i + 1].Add((t, p * UnreadLetter, edits));
                }
                if (EntriesAt(c) is not { } list) continue;
                foreach (var (o, intended, q) in list)
                {
                    if (intended.Length == 0 || !intended.All(char.IsLetter) || string.CompareOrdinal(observed, i, o, 0, o.Length) != 0) continue;
                    bool glyph = o.Any(ch => !char.IsLetter(ch));
                    if (!glyph && edits >= 1) continue;
                    at[i + o.Length].Add((t + intended, p * q, glyph ? edits : edits + 1));
                }
            }
        }
        var done = at[observed.Length];
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (t, p, _) in done)
            if (t.Length > 0 && p > best.GetValueOrDefault(t)) best[t] = p;
        return best.OrderByDescending(x => x.Value).Select(x => (x.Key, x.Value)).ToList();
    }

    /// <summary>A test on a candidate spelling that needs no string (lexicon lookups take spans).</summary>
    public delegate bool SpanPredicate(ReadOnlySpan<char> word);

    [ThreadStatic] private static List<(int At, string Observed, string Intended, double P)>? t_first;

    /// <summary>
    /// Candidates within two table edits or one generic edit of <paramref name="observed"/> that <paramref name="accept"/>
    /// keeps; the best channel probability per word. Work is linear in the word length times the table size; the
    /// generic neighbourhood is built in a stack buffer, so only accepted candidates allocate. With
    /// <paramref name="affixes"/> (the prefixes and suffixes of every string <paramref name="accept"/> keeps), edits are
    /// only tried where the text before them can start a word and the text after them can end one: the same result,
    /// in a fraction of the lookups (an OCR error is one or two spots in a word).
    /// </summary>
    public Dictionary<string, Candidate> Candidates(string observed, SpanPredicate accept, string alphabet = "abcdefghijklmnopqrstuvwxyz", AffixFilter? affixes = null)
    {
        var sink = new CandidateSink(observed, accept);
        int n = observed.Length;
        var src = observed.AsSpan();
        // Hash states of every prefix (starts[k]: observed[..k]) and suffix (ends[j]: observed[j..], read backwards);
        // `pre`: every prefix up to that length may start a word; `suf`: every suffix from there on may end one.
        Span<ulong> starts = n < 64 ? stackalloc ulong[n + 1] : new ulong[n + 1];
        Span<ulong> ends = n < 64 ? stackalloc ulong[n + 1] : new ulong[n + 1];
        starts[0] = AffixFilter.Empty; ends[n] = AffixFilter.Empty;
        for (int k = 0; k < n; k++) starts[k + 1] = AffixFilter.Extend(starts[k], src[k]);
        for (int j = n - 1; j >= 0; j--) ends[j] = AffixFilter.Extend(ends[j + 1], src[j]);
        int pre = affixes?.LongestStart(src) ?? n, suf = affixes?.ShortestEnd(src) ?? 0;
        // Polynomial hash parts (WordFilter.Step): tails[j] is observed[j..] hashed from a zero state, so an edited
        // string's hash is its prefix state, the new letters and the tail, in a few multiplications (no walk over it).
        Span<ulong> tails = n < 64 ? stackalloc ulong[n + 1] : new ulong[n + 1];
        tails[n] = 0;

        // Two table edits, built in a buffer. Two edits that do not overlap give the same string in either order
        // with the same probability, so a second edit wholly before the first was already offered (the first
        // edits run left to right): skipped.
        var first = t_first ??= [];   // one list per thread, emptied per call (it grew to hundreds of entries each call)
        first.Clear();
        int longest = 0;
        for (int i = 0; i < n; i++)
        {
            if (!_byFirst.TryGetValue(observed[i], out var list)) continue;
            foreach (var (o, intended, p) in list)
                if (i + o.Length <= n && string.CompareOrdinal(observed, i, o, 0, o.Length) == 0)
                {
                    first.Add((i, o, intended, p));
                    longest = Math.Max(longest, n - o.Length + intended.Length);
                }
        }
        var pow = WordFilter.PowersOf(Math.Max(n, longest) + 3);
        for (int j = n - 1; j >= 0; j--) tails[j] = src[j] * pow[n - 1 - j] + tails[j + 1];
        // firstFrom[k]: the first of the observed string's table matches at k or later (they are in order of position).
        Span<int> firstFrom = n < 64 ? stackalloc int[n + 2] : new int[n + 2];
        for (int k = n + 1, f = first.Count; k >= 0; k--)
        {
            while (f > 0 && first[f - 1].At >= k) f--;
            firstFrom[k] = f;
        }
        // Each edited string is hashed from its parts and tested against the filter first; only a string the filter
        // may hold (a few in a hundred) is built whole and looked up.
        var filter = affixes?.Whole;
        void Offer(ReadOnlySpan<char> w, ulong state, double p, int edits, bool generic)
        {
            if (filter is null || filter.MayContain(WordFilter.Finish(state))) sink.Offer(w, p, edits, generic);
        }
        void OfferSecond(Span<char> two, ReadOnlySpan<char> w, ReadOnlySpan<ulong> heads, ReadOnlySpan<ulong> wtails, int i, string o, string intended, double p)
        {
            ulong h = heads[i];
            foreach (char c in intended) h = WordFilter.Step(h, c);
            if (filter is not null && !filter.MayContain(WordFilter.Finish(h * pow[w.Length - i - o.Length] + wtails[i + o.Length]))) return;
            int len = w.Length - o.Length + intended.Length;
            w[..i].CopyTo(two);
            intended.AsSpan().CopyTo(two[i..]);
            w[(i + o.Length)..].CopyTo(two[(i + intended.Length)..]);
            sink.Offer(two[..len], p, 2, false);
        }
        Span<char> ws = longest + 8 <= 128 ? stackalloc char[longest + 8] : new char[longest + 8];
        Span<char> two = longest * 2 + 8 <= 256 ? stackalloc char[longest * 2 + 8] : new char[longest * 2 + 8];
        Span<ulong> heads = longest + 2 <= 64 ? stackalloc ulong[longest + 2] : new ulong[longest + 2];
        Span<ulong> wtails = longest + 2 <= 64 ? stackalloc ulong[longest + 2] : new ulong[longest + 2];
        foreach (var (at, o1, intended1, p) in first)
        {
            // Every string this edit leads to keeps observed[..i] for some i > pre (a second edit starts at most
            // _maxObserved - 1 before it), which starts no word: none is built.
            if (affixes is not null && at - _maxObserved + 1 > pre) continue;
            int m = n - o1.Length + intended1.Length;
            src[..at].CopyTo(ws); intended1.AsSpan().CopyTo(ws[at..]); src[(at + o1.Length)..].CopyTo(ws[(at + intended1.Length)..]);
            var w = ws[..m];
            // The window of this edited string: its prefixes before `at` are the observed ones, its suffixes after the
            // edit too; only the edited stretch needs new lookups.
            int wpre = m, wsuf = 0;
            if (affixes is not null)
            {
                int e = at + o1.Length, e2 = at + intended1.Length;
                wpre = pre < at ? pre : affixes.LongestStartSoon(w, at, starts[at]);
                wsuf = suf > e ? suf - e + e2 : affixes.ShortestEndSoon(w, e2, ends[e]);
            }
            // Hash parts of w: its prefixes up to the edit are the observed ones, its tails after the edit too.
            int editEnd = at + intended1.Length, shift = intended1.Length - o1.Length;
            starts[..(at + 1)].CopyTo(heads);
            for (int k = at; k < m; k++) heads[k + 1] = WordFilter.Step(heads[k], w[k]);
            tails[(at + o1.Length)..].CopyTo(wtails[editEnd..]);
            for (int k = editEnd - 1; k >= 0; k--) wtails[k] = w[k] * pow[m - 1 - k] + wtails[k + 1];
            if (wpre == m && wsuf == 0) Offer(w, heads[m], p, 1, false);
            // Second edits that reach into the first edit's text are looked for in the edited string; those after it
            // are the observed string's own table matches (`first`), shifted by the first edit's change of length.
            for (int i = Math.Max(0, at - _maxObserved + 1); i < m && i <= wpre && i < editEnd; i++)
            {
                if (EntriesAt(w[i]) is not { } list) continue;
                foreach (var (o, intended, p2) in list)
                {
                    if (i + o.Length <= at || i + o.Length < wsuf || !w[i..].StartsWith(o)) continue;
                    OfferSecond(two, w, heads, wtails, i, o, intended, p * p2);
                }
            }
            for (int f = firstFrom[at + o1.Length]; f < first.Count; f++)
            {
                var (at2, o, intended, p2) = first[f];
                int i = at2 + shift;
                if (i > wpre) break;
                if (i + o.Length < wsuf) continue;
                OfferSecond(two, w, heads, wtails, i, o, intended, p * p2);
            }
        }
        // Generic edit distance 1 (the symmetric-delete neighbourhood of the observed word, generated on the fly), at
        // the positions where the text before the edit can start a word and the text after it can end one.
        Span<char> buf = n < 120 ? stackalloc char[n + 1] : new char[n + 1];
        for (int i = Math.Max(0, suf - 2); i < n && i <= pre; i++)
        {
            if (i + 1 >= suf)
            {
                src[..i].CopyTo(buf); src[(i + 1)..].CopyTo(buf[i..]);
                Offer(buf[..(n - 1)], starts[i] * pow[n - 1 - i] + tails[i + 1], GenericDeletion, 1, true);
            }
            if (i + 1 < n && observed[i] != observed[i + 1] && i + 2 >= suf)
            {
                src.CopyTo(buf); (buf[i], buf[i + 1]) = (buf[i + 1], buf[i]);
                Offer(buf[..n], WordFilter.Step(WordFilter.Step(starts[i], src[i + 1]), src[i]) * pow[n - 2 - i] + tails[i + 2], GenericTransposition, 1, true);
            }
            if (i + 1 < suf) continue;
            src.CopyTo(buf);
            ulong head = starts[i] * WordFilter.Multiplier, tail = tails[i + 1], scale = pow[n - 1 - i];
            foreach (char c in alphabet)
            {
                if (c == observed[i]) continue;
                buf[i] = c;
                Offer(buf[..n], (head + c) * scale + tail, GenericSubstitution, 1, true);
            }
        }
        for (int i = suf; i <= n && i <= pre; i++)
        {
            src[..i].CopyTo(buf); src[i..].CopyTo(buf[(i + 1)..]);
            ulong head = starts[i] * WordFilter.Multiplier, tail = tails[i], scale = pow[n - i];
            foreach (char c in alphabet)
            {
                buf[i] = c;
                Offer(buf[..(n + 1)], (head + c) * scale + tail, i == 0 ? InitialInsertion : GenericInsertion, 1, true);
            }
        }
        return sink.Found;
    }

    /// <summary>
    /// Candidates two edits away (generic or table, in any mix) for a long word the one-edit search left without a
    /// candidate (weatment, conerzning). Bounded by the affix filter: a first edit is tried only where the text before
    /// it can start a word, and only an edited string whose remaining error fits one more edit (its longest word start
    /// reaches its shortest word end) gets the second; so a few thousand filter tests per word, not millions.
    /// </summary>
    public Dictionary<string, Candidate> CandidatesTwo(string observed, SpanPredicate accept, AffixFilter affixes, string alphabet = "abcdefghijklmnopqrstuvwxyz")
    {
        var found = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        int n = observed.Length;
        if (n > 40) return found;
        var src = observed.AsSpan();
        // Hash states of the observed prefixes: an edited string shares them before its edit.
        var starts = new ulong[n + 1];
        starts[0] = AffixFilter.Empty;
        for (int k = 0; k < n; k++) starts[k + 1] = AffixFilter.Extend(starts[k], src[k]);
        int pre = affixes.LongestStart(src), suf = affixes.ShortestEnd(src);
        Span<char> w1 = stackalloc char[n + 8];
        var buf2 = new char[n + 16];
        // Tails of the edited string hashed from a zero state (WordFilter.Step is a polynomial): an offer's hash is its
        // prefix state, its new letters and a tail, so only a string the filter may hold is built.
        var wtails = new ulong[n + 16];
        var pow = WordFilter.PowersOf(n + 16);
        // The first edit replaced observed[at, at + removed) by `added` characters; the text before it may start a word.
        void Second(ReadOnlySpan<char> w, int at, int removed, int added, double p1, bool generic1)
        {
            var w2 = buf2.AsSpan();
            int m = w.Length, e = at + removed, e2 = at + added;
            // Only an edited string whose remaining error fits one more edit: its longest word start must reach
            // its shortest word end. The suffix after the edit is the observed one, the prefix before it too.
            int wpre = affixes.LongestStartSoon(w, at, starts[at]);
            if (wpre < e2) return;                                   // the edit itself cannot start a word
            // The first edit is the leftmost one: the second lies after it, where the remaining error is. When the
            // observed text after the first edit can end a word, only a second edit right beside it is tried (two
            // errors in one spot: n for rr); otherwise this is the rightmost edit of its pair, tried the other way.
            int wsuf = suf > e ? suf - e + e2 : 0;
            int from = Math.Max(e2, wsuf - 2);
            if (suf <= e) wpre = Math.Min(wpre, e2 + 1);
            if (from > wpre) return;
            wtails[m] = 0;
            for (int j = m - 1; j >= from; j--) wtails[j] = w[j] * pow[m - 1 - j] + wtails[j + 1];
            // Whether the filter may hold the string of `len` characters whose hash state this is.
            bool May(ulong state, int len) => len >= 3 && affixes.Whole.MayContain(WordFilter.Finish(state));
            void Offer(ReadOnlySpan<char> c, double p, bool generic)
            {
                if (!accept(c)) return;
                var lookup = found.GetAlternateLookup<ReadOnlySpan<char>>();
                double pp = p1 * p;
                if (lookup.TryGetValue(c, out var old) && old.Channel >= pp) return;
                var s = c.ToString();
                found[s] = new Candidate(s, pp, 2, generic || generic1);
            }
            // Hash state of w[..k]: an edit whose own prefix cannot start a word is not built at all.
            ulong st = starts[at];
            for (int j = at; j < from; j++) st = AffixFilter.Extend(st, w[j]);
            ulong insertState = st;
            for (int k = from; k < m && k <= wpre; k++)
            {
                if (k + 1 >= wsuf)
                {
                    if ((k + 1 == m || affixes.MayStart(AffixFilter.Extend(st, w[k + 1]))) && May(st * pow[m - 1 - k] + wtails[k + 1], m - 1))
                    {
                        w[..k].CopyTo(w2); w[(k + 1)..].CopyTo(w2[k..]);
                        Offer(w2[..(m - 1)], GenericDeletion, true);
                    }
                    w.CopyTo(w2);
                    foreach (char c in alphabet)
                    {
                        if (c == w[k] || !affixes.MayStart(AffixFilter.Extend(st, c))) continue;
                        if (!May(AffixFilter.Extend(st, c) * pow[m - 1 - k] + wtails[k + 1], m)) continue;
                        w2[k] = c;
                        Offer(w2[..m], GenericSubstitution, true);
                    }
                }
                if (k + 1 < m && w[k] != w[k + 1] && k + 2 >= wsuf && affixes.MayStart(AffixFilter.Extend(st, w[k + 1]))
                    && May(AffixFilter.Extend(AffixFilter.Extend(st, w[k + 1]), w[k]) * pow[m - 2 - k] + wtails[k + 2], m))
                {
                    w.CopyTo(w2); (w2[k], w2[k + 1]) = (w2[k + 1], w2[k]);
                    Offer(w2[..m], GenericTransposition, true);
                }
                if (EntriesAt(w[k]) is { } list)
                    foreach (var (o, intended, p) in list)
                    {
                        if (k + o.Length > m || k + o.Length < wsuf || !w[k..].StartsWith(o)) continue;
                        ulong h = st;
                        foreach (char c in intended) h = AffixFilter.Extend(h, c);
                        if (!May(h * pow[m - k - o.Length] + wtails[k + o.Length], m - o.Length + intended.Length)) continue;
                        w[..k].CopyTo(w2); intended.AsSpan().CopyTo(w2[k..]); w[(k + o.Length)..].CopyTo(w2[(k + intended.Length)..]);
                        Offer(w2[..(m - o.Length + intended.Length)], p, false);
                    }
                st = AffixFilter.Extend(st, w[k]);
            }
            int firstInsert = Math.Max(Math.Max(1, from), wsuf);
            for (int j = from; j < firstInsert && j < m; j++) insertState = AffixFilter.Extend(insertState, w[j]);
            for (int k = firstInsert; k < m && k <= wpre; k++)
            {
                w[..k].CopyTo(w2); w[k..].CopyTo(w2[(k + 1)..]);
                foreach (char c in alphabet)
                {
                    if (!affixes.MayStart(AffixFilter.Extend(insertState, c))) continue;
                    if (!May(AffixFilter.Extend(insertState, c) * pow[m - k] + wtails[k], m + 1)) continue;
                    w2[k] = c;
                    Offer(w2[..(m + 1)], GenericInsertion, true);
                }
                insertState = AffixFilter.Extend(insertState, w[k]);
            }
        }
        for (int i = 0; i < n && i <= pre; i++)
        {
            src[..i].CopyTo(w1); src[(i + 1)..].CopyTo(w1[i..]);
            if (i + 1 < n && affixes.MayStart(AffixFilter.Extend(starts[i], src[i + 1]))) Second(w1[..(n - 1)], i, 1, 0, GenericDeletion, true);
            src.CopyTo(w1);
            foreach (char c in alphabet)
            {
                if (c == src[i] || !affixes.MayStart(AffixFilter.Extend(starts[i], c))) continue;
                w1[i] = c;
                Second(w1[..n], i, 1, 1, GenericSubstitution, true);
            }
            if (i + 1 < n && src[i] != src[i + 1])
            {
                src.CopyTo(w1); (w1[i], w1[i + 1]) = (w1[i + 1], w1[i]);
                Second(w1[..n], i, 2, 2, GenericTransposition, true);
            }
            if (i > 0)
            {
                src[..i].CopyTo(w1); src[i..].CopyTo(w1[(i + 1)..]);
                foreach (char c in alphabet)
                {
                    if (!affixes.MayStart(AffixFilter.Extend(starts[i], c))) continue;
                    w1[i] = c;
                    Second(w1[..(n + 1)], i, 0, 1, GenericInsertion, true);
                }
            }
            if (EntriesAt(src[i]) is { } list)
                foreach (var (o, intended, p) in list)
                {
                    if (i + o.Length > n || !src[i..].StartsWith(o) || n - o.Length + intended.Length > w1.Length) continue;
                    src[..i].CopyTo(w1); intended.AsSpan().CopyTo(w1[i..]); src[(i + o.Length)..].CopyTo(w1[(i + intended.Length)..]);
                    Second(w1[..(n - o.Length + intended.Length)], i, o.Length, intended.Length, p, false);
                }
        }
        return found;
    }

    // One offer per edited string, the best channel probability per word: only an accepted string is allocated
    // (most of the neighbourhood is not a word).
    private sealed class CandidateSink(string observed, SpanPredicate accept)
    {
        public readonly Dictionary<string, Candidate> Found = new(StringComparer.Ordinal);

        public void Offer(ReadOnlySpan<char> w, double p, int edits, bool generic)
        {
            if (w.Length == 0 || w.SequenceEqual(observed)) return;
            if (!accept(w)) return;
            var pending = Found.GetAlternateLookup<ReadOnlySpan<char>>();
            if (pending.TryGetValue(w, out var old) && old.Channel >= p) return;
            var s = w.ToString();
            Found[s] = new Candidate(s, p, edits, generic);
        }
    }
}
