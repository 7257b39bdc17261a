using System.Runtime.InteropServices;
using Extractor.Core;

namespace Extractor.Cleanup;

/// <summary>Which cleanup passes run.</summary>
[Flags]
public enum CleanupPasses
{
    None = 0,
    Dehyphenation = 1,
    TokenGrammars = 2,
    Punctuation = 4,
    Speller = 8,
    Context = 16,
    All = Dehyphenation | TokenGrammars | Punctuation | Speller | Context,
}

/// <summary>
/// Options of the OCR cleaner. A proposed change is applied when its confidence reaches <see cref="ApplyThreshold"/>;
/// below that (down to <see cref="SuggestThreshold"/>) it is only logged as a suggestion.
/// </summary>
public sealed record CleanupOptions
{
    public static readonly CleanupOptions Default = new();
    public double ApplyThreshold { get; init; } = 0.8;
    public double SuggestThreshold { get; init; } = 0.3;
    public CleanupPasses Passes { get; init; } = CleanupPasses.All;
    /// <summary>
    /// Document frequencies of the batch the text belongs to (lower-cased word -> number of the batch's texts that
    /// contain it, this text included; <see cref="CleanupContext.DocumentFrequencies"/> builds them), if known: a word
    /// frequent across the batch is probably right, and a frequent word is the likelier candidate for an OCR error.
    /// </summary>
    public IReadOnlyDictionary<string, int>? CorpusCounts { get; init; }
    /// <summary>OCR word confidence (0..100) below which a proposed fix of that word gains confidence (the engine itself was unsure).</summary>
    public float LowOcrConfidence { get; init; } = 60;
    /// <summary>OCR word confidence at or above which a proposed fix of that word loses confidence (the engine was sure).</summary>
    public float HighOcrConfidence { get; init; } = 95;
    /// <summary>Largest change OCR confidence makes to a proposal's confidence (at OCR confidence 0, or 100).</summary>
    public double OcrConfidenceWeight { get; init; } = 0.15;
    /// <summary>Keep each unknown word's candidate list for the process (bounded): OCR repeats its errors across a corpus. Off for honest speed figures.</summary>
    public bool CacheCandidates { get; init; } = true;
    /// <summary>When set, each pass's time is added to it (`benchmark cleanup` prints where the time goes); null: not timed.</summary>
    public PassTimes? Times { get; init; }
}

/// <summary>Time spent in each cleanup pass (and in choosing among the proposals), summed over documents and rounds; thread-safe.</summary>
public sealed class PassTimes
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);

    public void Add(string pass, long stopwatchTicks) => _ticks.AddOrUpdate(pass, stopwatchTicks, (_, t) => t + stopwatchTicks);

    /// <summary>Seconds per pass, largest first.</summary>
    public IReadOnlyList<(string Pass, double Seconds)> Seconds() =>
        [.. _ticks.Select(kv => (kv.Key, kv.Value / (double)System.Diagnostics.Stopwatch.Frequency)).OrderByDescending(x => x.Item2)];
}

/// <summary>One pass of the cleaner: looks at the input text and proposes changes (offsets in the input).</summary>
public interface ICleanupPass
{
    CleanupPasses Pass { get; }
    void Propose(CleanupContext context);
}

/// <summary>
/// The OCR cleanup stage: runs the passes over the input text, each proposing non-overlapping changes with a kind
/// and a confidence, keeps the most confident of overlapping proposals, applies those above the threshold in one
/// step (so every <see cref="Correction"/> points into the input as read) and logs the rest as suggestions.
/// Stateless apart from the shared read-only lexicon and data: safe to use from many threads.
/// </summary>
public sealed class OcrCleaner : ICleaner, Review.IDocumentCleaner
{
    public static OcrCleaner Instance => s_instance.Value;
    private static readonly Lazy<OcrCleaner> s_instance = new(() => new OcrCleaner());

    private readonly ICleanupPass[] _passes;
    public CleanupOptions Options { get; }
    public Lexicon Lexicon { get; }

    public OcrCleaner(CleanupOptions? options = null, Lexicon? lexicon = null)
    {
        Options = options ?? CleanupOptions.Default;
        Lexicon = lexicon ?? Lexicon.Shared;
        _passes =
        [
            new Dehyphenation(), new TokenGrammars(), new Punctuation(), new Speller(), new ContextRules(),
        ];
    }

    /// <summary>At most this many rounds run; a text still changing after them is returned as it is.</summary>
    public const int MaxRounds = 4;

    public CleanResult Clean(string text) => Clean(text, null);

    /// <summary>
    /// Cleans a document's text using its OCR word confidences as evidence (<see cref="WeighByOcrConfidence"/>); the
    /// same as <see cref="Clean(string)"/> for documents without OCR words.
    /// </summary>
    public CleanResult Clean(SourceDocument source) =>
        Clean(source.Text, source.Words.Any(w => w.Confidence >= 0) ? source.MinConfidence : null);

