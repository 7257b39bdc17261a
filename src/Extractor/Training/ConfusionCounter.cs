using Extractor.Evaluation;

namespace Extractor.Training;

/// <summary>How often OCR read <see cref="Observed"/> where the text had <see cref="Intended"/> (equal strings: read right).</summary>
public readonly record struct ConfusionCount(string Observed, string Intended, long Count);

/// <summary>
/// Learns an OCR character confusion model from aligned OCR/gold text: both texts normalized (NFC, whitespace folded),
/// aligned by words then characters (<see cref="Alignment.OfText"/>), and every maximal run of differing characters
/// inside a word counted as one edit of 1-2 observed characters for 1-2 intended ones (rn->m, cl->d, 1->l, 0->O).
/// A lone deletion or insertion is counted with its neighbouring character (l->ll, ii->i) so both sides are non-empty.
/// Edits that touch a space (split or joined words) are left to the spacing repair and not counted; so are longer runs
/// (garbled words). Correct readings are counted too, for every intended string that also occurs in an edit,
/// so a reader can turn counts into P(observed | intended).
/// </summary>
public sealed class ConfusionCounter
{
    public const int MaxLength = 2;

    private readonly Dictionary<(string Observed, string Intended), long> _edits = new();
    // Occurrences of every 1- and 2-character string in gold words where OCR read them correctly.
    private readonly Dictionary<string, long> _correct = new(StringComparer.Ordinal);

    // Every 1- and 2-character string inside the OCR words: evidence about how often each observed string is fine.
    private readonly Dictionary<string, int> _observedStrings = new(StringComparer.Ordinal);

    public int Documents { get; private set; }

    /// <summary>How often the OCR texts added so far contain <paramref name="observed"/> (1-2 characters) inside a word.</summary>
    public int Occurrences(string observed) => _observedStrings.GetValueOrDefault(observed);

    /// <summary>Adds one document's OCR text and gold text (any whitespace; they are normalized here).</summary>
    public void Add(string ocr, string gold)
    {
        Documents++;
        string a = TextNormalizer.Normalize(ocr), b = TextNormalizer.Normalize(gold);
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] == ' ') continue;
            Note(a.Substring(i, 1));
            if (i + 1 < a.Length && a[i + 1] != ' ') Note(a.Substring(i, 2));
        }
        var al = Alignment.OfText(a, b);
        var blocks = al.Blocks;
        for (int k = 0; k < blocks.Count; k++)
        {
            var bl = blocks[k];
            if (bl.Tag == EditTag.Equal) { CountCorrect(b, bl.B1, bl.B2); continue; }
            // A maximal run of differing blocks.
            int k2 = k;
            while (k2 + 1 < blocks.Count && blocks[k2 + 1].Tag != EditTag.Equal) k2++;
            int a1 = bl.A1, a2 = blocks[k2].A2, b1 = bl.B1, b2 = blocks[k2].B2;
            k = k2;
            AddEdit(a, b, a1, a2, b1, b2);
        }
    }

    private void AddEdit(string a, string b, int a1, int a2, int b1, int b2)
    {
        if (a.AsSpan(a1, a2 - a1).Contains(' ') || b.AsSpan(b1, b2 - b1).Contains(' ')) return;
        if (a2 - a1 == 0 || b2 - b1 == 0)
        {
            // Attach the equal neighbour before (or else after) the edit, if it is a letter of the same word.
            if (a1 > 0 && b1 > 0 && a[a1 - 1] != ' ' && a[a1 - 1] == b[b1 - 1]) { a1--; b1--; }
            else if (a2 < a.Length && b2 < b.Length && a[a2] != ' ' && a[a2] == b[b2]) { a2++; b2++; }
            else return;
        }
        int la = a2 - a1, lb = b2 - b1;
        if (la > MaxLength || lb > MaxLength) return;
        var key = (a.Substring(a1, la), b.Substring(b1, lb));
        _edits[key] = _edits.GetValueOrDefault(key) + 1;
    }

    private void CountCorrect(string b, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (b[i] == ' ') continue;
            Bump(b.Substring(i, 1));
            if (i + 1 < end && b[i + 1] != ' ') Bump(b.Substring(i, 2));
        }
    }

    private void Note(string s) => _observedStrings[s] = _observedStrings.GetValueOrDefault(s) + 1;

    private void Bump(string s) => _correct[s] = _correct.GetValueOrDefault(s) + 1;

    /// <summary>The edits seen at least <paramref name="minCount"/> times, most frequent first.</summary>
    public List<ConfusionCount> Result(int minCount = 2) =>
        _edits.Where(e => e.Value >= minCount)
            .Select(e => new ConfusionCount(e.Key.Observed, e.Key.Intended, e.Value))
            .OrderByDescending(e => e.Count).ThenBy(e => e.Observed, StringComparer.Ordinal).ThenBy(e => e.Intended, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// How often each intended string of <paramref name="edits"/> was read correctly (observed = intended), so a reader
    /// can turn counts into P(observed | intended) = count(observed, intended) / (correct + sum of its edits).
    /// </summary>
    public List<ConfusionCount> CorrectReadings(IEnumerable<ConfusionCount> edits) =>
        edits.Select(e => e.Intended).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(s => new ConfusionCount(s, s, _correct.GetValueOrDefault(s)))
            .Where(c => c.Count > 0)
            .ToList();
}
