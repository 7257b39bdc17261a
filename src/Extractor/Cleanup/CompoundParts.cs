namespace Extractor.Cleanup;

/// <summary>
/// A lower-case part of a hyphenated compound that no other compound of the document or batch has in its place
/// (`jaw-signal`, `dagh-dose`, `cloud-ike`) is read as the word one confusion away that other compounds do have there
/// (`low-`, `high-`, `-like`), the more surely when they join it to the same partner (`high-dose`). The batch's
/// compounds are counted by <see cref="CleanupContext.DocumentFrequencies"/> as keys `first-` (a first part), `-second`
/// (a second part) and `first-second` (both), lower-cased; a hyphen never occurs in a word's, a pair's or a code's key.
/// </summary>
internal static class CompoundParts
{
    /// <summary>Texts (document plus batch) that must use the reading in the part's place.</summary>
    public const int MinPlaceSupport = 3;
    /// <summary>Texts that must join the reading to the same partner, when the place alone does not suffice.</summary>
    public const int MinPairSupport = 2;
    /// <summary>The best reading's weight over the next reading's.</summary>
    public const double MinLead = 3;

    /// <summary>The compound keys of one text (each letter run joined to the next by one hyphen), with their counts.</summary>
    public static Dictionary<string, int> Count(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int i = text.IndexOf('-');
        while (i > 0 && i + 1 < text.Length)
        {
            if (char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]))
            {
                int a = i - 1, b = i + 1;
                while (a > 0 && char.IsLetter(text[a - 1])) a--;
                while (b < text.Length && char.IsLetter(text[b])) b++;
                if (i - a <= 30 && b - i - 1 <= 30)
                {
                    string first = text[a..i].ToLowerInvariant(), second = text[(i + 1)..b].ToLowerInvariant();
                    Add(counts, first + "-"); Add(counts, "-" + second); Add(counts, first + "-" + second);
                }
            }
            i = text.IndexOf('-', i + 1);
        }
        return counts;

        static void Add(Dictionary<string, int> d, string k) => d[k] = d.GetValueOrDefault(k) + 1;
    }

    // Document count plus the batch's other texts (the batch counts this text once when it holds the key).
    private static int CountAt(CleanupContext ctx, Dictionary<string, int> doc, string key)
    {
        int n = doc.GetValueOrDefault(key);
        if (ctx.Options.CorpusCounts is { } corpus) n += Math.Max(0, corpus.GetValueOrDefault(key) - (n > 0 ? 1 : 0));
        return n;
    }

    // CountAt of a place key ("first-", "-second") given as a span, for the candidate search's test of every edited
    // string: no strings, and the batch's place keys from a table of them alone (a fraction of the batch's keys).
    private static int PlaceCountAt(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> doc,
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> places, ReadOnlySpan<char> key)
    {
        int n = doc.TryGetValue(key, out var d) ? d : 0;
        return n + Math.Max(0, (places.TryGetValue(key, out var c) ? c : 0) - (n > 0 ? 1 : 0));
    }

    // The batch's keys that begin or end with a hyphen (its compound places), with their counts; built once per batch.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyDictionary<string, int>, Dictionary<string, int>> s_places = new();

    private static Dictionary<string, int> PlacesOf(IReadOnlyDictionary<string, int> corpus) => s_places.GetValue(corpus, c =>
    {
        var places = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, count) in c) if (key.Length > 0 && (key[0] == '-' || key[^1] == '-')) places[key] = count;
        return places;
    });

    /// <summary>
    /// Judges the lower-case part [s, e) of a compound by the compounds elsewhere; returns whether it proposed. Runs only
    /// with batch counts (one text has too few compounds), on parts of 2-12 letters no other compound has in that place.
    /// </summary>
    public static bool Consider(CleanupContext ctx, int s, int e)
    {
        if (ctx.Options.CorpusCounts is null || e - s < 2 || e - s > 12) return false;
        string text = ctx.Text;
        // The part's place: second after a letter run and a hyphen, else first before a hyphen and a letter run.
        bool second = s > 1 && text[s - 1] == '-' && char.IsLetter(text[s - 2]);
        bool first = !second && e + 1 < text.Length && text[e] == '-' && char.IsLetter(text[e + 1]);
        if (!second && !first) return false;
        for (int k = s; k < e; k++) if (!char.IsAsciiLetterLower(text[k])) return false;
        // A combining form or prefix before a further hyphen (rhino-oto-, anti-) is a part of its own.
        var span = text.AsSpan(s, e - s);
        if (e + 1 < text.Length && text[e] == '-' && (Morphology.IsPrefix(span) || span[^1] is 'o' or 'i')) return false;
        // Known words as written stay (x-rays, cup-to-disc): the places of other compounds do not judge them.
        var lex = ctx.Lexicon;
        if ((lex.SourcesOfLower(span) & (LexiconSource.LowerForm | LexiconSource.Common)) != 0) return false;
        var doc = ctx.Memo.Compounds ??= Count(text);   // the first round's compounds serve the later rounds
        string part = text[s..e];
        string Key(string w) => second ? "-" + w : w + "-";
        if (CountAt(ctx, doc, Key(part)) > 1) return false;   // another compound has it there: a part
        int a, b;
        if (second) { b = s - 1; a = b; while (a > 0 && char.IsLetter(text[a - 1])) a--; }
        else { a = e + 1; b = a; while (b < text.Length && char.IsLetter(text[b])) b++; }
        string partner = text[a..b].ToLowerInvariant();
        // A letter or two (v-raf, X-ray) is a code, a function word (cup-to-) says nothing of the word beside it.
        if (partner.Length < 3 || ctx.Data.WordFrequencies.ContainsKey(partner)) return false;
        string Pair(string w) => second ? partner + "-" + w : w + "-" + partner;
        // (depends on the part, its place and the first round's compounds only: the later rounds reuse it)
        if (!ctx.Memo.CompoundCandidates.TryGetValue((part, second), out var cands))
        {
            var docPlaces = doc.GetAlternateLookup<ReadOnlySpan<char>>();
            var batchPlaces = PlacesOf(ctx.Options.CorpusCounts!).GetAlternateLookup<ReadOnlySpan<char>>();
            ctx.Memo.CompoundCandidates[(part, second)] = cands = ctx.Channel.Candidates(part, w =>
            {
                if (w.Length < 2 || w.SequenceEqual(part)) return false;
                Span<char> key = w.Length < 64 ? stackalloc char[w.Length + 1] : new char[w.Length + 1];
                if (second) { key[0] = '-'; w.CopyTo(key[1..]); }
                else { w.CopyTo(key); key[^1] = '-'; }
                return PlaceCountAt(docPlaces, batchPlaces, key) >= MinPairSupport;
            });
        }
        string? best = null; double bestScore = 0, secondScore = 0; int bestPlace = 0, bestPair = 0;
        foreach (var c in cands.Values)
        {
            if (lex.SourcesOfLower(c.Word) == LexiconSource.None && !Morphology.IsPrefix(c.Word)) continue;
            int place = CountAt(ctx, doc, Key(c.Word)), pair = CountAt(ctx, doc, Pair(c.Word));
            double score = c.Channel * (1 + Math.Min(place, 20)) * (1 + 4 * Math.Min(pair, 5));
            if (score > bestScore) { secondScore = bestScore; bestScore = score; best = c.Word; bestPlace = place; bestPair = pair; }
            else if (score > secondScore) secondScore = score;
        }
        if (best is null || bestScore < MinLead * secondScore) return false;
        // The batch writes the compound whole, or the reading often in that place.
        if (bestPair < MinPairSupport && bestPlace < MinPlaceSupport) return false;
        double conf = bestPair >= MinPairSupport || bestPlace >= 2 * MinPlaceSupport ? 0.85 : 0.6;
        ctx.Propose(s, e, best, "compound",  conf,
            $"compound part: \"{best}\" stands there in {bestPlace} other compounds ({bestPair} with \"{partner}\"), \"{part}\" in none");
        return true;
    }
}