    private CleanResult Clean(string text, Func<int, int, float?>? ocrConfidence)
    {
        // Round 1 on the input; each later round on the text the rounds so far produced, until a round applies
        // nothing. Passes look at their own input only (a joined line break hides the word it joined from the
        // speller), so a fixed point is what makes cleaning a cleaned text change nothing. Changes of later rounds
        // are folded into input-offset corrections (merged with the earlier ones they touch), so the result is
        // one edit stage over the input and every correction's Original is the input as read.
        var applied = new List<Correction>();
        var memo = new CleanupMemo();
        string current = text;
        EditMap map = EditMap.Identity;
        List<Correction> suggestions = [];
        for (int round = 1; round <= MaxRounds; round++)
        {
            // OCR confidences are by input offset: later rounds look them up through the map so far.
            var mapSoFar = map;
            Func<int, int, float?>? confidence = ocrConfidence is null ? null
                : (from, to) => { var (i, j) = mapSoFar.ToSource(from, to); return ocrConfidence(i, Math.Max(j, i + 1)); };
            var chosen = Propose(current, confidence, memo);
            var now = chosen.Where(c => c.Applied).ToList();
            suggestions = chosen.Where(c => !c.Applied).ToList();
            if (now.Count == 0) break;
            (memo.EditsSinceCounts, memo.EditedText) = (now, current);   // the next round's word counts follow from these (CleanupContext.DocumentCounts)
            applied = round == 1 ? now : Fold(text, current, map, applied, now);
            (current, map) = EditMap.Apply(text, applied.Select(c => new TextEdit(c.Start, c.End, c.Corrected)));
            if (round == MaxRounds) suggestions = [];
        }
        // Suggestions of the last round: kept where they lie in text no applied change touched (same offsets there).
        var log = new List<Correction>(applied);
        foreach (var s in suggestions)
        {
            var (a, b) = map.ToSource(s.Start, s.End);
            if (b - a != s.End - s.Start || applied.Any(c => Touch(a, b, c.Start, c.End))) continue;
            if (string.CompareOrdinal(text, a, s.Original, 0, s.Original.Length) != 0) continue;
            log.Add(s with { Start = a, End = b });
        }
        log.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.End.CompareTo(y.End));
        return new CleanResult(current, map, log);
    }

    private List<Correction> Propose(string text, Func<int, int, float?>? ocrConfidence, CleanupMemo memo)
    {
        var ctx = new CleanupContext(text, Lexicon, CleanupData.Shared, ConfusionModel.Shared, Options) { Memo = memo };
        var times = Options.Times;
        long t0 = times is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var pass in _passes)
        {
            if ((Options.Passes & pass.Pass) == 0) continue;
            pass.Propose(ctx);
            if (times is null) continue;
            long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
            times.Add(pass.GetType().Name, t1 - t0);
            t0 = t1;
        }
        var proposals = ocrConfidence is null ? ctx.Proposals : ctx.Proposals.Select(p => WeighByOcrConfidence(p, ocrConfidence(p.Start, Math.Max(p.End, p.Start + 1)), Options)).ToList();
        var chosen = Resolve(proposals, Options, text.Length);
        times?.Add("choosing among proposals", System.Diagnostics.Stopwatch.GetTimestamp() - t0);
        return chosen;
    }

    /// <summary>
    /// Tesseract's confidence in the words a proposal changes, as evidence for or against it: below
    /// <see cref="CleanupOptions.LowOcrConfidence"/> the engine itself doubted its reading, so a fix gains up to
    /// <see cref="CleanupOptions.OcrConfidenceWeight"/>; at or above <see cref="CleanupOptions.HighOcrConfidence"/> it was
    /// sure, so a fix loses up to that much. Only for fixes of misread characters (lexicon, confusion, gazetteer, context,
    /// token grammars), not for line-break, spacing or punctuation changes, which recognition confidence says nothing
    /// about. The reason records the OCR confidence.
    /// </summary>
    public static Correction WeighByOcrConfidence(Correction p, float? ocrConfidence, CleanupOptions options)
    {
        if (ocrConfidence is not { } ocr || ocr < 0 || !IsRecognitionFix(p.Kind)) return p;
        double shift = 0;
        if (ocr < options.LowOcrConfidence)
            shift = options.OcrConfidenceWeight * (options.LowOcrConfidence - ocr) / options.LowOcrConfidence;
        else if (ocr >= options.HighOcrConfidence)
            shift = -options.OcrConfidenceWeight * (ocr - options.HighOcrConfidence + 1) / (100 - options.HighOcrConfidence + 1);
        if (shift == 0) return p;
        string note = $"OCR confidence {ocr.ToString("0", System.Globalization.CultureInfo.InvariantCulture)}";
        return p with { Confidence = Math.Clamp(p.Confidence + shift, 0, 1), Reason = p.Reason.Length == 0 ? note : $"{p.Reason}; {note}" };
    }

    private static bool IsRecognitionFix(string kind) =>
        kind is "lexicon" or "confusion" or "gazetteer" or "context" || kind.StartsWith("grammar.", StringComparison.Ordinal);

    // Folds the changes a later round applied to `current` (made from `input` by `earlier` through `map`) into
    // input-offset corrections: each later change takes the input span it came from, merged with the earlier
    // corrections it touches; the merged correction's text is `current` there with the later changes applied.
    private static List<Correction> Fold(string input, string current, EditMap map, List<Correction> earlier, List<Correction> later)
    {
        var groups = new List<(int Start, int End, List<Correction> Later, List<Correction> Earlier)>();
        var pending = earlier.ToList();
        foreach (var c in later.OrderBy(c => c.Start))
        {
            var (a, b) = map.ToSource(c.Start, c.End);
            var group = (Start: a, End: b, Later: new List<Correction> { c }, Earlier: new List<Correction>());
            // Absorb earlier corrections and groups that touch this span until nothing more does.
            for (bool grew = true; grew;)
            {
                grew = false;
                for (int i = pending.Count - 1; i >= 0; i--)
                {
                    var e = pending[i];
                    if (!Touch(group.Start, group.End, e.Start, e.End)) continue;
                    group.Start = Math.Min(group.Start, e.Start); group.End = Math.Max(group.End, e.End);
                    group.Earlier.Add(e); pending.RemoveAt(i); grew = true;
                }
                for (int i = groups.Count - 1; i >= 0; i--)
                {
                    var g = groups[i];
                    if (!Touch(group.Start, group.End, g.Start, g.End)) continue;
                    group.Start = Math.Min(group.Start, g.Start); group.End = Math.Max(group.End, g.End);
                    group.Later.AddRange(g.Later); group.Earlier.AddRange(g.Earlier); groups.RemoveAt(i); grew = true;
                }
            }
            groups.Add(group);
        }
        var result = pending;
        foreach (var g in groups)
        {
            var (cs, ce) = map.ToEdited(g.Start, g.End);
            var sb = new System.Text.StringBuilder();
            int pos = cs;
            foreach (var c in g.Later.OrderBy(c => c.Start))
            {
                sb.Append(current, pos, c.Start - pos).Append(c.Corrected);
                pos = c.End;
            }
            sb.Append(current, pos, ce - pos);
            string original = input[g.Start..g.End], corrected = sb.ToString();
            if (original == corrected) continue;   // a later round undid an earlier change
            var all = g.Earlier.OrderBy(c => c.Start).Concat(g.Later.OrderBy(c => c.Start)).ToList();
            string kind = string.Join("+", all.Select(c => c.Kind).Distinct());
            result.Add(new Correction(g.Start, g.End, original, corrected, kind,
                all.Min(c => c.Confidence), true, string.Join("; then ", all.Select(c => c.Reason).Where(r => r.Length > 0).Distinct())));
        }
        result.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.End.CompareTo(y.End));
        return result;
    }

    // Spans that overlap or meet with a zero-length one at the same place (an insertion next to a change).
    private static bool Touch(int a1, int b1, int a2, int b2) =>
        a1 < Math.Max(b2, a2 + 1) && a2 < Math.Max(b1, a1 + 1);

    // Most confident first; a proposal overlapping one already kept is dropped. Applied when above the threshold.
    private static List<Correction> Resolve(List<Correction> proposals, CleanupOptions options, int length)
    {
        var kept = new List<Correction>();
        var taken = new System.Collections.BitArray(length + 1);
        foreach (var p in proposals.OrderByDescending(p => p.Confidence).ThenBy(p => p.Start))
        {
            if (p.Confidence < options.SuggestThreshold) continue;
            bool overlaps = false;
            for (int i = p.Start; i < Math.Max(p.End, p.Start + 1) && !overlaps; i++) overlaps = taken[i];
            if (overlaps) continue;
            for (int i = p.Start; i < Math.Max(p.End, p.Start + 1); i++) taken[i] = true;
            kept.Add(p with { Applied = p.Confidence >= options.ApplyThreshold });
        }
        kept.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        return kept;
    }
}

