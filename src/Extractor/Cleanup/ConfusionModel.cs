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
    public const double Smoothing = 20;
    public const double GenericSubstitution = 0.004;
    public const double GenericDeletion = 0.006;     // the page had no such character (a speck read as a letter)
    public const double GenericInsertion = 0.004;    // a character was lost
    public const double GenericTransposition = 0.002;
    public const double InitialInsertion = 0.012;    // a word's first letter lost (faint or cut at the margin)

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
    }

    private static double P(double weight) => weight / (weight + Smoothing);

    /// <summary>P(observed | intended) for one table edit, or 0 when the table does not list it.</summary>
    public double Probability(string observed, string intended) => _pair.GetValueOrDefault((observed, intended));

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

    /// <summary>
    /// Candidates within two table edits or one generic edit of <paramref name="observed"/> that <paramref name="accept"/>
    /// keeps; the best channel probability per word. Work is linear in the word length times the table size.
    /// </summary>
    public Dictionary<string, Candidate> Candidates(string observed, Func<string, bool> accept, string alphabet = "abcdefghijklmnopqrstuvwxyz")
    {
        var found = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        void Offer(string w, double p, int edits, bool generic)
        {
            if (w.Length == 0 || w == observed) return;
            if (found.TryGetValue(w, out var old) && old.Channel >= p) return;
            if (!accept(w)) return;
            found[w] = new Candidate(w, p, edits, generic);
        }
        var first = TableEdits(observed).ToList();
        foreach (var (w, p) in first)
        {
            Offer(w, p, 1, false);
            foreach (var (w2, p2) in TableEdits(w)) Offer(w2, p * p2, 2, false);
        }
        // Generic edit distance 1 (symmetric-delete neighbourhood of the observed word, generated on the fly).
        for (int i = 0; i < observed.Length; i++)
        {
            Offer(observed.Remove(i, 1), GenericDeletion, 1, true);
            if (i + 1 < observed.Length && observed[i] != observed[i + 1])
            {
                var t = observed.ToCharArray();
                (t[i], t[i + 1]) = (t[i + 1], t[i]);
                Offer(new string(t), GenericTransposition, 1, true);
            }
            foreach (char c in alphabet)
                if (c != observed[i]) Offer(string.Concat(observed.AsSpan(0, i), [c], observed.AsSpan(i + 1)), GenericSubstitution, 1, true);
        }
        for (int i = 0; i <= observed.Length; i++)
            foreach (char c in alphabet) Offer(observed.Insert(i, c.ToString()), i == 0 ? InitialInsertion : GenericInsertion, 1, true);
        return found;
    }
}
