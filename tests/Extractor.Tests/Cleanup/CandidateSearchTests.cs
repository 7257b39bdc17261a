using Extractor.Cleanup;

namespace Extractor.Tests.Cleanup;

/// <summary>
/// The noisy channel's candidate search prunes by word starts and ends and reuses the observed word's table matches
/// for second edits: its result must be exactly that of trying every edit (words and channel probabilities).
/// </summary>
public class CandidateSearchTests
{
    private static readonly Confusion[] Table =
    [
        new("rn", "m", 30), new("m", "rn", 10), new("cl", "d", 20), new("li", "h", 15), new("ri", "n", 12),
        new("l", "i", 25), new("i", "l", 25), new("1", "l", 18), new("e", "c", 8), new("c", "e", 8),
        new("u", "n", 6), new("n", "u", 6), new("ii", "u", 9), new("vv", "w", 7), new("a", "", 3), new("", "e", 2),
    ];

    [Fact]
    public void Pruned_search_finds_exactly_what_every_edit_reaches()
    {
        var rng = new Random(20261127);
        var model = new ConfusionModel(Table);
        string[] stems = ["modern", "clinic", "light", "brain", "uterine", "illness", "mucosal", "renal", "dimension", "chloride", "lumen", "window"];
        var lexicon = new HashSet<string>(StringComparer.Ordinal);
        // Words, and words one or two edits from them, so that candidates exist at every distance.
        foreach (var s in stems)
        {
            lexicon.Add(s);
            foreach (var e in Edits(model, s).Take(6)) if (e.Word.Length >= 3) lexicon.Add(e.Word);
        }
        var affixes = new AffixFilter(lexicon, 10);
        bool Accept(ReadOnlySpan<char> w) => lexicon.Contains(w.ToString());
        int compared = 0, nonEmpty = 0;
        foreach (var stem in stems)
            for (int k = 0; k < 25; k++)
            {
                // An observed word: the stem with one to three random table or generic edits.
                string observed = stem;
                for (int j = rng.Next(1, 4); j > 0; j--)
                {
                    var edits = Edits(model, observed).ToList();
                    if (edits.Count > 0) observed = edits[rng.Next(edits.Count)].Word;
                }
                if (observed.Length == 0) continue;
                var pruned = model.Candidates(observed, Accept, affixes: affixes);
                var full = Reference(model, observed, lexicon);
                Assert.Equal(full.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key}={x.Value:R}"),
                             pruned.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key}={x.Value.Channel:R}"));
                compared++;
                if (full.Count > 0) nonEmpty++;
            }
        Assert.True(compared > 250 && nonEmpty > 50, $"{compared} words compared, {nonEmpty} with candidates");
    }

    // Every single table edit of a string, with its position and probability.
    private static IEnumerable<(string Word, int At, int Removed, double P)> TableEdits(ConfusionModel model, string w)
    {
        foreach (var c in model.Entries)
        {
            if (c.Observed.Length == 0) continue;
            double p = c.Weight / (c.Weight + ConfusionModel.Smoothing);
            for (int i = 0; i + c.Observed.Length <= w.Length; i++)
                if (string.CompareOrdinal(w, i, c.Observed, 0, c.Observed.Length) == 0)
                    yield return (w[..i] + c.Intended + w[(i + c.Observed.Length)..], i, c.Observed.Length, p);
        }
    }

    private static IEnumerable<(string Word, double P)> Edits(ConfusionModel model, string w)
    {
        foreach (var e in TableEdits(model, w)) yield return (e.Word, e.P);
        for (int i = 0; i < w.Length; i++) yield return (w.Remove(i, 1), ConfusionModel.GenericDeletion);
    }

    // Every string one generic edit or one or two table edits away (the second at or after the first's start),
    // in the lexicon, with its best probability.
    private static Dictionary<string, double> Reference(ConfusionModel model, string observed, HashSet<string> lexicon)
    {
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string w, double p)
        {
            if (w.Length == 0 || w == observed || !lexicon.Contains(w)) return;
            if (!best.TryGetValue(w, out var old) || p > old) best[w] = p;
        }
        foreach (var (w, at, removed, p) in TableEdits(model, observed))
        {
            Add(w, p);
            foreach (var (w2, at2, removed2, p2) in TableEdits(model, w))
                if (at2 + removed2 > at) Add(w2, p * p2);
        }
        const string alphabet = "abcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < observed.Length; i++)
        {
            Add(observed.Remove(i, 1), ConfusionModel.GenericDeletion);
            if (i + 1 < observed.Length && observed[i] != observed[i + 1])
                Add(observed[..i] + observed[i + 1] + observed[i] + observed[(i + 2)..], ConfusionModel.GenericTransposition);
            foreach (char c in alphabet)
                if (c != observed[i]) Add(observed[..i] + c + observed[(i + 1)..], ConfusionModel.GenericSubstitution);
        }
        for (int i = 0; i <= observed.Length; i++)
            foreach (char c in alphabet)
                Add(observed.Insert(i, c.ToString()), i == 0 ? ConfusionModel.InitialInsertion : ConfusionModel.GenericInsertion);
        return best;
    }
}