/// <summary>What every pass sees: the input text, the shared lexicon and data, the document's word counts, and the proposals so far.</summary>
public sealed class CleanupContext
{
    public string Text { get; }
    public Lexicon Lexicon { get; }
    public CleanupData Data { get; }
    public ConfusionModel Channel { get; }
    public CleanupOptions Options { get; }
    public List<Correction> Proposals { get; } = [];
    /// <summary>
    /// Work the rounds of one <see cref="OcrCleaner.Clean(string)"/> share: the next round sees mostly the same
    /// words, and a word's candidates depend only on the word and the shared data.
    /// </summary>
    internal CleanupMemo Memo { get; init; } = new();
    private readonly Dictionary<(int, int), string> _byspan = [];
    private System.Collections.BitArray? _covered;
    private Dictionary<string, int>? _counts;

    public CleanupContext(string text, Lexicon lexicon, CleanupData data, ConfusionModel channel, CleanupOptions options)
    {
        Text = text; Lexicon = lexicon; Data = data; Channel = channel; Options = options;
    }

    /// <summary>How often a lower-cased word occurs in this document (plus the batch, when the options carry its counts).</summary>
    public int CountOf(string lower)
    {
        int n = DocumentCounts.GetValueOrDefault(lower);
        // The batch counts include this text once: only the other texts add evidence.
        if (Options.CorpusCounts is { } corpus)
            n += Math.Max(0, (lower.Contains(' ') ? corpus : CorpusWords).GetValueOrDefault(lower) - (n > 0 ? 1 : 0));
        return n;
    }

