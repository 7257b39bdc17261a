namespace Extractor.Cleanup;

/// <summary>
/// Real-word errors caught by context: a word that is itself a word but one edit away from the modifier of a fixed
/// collocation ("radical nephrectomy"), directly before its head or before a laterality word and the head. The
/// head may itself be an OCR error that an earlier pass corrected.
/// </summary>
public sealed class ContextRules : ICleanupPass
{
    public CleanupPasses Pass => CleanupPasses.Context;

    private static readonly HashSet<string> Laterality = new(StringComparer.OrdinalIgnoreCase) { "left", "right", "bilateral", "unilateral", "total", "open", "laparoscopic" };
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LateralityOf = Laterality.GetAlternateLookup<ReadOnlySpan<char>>();

    // A word of the text, or the correction an earlier pass proposed for exactly its span.
    private readonly record struct Word(int Start, int End, string? Proposed);

    private sealed record Collocation(string Modifier, string Head, string[] HeadParts, string Target);

    // The collocations by the first word of their head, built once per data set, with a filter of the heads' lengths
    // and first letters: most words of a text are no head, and the filter tells them without hashing them.
    private static (CleanupData Data, Dictionary<string, List<Collocation>> ByHead, HeadFilter Filter)? s_byHead;

    // By length (under 64): the heads' first and last letters, lower-cased, as bits of (c & 63) (a collision only lets
    // a word through to the look-up).
    private sealed record HeadFilter(ulong[] Firsts, ulong[] Lasts, bool AnyLong, bool Ascii)
    {
        public static HeadFilter Of(IEnumerable<string> heads)
        {
            ulong[] firsts = new ulong[64], lasts = new ulong[64];
            bool anyLong = false, ascii = true;
            foreach (var h in heads)
            {
                if (h.Length >= 64) { anyLong = true; continue; }
                if (h.Length == 0) { firsts[0] = lasts[0] = ~0UL; continue; }
                if (h[0] >= 128 || h[^1] >= 128) ascii = false;
                firsts[h.Length] |= Bit(h[0]);
                lasts[h.Length] |= Bit(h[^1]);
            }
            return new HeadFilter(firsts, lasts, anyLong, ascii);
        }

        private static ulong Bit(char c) => 1UL << ((char.IsAsciiLetterUpper(c) ? c + 32 : c) & 63);

        // False only when no head equals the word ignoring case (a head of its length with its ASCII first and last letters).
        public bool MayBe(ReadOnlySpan<char> w)
        {
            if (w.Length >= 64) return AnyLong;
            if (Firsts[w.Length] == 0) return false;
            if (w.Length == 0 || !Ascii) return true;
            return (w[0] >= 128 || (Firsts[w.Length] & Bit(w[0])) != 0) && (w[^1] >= 128 || (Lasts[w.Length] & Bit(w[^1])) != 0);
        }
    }

    private static (Dictionary<string, List<Collocation>> ByHead, HeadFilter Filter) ByHead(CleanupData data)
    {
        if (s_byHead is { } cached && ReferenceEquals(cached.Data, data)) return (cached.ByHead, cached.Filter);
        var byHead = data.Collocations.GroupBy(c => c.Head.Split(' ')[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(c => new Collocation(c.Modifier, c.Head, c.Head.Split(' '), c.Modifier.Split(' ')[^1])).ToList(), StringComparer.OrdinalIgnoreCase);
        var filter = HeadFilter.Of(byHead.Keys);
        s_byHead = (data, byHead, filter);
        return (byHead, filter);
    }

    public void Propose(CleanupContext ctx)
    {
        var runs = NeighbourContext.TokensOf(ctx);   // the letter runs, once for both passes (and mostly carried over from the last round)
        NeighbourContext.Propose(ctx, runs);
        LoneArticle.Propose(ctx);
        string text = ctx.Text;
        var words = Words(ctx, runs, t_words ??= []);
        var (heads, headFilter) = ByHead(ctx.Data);
        var byHead = heads.GetAlternateLookup<ReadOnlySpan<char>>();
        static ReadOnlySpan<char> TextOf(Word w, string text) => w.Proposed ?? text.AsSpan(w.Start, w.End - w.Start);
        for (int k = 1; k < words.Count; k++)
        {
            var first = TextOf(words[k], text);
            if (!headFilter.MayBe(first) || !byHead.TryGetValue(first, out var colls)) continue;
            foreach (var (modifier, head, headParts, target) in colls)
            {
                if (!HeadMatches(words, k, headParts, text)) continue;
                int mi = k - 1;
                if (LateralityOf.Contains(TextOf(words[mi], text)) && !Laterality.Contains(modifier) && mi > 0) mi--;
                var w = words[mi];
                var wText = TextOf(w, text);
                if (wText.Equals(target, StringComparison.OrdinalIgnoreCase)) continue;
                if (wText.Length < 4 || !AllLower(wText) || Math.Abs(wText.Length - target.Length) > 1) continue;
                if (!WithinOneEdit(wText, target)) continue;
                // Only a known word is a real-word error; a non-word is the speller's.
                if (ctx.Lexicon.SourcesOf(wText) == LexiconSource.None) continue;
                ctx.Propose(w.Start, w.End, target, "context", 0.9, $"collocation \"{modifier} {head}\"");
            }
        }
        words.Clear();
    }

    // The word list of the thread's last document (reused: one list per round would be a large allocation each time).
    [ThreadStatic] private static List<Word>? t_words;

    private static bool AllLower(ReadOnlySpan<char> s)
    {
        foreach (char c in s) if (!char.IsLower(c)) return false;
        return true;
    }

    private static bool HeadMatches(List<Word> words, int k, string[] head, string text)
    {
        if (k + head.Length > words.Count) return false;
        for (int j = 0; j < head.Length; j++)
        {
            var w = words[k + j];
            var t = w.Proposed ?? text.AsSpan(w.Start, w.End - w.Start);
            if (!t.Equals(head[j], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    // Words with the corrections earlier passes proposed for them (so "nephrectomy" is seen through its OCR error): a
    // word runs from a letter over letters, ! and | (OCR's l and i), so it is a letter run with the runs that only
    // such marks join to it, and the marks after it.
    private static List<Word> Words(CleanupContext ctx, List<NeighbourContext.Token> runs, List<Word> list)
    {
        string text = ctx.Text;
        int n = text.Length;
        list.Clear();
        for (int k = 0; k < runs.Count;)
        {
            int s = runs[k].Start, e = runs[k].End;
            k++;
            while (true)
            {
                while (e < n && text[e] is '!' or '|') e++;
                if (k < runs.Count && runs[k].Start == e) { e = runs[k].End; k++; }
                else break;
            }
            list.Add(new Word(s, e, ctx.ProposedAt(s, e)));
        }
        return list;
    }

    public static bool WithinOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b)) return true;
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        if (a.Length == b.Length) return a[(i + 1)..].SequenceEqual(b[(i + 1)..])
                                   || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..].SequenceEqual(b[(i + 2)..]));
        return a.Length > b.Length ? a[(i + 1)..].SequenceEqual(b[i..]) : a[i..].SequenceEqual(b[(i + 1)..]);
    }
}
