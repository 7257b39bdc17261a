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

    private readonly record struct Word(int Start, int End, string Text);

    public void Propose(CleanupContext ctx)
    {
        var words = Words(ctx);
        var byHead = ctx.Data.Collocations.GroupBy(c => c.Head.Split(' ')[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        for (int k = 1; k < words.Count; k++)
        {
            if (!byHead.TryGetValue(words[k].Text, out var colls)) continue;
            foreach (var (modifier, head) in colls)
            {
                var headParts = head.Split(' ');
                if (!HeadMatches(words, k, headParts)) continue;
                int mi = k - 1;
                if (Laterality.Contains(words[mi].Text) && !Laterality.Contains(modifier) && mi > 0) mi--;
                var w = words[mi];
                var modParts = modifier.Split(' ');
                string target = modParts[^1];
                if (string.Equals(w.Text, target, StringComparison.OrdinalIgnoreCase)) continue;
                if (w.Text.Length < 4 || !w.Text.All(char.IsLower) || Math.Abs(w.Text.Length - target.Length) > 1) continue;
                if (!WithinOneEdit(w.Text, target)) continue;
                // Only a known word is a real-word error; a non-word is the speller's.
                if (ctx.Lexicon.SourcesOf(w.Text) == LexiconSource.None) continue;
                ctx.Propose(w.Start, w.End, target, "context", 0.9, $"collocation \"{modifier} {head}\"");
            }
        }
    }

    private static bool HeadMatches(List<Word> words, int k, string[] head)
    {
        if (k + head.Length > words.Count) return false;
        for (int j = 0; j < head.Length; j++)
            if (!string.Equals(words[k + j].Text, head[j], StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    // Words with the corrections earlier passes proposed for them (so "nephrectomy" is seen through its OCR error).
    private static List<Word> Words(CleanupContext ctx)
    {
        string text = ctx.Text;
        var list = new List<Word>();
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i])) { i++; continue; }
            int s = i;
            while (i < text.Length && (char.IsLetter(text[i]) || text[i] is '!' or '|')) i++;
            string w = ctx.ProposedAt(s, i) ?? text[s..i];
            list.Add(new Word(s, i, w));
        }
        return list;
    }

    public static bool WithinOneEdit(string a, string b)
    {
        if (a == b) return true;
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        if (a.Length == b.Length) return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))
                                   || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)));
        return a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }
}