    // The batch counts hold words, word pairs and codes; single words are asked for far more often than pairs, and a
    // table of them alone is a fraction of the size (fewer cache misses per look-up). Built once per batch.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyDictionary<string, int>, Dictionary<string, int>> s_corpusWords = new();
    private Dictionary<string, int>? _corpusWords;

    private Dictionary<string, int> CorpusWords => _corpusWords ??= s_corpusWords.GetValue(Options.CorpusCounts!, corpus =>
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, count) in corpus) if (!key.Contains(' ')) words[key] = count;
        return words;
    });

    /// <summary>How often a lower-cased word occurs in this document alone (no batch).</summary>
    public int DocumentCountOf(string lower) => DocumentCounts.GetValueOrDefault(lower);

    /// <summary>The document's lower-cased words and how often each occurs (no batch).</summary>
    internal Dictionary<string, int> DocumentCounts => _counts ??= CountDocumentWords();

    // Round 1 counts the text; a later round updates the last round's counts where that round's changes fell (a
    // round changes a few dozen places of a text it would otherwise count again whole).
    private Dictionary<string, int> CountDocumentWords()
    {
        var memo = Memo;
        Dictionary<string, int> counts;
        (memo.RecountBase, memo.RecountTouched, memo.RecountEdits, memo.RecountBefore) = (null, null, null, null);
        if (memo.LastCounts is { } last && memo.LastCountsText is { } before && memo.EditsSinceCounts is { } edits && ReferenceEquals(before, memo.EditedText))
        {
            var touched = new List<string>();
            counts = Recount(last, before, edits, Text, touched);
            (memo.RecountBase, memo.RecountTouched, memo.RecountEdits, memo.RecountBefore) = (last, touched, edits, before);
        }
        else counts = PairsOfText().WordCounts();   // one scan of the text gives the round's word counts and the pairs
        memo.LastCounts = counts; memo.LastCountsText = Text; memo.EditsSinceCounts = null;
        return counts;
    }

    // The counts of `after` (= `before` with the non-overlapping `edits`, by `before` offsets) from those of `before`:
    // each edit widened to the letter runs it touches (edits that touch one region merge), those runs uncounted and
    // the region's new text counted. Outside the regions both texts are the same and split the same way. `touched`
    // receives the words counted in the regions (the only ones whose count can differ; a word may come twice).
    public static Dictionary<string, int> Recount(Dictionary<string, int> counts, string before, List<Correction> edits, string after, List<string>? touched = null)
    {
        var result = new Dictionary<string, int>(counts, StringComparer.Ordinal);
        var lookup = result.GetAlternateLookup<ReadOnlySpan<char>>();
        int shift = 0, k = 0;
        var ordered = edits.OrderBy(e => e.Start).ThenBy(e => e.End).ToList();
        while (k < ordered.Count)
        {
            int a = ordered[k].Start, b = ordered[k].End, delta = ordered[k].Corrected.Length - (b - a);
            while (a > 0 && char.IsLetter(before[a - 1])) a--;
            while (b < before.Length && char.IsLetter(before[b])) b++;
            k++;
            while (k < ordered.Count)
            {
                int na = ordered[k].Start;
                while (na > 0 && char.IsLetter(before[na - 1])) na--;
                if (na > b) break;
                b = Math.Max(b, ordered[k].End);
                while (b < before.Length && char.IsLetter(before[b])) b++;
                delta += ordered[k].Corrected.Length - (ordered[k].End - ordered[k].Start);
                k++;
            }
            AddWords(lookup, before.AsSpan(a, b - a), -1, touched);
            AddWords(lookup, after.AsSpan(a + shift, b - a + delta), +1, touched);
            shift += delta;
        }
        if (touched is null) { foreach (var (word, n) in result) if (n == 0) result.Remove(word); }
        else foreach (var word in touched) if (result.TryGetValue(word, out int n) && n == 0) result.Remove(word);   // (only these changed)
        return result;
    }

    // Adds `sign` for each lower-cased letter run of `text` (runs over 64 letters are no words and not counted).
    private static void AddWords(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> counts, ReadOnlySpan<char> text, int sign, List<string>? touched = null)
    {
        Span<char> buf = stackalloc char[64];
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i])) { i++; continue; }
            int s = i;
            while (i < text.Length && char.IsLetter(text[i])) i++;
            if (i - s > 64) continue;
            var w = buf[..(i - s)];
            text.Slice(s, i - s).ToLowerInvariant(w);
            CollectionsMarshal.GetValueRefOrAddDefault(counts, w, out _) += sign;   // one look-up
            if (touched is not null && counts.TryGetValue(w, out string? key, out _)) touched.Add(key);
        }
    }

    /// <summary>The document's distinct lower-cased words.</summary>
    public IEnumerable<string> DocumentWords => DocumentCounts.Keys;

    /// <summary><see cref="CountOf(string)"/> for a lower-cased span, without allocating.</summary>
    public int CountOf(ReadOnlySpan<char> lower)
    {
        _countsLookup ??= DocumentCounts.GetAlternateLookup<ReadOnlySpan<char>>();
        int n = _countsLookup.Value.TryGetValue(lower, out var c) ? c : 0;
        if (Options.CorpusCounts is { } corpus)
        {
            int m;
            if (lower.Contains(' ')) m = corpus.GetValueOrDefault(lower.ToString());
            else
            {
                _corpusLookup ??= CorpusWords.GetAlternateLookup<ReadOnlySpan<char>>();
                m = _corpusLookup.Value.TryGetValue(lower, out var x) ? x : 0;
            }
            n += Math.Max(0, m - (n > 0 ? 1 : 0));
        }
        return n;
    }

    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>? _corpusLookup;

    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>? _countsLookup;
    private DocumentPairs? _pairs;

    /// <summary>
    /// How often two lower-cased words stand next to each other (only whitespace between) in this document, plus the
    /// number of the batch's other texts where they do (batch keys "first second" in <see cref="CleanupOptions.CorpusCounts"/>).
    /// </summary>
    public int BigramCountOf(string first, string second)
    {
        _pairs ??= Memo.Pairs ??= PairsOfText();   // the first round's pairs serve the later rounds (cost)
        int n = _pairs.Count(first, second);
        if (Options.CorpusCounts is { } corpus) n += Math.Max(0, CorpusPairCount(corpus, first, second) - (n > 0 ? 1 : 0));
        return n;
    }

    // The batch's count of the key "first second", built in a buffer rather than as a string (asked per word pair).
    private int CorpusPairCount(IReadOnlyDictionary<string, int> corpus, string first, string second)
    {
        int length = first.Length + 1 + second.Length;
        if (length > 2 * 64 + 1) return corpus.GetValueOrDefault(first + " " + second);
        if (_corpusPairs is null)
        {
            if (corpus is not Dictionary<string, int> d || !d.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup))
                return corpus.GetValueOrDefault(first + " " + second);
            _corpusPairs = lookup;
        }
        Span<char> key = stackalloc char[length];
        first.CopyTo(key);
        key[first.Length] = ' ';
        second.CopyTo(key[(first.Length + 1)..]);
        return _corpusPairs.Value.TryGetValue(key, out var n) ? n : 0;
    }

    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>? _corpusPairs;

    // The word and pair table of this very text (the document's words are counted from it too): built once per text.
    private DocumentPairs PairsOfText() =>
        Memo.ScannedPairs is { } p && ReferenceEquals(p.Text, Text) ? p : Memo.ScannedPairs = DocumentPairs.Of(Text);

    /// <summary>Adjacent word pairs (lower-cased letter runs with only whitespace between them) and their counts.</summary>
    public static Dictionary<(string, string), int> CountBigrams(string text)
    {
        var counts = new Dictionary<(string, string), int>();
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buf = stackalloc char[64];
        string? prev = null;
        int prevEnd = -1, i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i])) { i++; continue; }
            int s = i;
            while (i < text.Length && char.IsLetter(text[i])) i++;
            if (i - s > 64) { prev = null; continue; }
            var w = buf[..(i - s)];
            text.AsSpan(s, i - s).ToLowerInvariant(w);
            if (!lookup.TryGetValue(w, out var word)) { word = w.ToString(); words[word] = word; }
            bool adjacent = prev is not null && s - prevEnd is >= 1 and <= 3 && text.AsSpan(prevEnd, s - prevEnd).IsWhiteSpace();
            if (adjacent) CollectionsMarshal.GetValueRefOrAddDefault(counts, (prev!, word), out _)++;
            prev = word; prevEnd = i;
        }
        return counts;
    }

    /// <summary>
    /// Document frequencies over a batch (lower-cased word, and word pair "first second" -> number of texts containing it), for
    /// <see cref="CleanupOptions.CorpusCounts"/>: one streaming pass, memory proportional to the vocabulary.
    /// </summary>
    public static Dictionary<string, int> DocumentFrequencies(IEnumerable<string> texts)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = df.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> pair = stackalloc char[2 * 64 + 1];   // letter runs longer than 64 are not counted
        foreach (var text in texts)
        {
            // Words and pairs from one scan (the table the cleaner builds per document, as CountWords and CountBigrams count).
            var doc = DocumentPairs.Of(text);
            for (int id = 0; id < doc.DistinctWords; id++)
                CollectionsMarshal.GetValueRefOrAddDefault(df, doc.WordAt(id), out _)++;
            // Word pairs as "first second": the context a real-word error is judged by. The key is built in a buffer
            // and becomes a string only the first time the batch meets the pair.
            foreach (var (a, b) in doc.Pairs())
            {
                var key = pair[..(a.Length + 1 + b.Length)];
                a.CopyTo(key);
                key[a.Length] = ' ';
                b.CopyTo(key[(a.Length + 1)..]);
                CollectionsMarshal.GetValueRefOrAddDefault(lookup, key, out _)++;
            }
            // Codes as written (MRI, IgM, B12): case-sensitive keys with a capital, so they never meet a word's key.
            foreach (var code in TokenGrammars.CountCodes(text).Keys)
                CollectionsMarshal.GetValueRefOrAddDefault(df, code, out _)++;
            // Hyphenated compounds as "first-", "-second", "first-second": the places compound parts are judged by.
            foreach (var key in CompoundParts.Count(text).Keys)
                CollectionsMarshal.GetValueRefOrAddDefault(df, key, out _)++;
        }
        return df;
    }

    public static Dictionary<string, int> CountWords(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        AddWords(counts.GetAlternateLookup<ReadOnlySpan<char>>(), text, +1);
        return counts;
    }

    public void Propose(int start, int end, string corrected, string kind, double confidence, string reason = "")
    {
        string original = Text[start..end];
        if (original == corrected) return;
        Proposals.Add(new Correction(start, end, original, corrected, kind, Math.Clamp(confidence, 0, 1), false, reason));
        _byspan[(start, end)] = corrected;
        _covered ??= new System.Collections.BitArray(Text.Length + 1);
        for (int i = start; i < Math.Max(end, start + 1); i++) _covered[i] = true;
    }

    /// <summary>The correction an earlier pass proposed for exactly this span, if any.</summary>
    public string? ProposedAt(int start, int end) =>
        _covered is null || !_covered[start] ? null : _byspan.GetValueOrDefault((start, end));

    /// <summary>Whether an earlier proposal touches [start, end).</summary>
    public bool Overlaps(int start, int end)
    {
        if (_covered is null) return false;
        for (int i = start; i < Math.Max(end, start + 1); i++) if (_covered[i]) return true;
        return false;
    }
}

