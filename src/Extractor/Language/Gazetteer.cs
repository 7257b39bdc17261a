namespace Extractor.Language;

/// <summary>
/// A token trie of multi-word terms mapped to values (a canonical name, a class). Lookup walks tokens from a
/// position and returns the longest match, comparing case-insensitively and treating a hyphen between words like a
/// space, so "hand-foot syndrome" and "hand foot syndrome" hit the same entry.
/// </summary>
public sealed class Gazetteer<TValue>
{
    private sealed class Node
    {
        public Dictionary<string, Node>? Next;
        public TValue? Value;
        public bool HasValue;
    }

    private readonly Node _root = new();
    public int Count { get; private set; }

    public void Add(string term, TValue value)
    {
        var node = _root;
        foreach (var key in KeysOf(term))
        {
            node.Next ??= new Dictionary<string, Node>(StringComparer.OrdinalIgnoreCase);
            if (!node.Next.TryGetValue(key, out var child)) node.Next[key] = child = new Node();
            node = child;
        }
        if (!node.HasValue) Count++;
        node.Value = value;
        node.HasValue = true;
    }

    /// <summary>Keys of a term: its word/number tokens and its punctuation other than hyphens.</summary>
    public static IEnumerable<string> KeysOf(string term)
    {
        foreach (var t in Tokenizer.Tokenize(term))
        {
            if (t.Kind == TokenKind.LineBreak) continue;
            var s = t.TextOf(term);
            if (s is "-" or "‐" or "–") continue;
            yield return s;
        }
    }

    /// <summary>Longest entry starting at token <paramref name="index"/>; returns the number of tokens matched (0 if none).</summary>
    public int Match(string text, Token[] tokens, int index, out TValue? value, out int lastToken)
    {
        value = default;
        lastToken = -1;
        var node = _root;
        int matched = 0;
        for (int i = index; i < tokens.Length && node.Next is not null; i++)
        {
            var tok = tokens[i];
            if (tok.Kind == TokenKind.LineBreak) continue; // terms may break across lines
            var s = tok.TextOf(text);
            if (s is "-" or "‐" or "–") continue;
            if (!node.Next.TryGetValue(s, out var child)) break;
            node = child;
            if (node.HasValue)
            {
                value = node.Value;
                lastToken = i;
                matched = i - index + 1;
            }
        }
        return matched;
    }

    /// <summary>Every longest, non-overlapping match in a token range, left to right.</summary>
    public IEnumerable<(int FirstToken, int LastToken, TValue Value)> FindAll(string text, Token[] tokens, int from = 0, int to = -1)
    {
        if (to < 0) to = tokens.Length;
        for (int i = from; i < to; i++)
        {
            if ((i & 1023) == 0) Pipeline.DocumentDeadline.ThrowIfExpired(); // long documents: stop at the time limit
            if (tokens[i].Kind == TokenKind.LineBreak) continue;
            if (Match(text, tokens, i, out var v, out int last) > 0 && last < to)
            {
                yield return (i, last, v!);
                i = last;
            }
        }
    }
}
