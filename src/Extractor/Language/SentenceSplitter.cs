namespace Extractor.Language;

/// <summary>
/// Rule-based sentence splitter. A sentence ends at '.', '!' or '?' followed by space and an upper-case letter or
/// a digit, unless the period closes a known abbreviation (et al., Fig., Dr., e.g., vs., No.) or an initial ("Escudier B.");
/// it also ends at a blank line or a page break, so headings and table rows never merge with prose - unless the
/// sentence is visibly unfinished: OCR puts column and page breaks inside sentences ("sorafenib (400 mg" /
/// blank line / "once a day) ..."), and splitting there cuts a dose from its schedule.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "al", "fig", "figs", "dr", "mr", "mrs", "ms", "prof", "e.g", "i.e", "eg", "ie", "vs", "no", "nos", "vol", "ca",
        "approx", "ref", "refs", "tab", "st", "jr", "sr", "inc", "ltd", "co", "resp", "cf", "pp", "ed", "eds", "etc",
        "b.i.d", "t.i.d", "q.i.d", "p.o", "i.v", "s.c", "i.m", "q.d", "h.s", "p.r.n", "mt", "mts", "dept", "univ",
    };

    public static Sentence[] Split(string text, Token[] tokens)
    {
        var sentences = new List<Sentence>();
        int first = 0;
        for (int t = 0; t < tokens.Length; t++)
        {
            bool end = false;
            var tok = tokens[t];
            if (tok.Kind == TokenKind.LineBreak)
            {
                // Blank line or page break ends a sentence.
                end = (text[tok.Start] == '\f' || (t + 1 < tokens.Length && tokens[t + 1].Kind == TokenKind.LineBreak))
                    && !ContinuesAcrossBreak(text, tokens, first, t);
            }
            else if (tok.Kind == TokenKind.Punctuation && tok.Length == 1 && text[tok.Start] is '.' or '!' or '?')
            {
                end = IsBoundary(text, tokens, t);
            }
            if (end)
            {
                Add(sentences, tokens, first, t + 1);
                first = t + 1;
            }
        }
        Add(sentences, tokens, first, tokens.Length);
        return sentences.ToArray();
    }

    /// <summary>
    /// A break does not end the sentence when the text after it starts with a lower-case word and the text before
    /// it is an unfinished clause: a parenthesis left open, or a prose line of a few words ending in a word, a
    /// number or a comma. Headings and table cells rarely look like that; prose cut by a column or page does.
    /// </summary>
    private static bool ContinuesAcrossBreak(string text, Token[] tokens, int first, int t)
    {
        int next = t + 1;
        while (next < tokens.Length && tokens[next].Kind == TokenKind.LineBreak) next++;
        if (next >= tokens.Length || tokens[next].Kind != TokenKind.Word || !char.IsLower(text[tokens[next].Start])) return false;
        int prev = t - 1;
        while (prev >= first && tokens[prev].Kind == TokenKind.LineBreak) prev--;
        if (prev < first) return false;
        int open = 0, words = 0;
        for (int i = first; i <= prev; i++)
        {
            var k = tokens[i];
            if (k.Kind == TokenKind.Word) words++;
            else if (k.Kind == TokenKind.Punctuation && k.Length == 1)
            {
                if (text[k.Start] == '(') open++;
                else if (text[k.Start] == ')' && open > 0) open--;
            }
        }
        if (open > 0) return true;
        var last = tokens[prev];
        bool openEnd = last.Kind is TokenKind.Word or TokenKind.Number
            || (last.Kind == TokenKind.Punctuation && last.Length == 1 && text[last.Start] == ',');
        return openEnd && words >= 4;
    }

    private static void Add(List<Sentence> sentences, Token[] tokens, int from, int to)
    {
        while (from < to && tokens[from].Kind == TokenKind.LineBreak) from++;
        int last = to - 1;
        while (last >= from && tokens[last].Kind == TokenKind.LineBreak) last--;
        if (last < from) return;
        sentences.Add(new Sentence(tokens[from].Start, tokens[last].End, from, last - from + 1));
    }

    private static bool IsBoundary(string text, Token[] tokens, int t)
    {
        int next = t + 1;
        while (next < tokens.Length && tokens[next].Kind == TokenKind.Punctuation && text[tokens[next].Start] is ')' or '"' or '’' or '\'') next++;
        if (next >= tokens.Length) return true;
        if (text[tokens[t].Start] != '.') return true;
        var n = tokens[next];
        char nc = text[n.Start];
        // "1.5" is one token already; a period followed directly by a letter ("e.g") is no boundary.
        if (n.Start == tokens[t].End && n.Kind != TokenKind.LineBreak) return false;
        if (!(char.IsUpper(nc) || char.IsDigit(nc) || nc == '(' || n.Kind == TokenKind.LineBreak)) return false;
        if (t == 0) return true;
        var prev = tokens[t - 1];
        if (prev.End != tokens[t].Start) return true;
        if (prev.Kind == TokenKind.Word)
        {
            string w = prev.TextOf(text);
            if (Abbreviations.Contains(w)) return false;
            // Compound abbreviations such as "e.g." and "b.i.d.": letter-dot-letter before the final dot.
            if (t >= 3 && tokens[t - 2].Kind == TokenKind.Punctuation && text[tokens[t - 2].Start] == '.' && prev.Length <= 2) return false;
            if (prev.Length == 1 && char.IsUpper(w[0])) return false; // an initial: "Escudier B."
        }
        return true;
    }
}