/// <summary>Candidate lists of one document's words, computed once for all rounds of the fixed point (not kept across documents).</summary>
internal sealed class CleanupMemo
{
    public readonly Dictionary<string, Dictionary<string, Candidate>> Words = new(StringComparer.Ordinal);
    public readonly Dictionary<string, Dictionary<string, Candidate>> Names = new(StringComparer.Ordinal);
    /// <summary>Candidates two edits away of long words with none one edit away.</summary>
    public readonly Dictionary<string, Dictionary<string, Candidate>> TwoEdits = new(StringComparer.Ordinal);
    /// <summary>The document's word pairs (first round's text), for the neighbour evidence of every round.</summary>
    public DocumentPairs? Pairs;
    /// <summary>The words and pairs of the last text scanned for them (its word counts come from the same scan).</summary>
    public DocumentPairs? ScannedPairs;
    /// <summary>The known words of the document (when there is no batch), for the two-edit search.</summary>
    public AffixFilter? Vocabulary;
    /// <summary>How often the neighbour context ran, and the word counts of its last run.</summary>
    public int NeighbourRuns;
    public Dictionary<string, int>? NeighbourCounts;
    /// <summary>The neighbour context's other per-document state (its own type).</summary>
    public object? NeighbourState;
    /// <summary>When the last word counts (of <see cref="LastCountsText"/>) came from <see cref="CleanupContext.Recount"/>: the
    /// counts it started from, the words it touched, and the edits that made the text from the text before.</summary>
    public Dictionary<string, int>? RecountBase;
    public List<string>? RecountTouched;
    public List<Correction>? RecountEdits;
    public string? RecountBefore;
    /// <summary>The word counts of the last round that counted, its text, and the changes applied to that text since.</summary>
    public Dictionary<string, int>? LastCounts;
    public string? LastCountsText;
    public List<Correction>? EditsSinceCounts;
    public string? EditedText;
    /// <summary>Readings of tokens with split glyphs (l;he), by the lower-cased token.</summary>
    public readonly Dictionary<string, List<(string Word, double P)>> Glyphs = new(StringComparer.Ordinal);
    /// <summary>The document's codes (first round's text) and their counts, for the code grammar.</summary>
    public Dictionary<string, int>? Codes;
    /// <summary>The document's hyphenated compounds (first round's text), for <see cref="CompoundParts"/>.</summary>
    public Dictionary<string, int>? Compounds;
    /// <summary>The code grammar's best candidate per token (it depends on the token, <see cref="Codes"/> and the batch only).</summary>
    public readonly Dictionary<string, (string? Best, double Score, double Second, int Doc, int Batch)> CodeChoices = new(StringComparer.Ordinal);
    /// <summary>The starts of the codes the code grammar's candidates may become (TokenGrammars.CodeAffixes of the document).</summary>
    public object? CodeAffixes;
    /// <summary>Code-like tokens (as trimmed) that the code grammar found nothing in by the token alone.</summary>
    public readonly SpanSet QuietCodes = new();
    /// <summary>Tokens after numbers (a hyphen before the token kept) that the unit grammar found nothing in by the token alone.</summary>
    public readonly SpanSet QuietUnits = new();
    /// <summary>The unit grammar's best reading per unit-like token and number of confusions (shared data only).</summary>
    public readonly Dictionary<(string Token, int Edits), (string? Best, double P, double Second)> UnitChoices = [];
    /// <summary>Readings of compound parts by part and place (second part or first), for <see cref="CompoundParts"/>.</summary>
    public readonly Dictionary<(string Part, bool Second), Dictionary<string, Candidate>> CompoundCandidates = [];
}

