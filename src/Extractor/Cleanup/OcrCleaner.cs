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
    /// <summary>Word counts of the batch the text belongs to (lower-cased), if known: a word frequent in the corpus is probably right.</summary>
    public IReadOnlyDictionary<string, int>? CorpusCounts { get; init; }
    /// <summary>OCR word confidence (0..100) below which a proposed fix of that word gains confidence (the engine itself was unsure).</summary>
    public float LowOcrConfidence { get; init; } = 60;
    /// <summary>OCR word confidence at or above which a proposed fix of that word loses confidence (the engine was sure).</summary>
    public float HighOcrConfidence { get; init; } = 95;
    /// <summary>Largest change OCR confidence makes to a proposal's confidence (at OCR confidence 0, or 100).</summary>
    public double OcrConfidenceWeight { get; init; } = 0.15;
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

    public CleanResult Clean(string text) => Clean(text, null);

    /// <summary>
    /// Cleans a document's text using its OCR word confidences as evidence (<see cref="WeighByOcrConfidence"/>); the
    /// same as <see cref="Clean(string)"/> for documents without OCR words.
    /// </summary>
    public CleanResult Clean(SourceDocument source) =>
        Clean(source.Text, source.Words.Any(w => w.Confidence >= 0) ? source.MinConfidence : null);

    private CleanResult Clean(string text, Func<int, int, float?>? ocrConfidence)
    {
        var ctx = new CleanupContext(text, Lexicon, CleanupData.Shared, ConfusionModel.Shared, Options);
        foreach (var pass in _passes)
            if ((Options.Passes & pass.Pass) != 0) pass.Propose(ctx);
        var proposals = ocrConfidence is null ? ctx.Proposals : ctx.Proposals.Select(p => WeighByOcrConfidence(p, ocrConfidence(p.Start, Math.Max(p.End, p.Start + 1)), Options)).ToList();
        var chosen = Resolve(proposals, Options, text.Length);
        var (clean, map) = EditMap.Apply(text, chosen.Where(c => c.Applied).Select(c => new TextEdit(c.Start, c.End, c.Corrected)));
        return new CleanResult(clean, map, chosen);
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
        _counts ??= CountWords(Text);
        int n = _counts.GetValueOrDefault(lower);
        if (Options.CorpusCounts is { } corpus) n += corpus.GetValueOrDefault(lower);
        return n;
    }

    public static Dictionary<string, int> CountWords(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buf = stackalloc char[64];
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i])) { i++; continue; }
            int s = i;
            while (i < text.Length && char.IsLetter(text[i])) i++;
            if (i - s > 64) continue;
            var w = buf[..(i - s)];
            text.AsSpan(s, i - s).ToLowerInvariant(w);
            lookup[w] = lookup.TryGetValue(w, out var n) ? n + 1 : 1;
        }
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
    public string? ProposedAt(int start, int end) => _byspan.GetValueOrDefault((start, end));

    /// <summary>Whether an earlier proposal touches [start, end).</summary>
    public bool Overlaps(int start, int end)
    {
        if (_covered is null) return false;
        for (int i = start; i < Math.Max(end, start + 1); i++) if (_covered[i]) return true;
        return false;
    }
}