/// <summary>
/// Adjacent word pairs of one text as <see cref="CleanupContext.CountBigrams"/> counts them, keyed by word numbers
/// (one string hash per word of the text instead of two per pair): the speller and the neighbour context ask it often.
/// </summary>
internal sealed class DocumentPairs
{
    // Every word of a text is looked up once and every pair counted: open-addressing tables on the words' own hash
    // (computed while the word is lower-cased) and on the pairs' numbers cost less than two dictionaries.
    private int[] _slots = new int[256];        // word number + 1 by hash slot; 0: empty
    private string[] _words = new string[64];   // by number, in first-occurrence order
    private int[] _hashes = new int[64];
    private int[] _uses = new int[64];          // occurrences of each word, by number
    private int _wordCount;
    private long[] _pairKeys = new long[256];   // (first << 32 | second) + 1; 0: empty
    private int[] _pairCounts = new int[256];
    private int _pairCount;

    /// <summary>The text the pairs were counted in.</summary>
    public string Text { get; }

    private DocumentPairs(string text) => Text = text;

    public static DocumentPairs Of(string text)
    {
        var pairs = new DocumentPairs(text);
        Span<char> buf = stackalloc char[64];
        int prev = -1, prevEnd = -1, i = 0, n = text.Length;
        while (i < n)
        {
            char c = text[i];
            if (c < 128 ? (uint)((c | 0x20) - 'a') > 'z' - 'a' : !char.IsLetter(c)) { i++; continue; }
            int s = i;
            // ASCII letters are lower-cased and hashed on the way; a run with another letter is lower-cased as a span.
            uint h = HashBits.Seed;
            bool ascii = true;
            for (; i < n; i++)
            {
                c = text[i];
                if (c < 128)
                {
                    char lower = (char)(c | 0x20);
                    if ((uint)(lower - 'a') > 'z' - 'a') break;
                    if (i - s < 64) buf[i - s] = lower;
                    h = HashBits.Step(h, lower);
                }
                else if (char.IsLetter(c)) ascii = false;
                else break;
            }
            if (i - s > 64) { prev = -1; continue; }
            var w = buf[..(i - s)];
            if (!ascii)
            {
                text.AsSpan(s, i - s).ToLowerInvariant(w);
                h = Hash(w);
            }
            int id = pairs.Add(w, (int)h);
            bool adjacent = prev >= 0 && s - prevEnd is >= 1 and <= 3 && text.AsSpan(prevEnd, s - prevEnd).IsWhiteSpace();
            if (adjacent) pairs.AddPair(((long)prev << 32) | (uint)id);
            prev = id; prevEnd = i;
        }
        return pairs;
    }

    // FNV-1a over the lower-cased word (HashBits' steps; the table mixes it further).
    private static uint Hash(ReadOnlySpan<char> w)
    {
        uint h = HashBits.Seed;
        foreach (char c in w) h = HashBits.Step(h, c);
        return h;
    }

    // The number of the word `w` (hash `h`), counting this occurrence; a new word gets the next number.
    private int Add(ReadOnlySpan<char> w, int h)
    {
        int mask = _slots.Length - 1;
        for (int k = Mix(h) & mask; ; k = (k + 1) & mask)
        {
            int slot = _slots[k];
            if (slot == 0)
            {
                int id = _wordCount++;
                if (id == _words.Length)
                {
                    Array.Resize(ref _words, id * 2); Array.Resize(ref _hashes, id * 2); Array.Resize(ref _uses, id * 2);
                }
                _words[id] = w.ToString(); _hashes[id] = h; _uses[id] = 1;
                _slots[k] = id + 1;
                if (_wordCount * 2 > _slots.Length) GrowWords();
                return id;
            }
            if (_hashes[slot - 1] == h && w.SequenceEqual(_words[slot - 1])) { _uses[slot - 1]++; return slot - 1; }
        }
    }

    private int Find(string w)
    {
        int h = (int)Hash(w), mask = _slots.Length - 1;
        for (int k = Mix(h) & mask; ; k = (k + 1) & mask)
        {
            int slot = _slots[k];
            if (slot == 0) return -1;
            if (_hashes[slot - 1] == h && string.Equals(w, _words[slot - 1], StringComparison.Ordinal)) return slot - 1;
        }
    }

    private static int Mix(int h) => (int)((uint)h * 2654435769u >> 7);

    private void GrowWords()
    {
        _slots = new int[_slots.Length * 2];
        int mask = _slots.Length - 1;
        for (int id = 0; id < _wordCount; id++)
        {
            int k = Mix(_hashes[id]) & mask;
            while (_slots[k] != 0) k = (k + 1) & mask;
            _slots[k] = id + 1;
        }
    }

    private void AddPair(long key)
    {
        int mask = _pairKeys.Length - 1;
        for (int k = PairSlot(key) & mask; ; k = (k + 1) & mask)
        {
            if (_pairKeys[k] == key + 1) { _pairCounts[k]++; return; }
            if (_pairKeys[k] != 0) continue;
            _pairKeys[k] = key + 1; _pairCounts[k] = 1;
            if (++_pairCount * 2 > _pairKeys.Length) GrowPairs();
            return;
        }
    }

    private static int PairSlot(long key) => (int)((ulong)(key * -7046029254386353131L) >> 40);

    private void GrowPairs()
    {
        var (keys, counts) = (_pairKeys, _pairCounts);
        _pairKeys = new long[keys.Length * 2]; _pairCounts = new int[keys.Length * 2];
        int mask = _pairKeys.Length - 1;
        for (int j = 0; j < keys.Length; j++)
        {
            if (keys[j] == 0) continue;
            int k = PairSlot(keys[j] - 1) & mask;
            while (_pairKeys[k] != 0) k = (k + 1) & mask;
            _pairKeys[k] = keys[j]; _pairCounts[k] = counts[j];
        }
    }

    /// <summary>The number of distinct words; <see cref="WordAt"/> gives them in first-occurrence order.</summary>
    public int DistinctWords => _wordCount;

    public string WordAt(int id) => _words[id];

    /// <summary>The distinct adjacent pairs (in table order, not text order).</summary>
    public IEnumerable<(string First, string Second)> Pairs()
    {
        for (int k = 0; k < _pairKeys.Length; k++)
        {
            long key = _pairKeys[k] - 1;
            if (key < 0) continue;
            yield return (_words[(int)(key >> 32)], _words[(int)(uint)key]);
        }
    }

    /// <summary>How often each lower-cased word occurs (as <see cref="CleanupContext.CountWords"/> counts, in the same order).</summary>
    public Dictionary<string, int> WordCounts()
    {
        var counts = new Dictionary<string, int>(_wordCount, StringComparer.Ordinal);
        for (int id = 0; id < _wordCount; id++) counts[_words[id]] = _uses[id];
        return counts;
    }

    public int Count(string first, string second)
    {
        int a = Find(first);
        if (a < 0) return 0;
        int b = Find(second);
        if (b < 0) return 0;
        long key = ((long)a << 32) | (uint)b;
        int mask = _pairKeys.Length - 1;
        for (int k = PairSlot(key) & mask; ; k = (k + 1) & mask)
        {
            if (_pairKeys[k] == key + 1) return _pairCounts[k];
            if (_pairKeys[k] == 0) return 0;
        }
    }
}

/// <summary>A set of strings that is asked with spans (no string for the question).</summary>
internal sealed class SpanSet
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    public SpanSet() => _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
    public bool Contains(ReadOnlySpan<char> s) => _lookup.Contains(s);
    public void Add(string s) => _set.Add(s);
}
