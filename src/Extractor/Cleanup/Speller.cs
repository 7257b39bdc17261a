namespace Extractor.Cleanup;

/// <summary>
/// Noisy-channel correction of non-words: a word no lexicon knows (and the document does not repeat) is compared
/// with the known words within two confusion edits or one generic edit; each candidate scores
/// P(word) x P(observed | word), and the word itself stays possible as an unknown but correct word (names, rare
/// terms). The best candidate's share of the total is the confidence. Capitalised words inside a sentence,
/// all-capital abbreviations, words with digits and short words are left alone.
/// </summary>
public sealed class Speller : ICleanupPass
{
    public CleanupPasses Pass => CleanupPasses.Speller;

    // Characters OCR puts inside words in place of letters.
    private static bool IsInnerNoise(char c) => c is '!' or '|' or '¢' or '©';

    public void Propose(CleanupContext ctx)
    {
        string text = ctx.Text;
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i])) { i++; continue; }
            int s = i;
            while (i < text.Length && (char.IsLetter(text[i]) || (IsInnerNoise(text[i]) && i > s)
                                       || ((text[i] == '\'' || text[i] == '’') && i + 1 < text.Length && char.IsLetter(text[i + 1])))) i++;
            int e = i;
            // A trailing noise character belongs to the word only when it stands for a letter (unti!, cel!);
            // the candidates decide; but "word!" followed by a space and a capital is an exclamation.
            if (e - s < 3) continue;
            if (s > 0 && (char.IsDigit(text[s - 1]) || text[s - 1] is '_' or '/' or '@' or '&' or '=' or '\\')) continue;
            if (e < text.Length && (char.IsDigit(text[e]) || text[e] is '_' or '/' or '@' or '&' or '=' or '\\')) continue;
            if (ctx.Overlaps(s, e)) continue;
            Consider(ctx, s, e);
        }
    }

    private static void Consider(CleanupContext ctx, int s, int e)
    {
        string text = ctx.Text;
        string word = text[s..e];
        bool noisy = word.Any(IsInnerNoise);
        if (word.Contains('\'') || word.Contains('’')) return;
        string letters = word;
        bool allLower = letters.All(c => !char.IsUpper(c));
        bool capital = char.IsUpper(letters[0]) && letters.Skip(1).All(c => !char.IsUpper(c));
        if (!allLower && !capital) return;                 // CT, IgG, McDonald: abbreviations and names
        if (!noisy && word.Length < 4) return;
        string lower = word.ToLowerInvariant();
        var lex = ctx.Lexicon;
        if (!noisy && lex.SourcesOfLower(lower) != LexiconSource.None) return;
        if (!noisy && ctx.CountOf(lower) >= 3) return;     // repeated in the document: probably right
        if (capital && !noisy && !SentenceStart(text, s)) { ConsiderName(ctx, s, e, word); return; }  // a name inside a sentence

        // The letters of this very occurrence ("norma" in "norma!") are not evidence from the rest of the document.
        string selfLetters = new(lower.Where(char.IsLetter).ToArray());
        var cands = ctx.Channel.Candidates(lower, w => lex.SourcesOfLower(w) != LexiconSource.None);
        if (cands.Count == 0) return;
        double total = 0, best = 0; Candidate? top = null;
        var scored = new List<(string Word, double Score)>(cands.Count);
        foreach (var c in cands.Values)
        {
            double score = Prior(ctx, c.Word, capital, selfLetters) * c.Channel;
            total += score;
            scored.Add((c.Word, score));
            if (score > best) { best = score; top = c; }
        }
        if (top is null) return;
        // The word as written may be right: less likely the longer it is, and never with noise characters inside.
        double stay = noisy ? 1e-5 : lower.Length >= 9 ? 0.0015 : lower.Length >= 7 ? 0.003 : lower.Length >= 5 ? 0.008 : 0.02;
        if (capital) stay *= 4;
        double conf = best / (total + stay);
        string corrected = MatchCase(top.Value.Word, word);
        ctx.Propose(s, e, corrected, top.Value.Generic ? "lexicon" : "confusion", conf,
            $"noisy channel, share {conf:0.00} of {cands.Count} candidates: " +
            string.Join(" ", scored.OrderByDescending(x => x.Score).Take(3).Select(x => $"{x.Word}={x.Score / (total + stay):0.00}")));
    }

    private static double Prior(CleanupContext ctx, string w, bool capital, string self)
    {
        var src = ctx.Lexicon.SourcesOfLower(w);
        double p = (src & LexiconSource.Common) != 0 ? 4
                 : (src & (LexiconSource.English | LexiconSource.Medical | LexiconSource.Domain)) != 0 ? 1
                 : 0.1;                                         // only in the large list: often rare or a name
        if ((src & LexiconSource.LowerForm) == 0 && !capital) p *= 0.2;   // a proper name for a lower-case word
        int n = ctx.CountOf(w) - (w == self ? 1 : 0);
        return p * (1 + 2 * Math.Min(n, 5));
    }

    private static bool SentenceStart(string text, int s)
    {
        int j = s - 1;
        while (j >= 0 && (text[j] == ' ' || text[j] == '\t' || text[j] == '"' || text[j] == '(' || text[j] == '‘')) j--;
        return j < 0 || text[j] is '.' or '!' or '?' or '\n' or '\f' or ':';
    }

    /// <summary>
    /// A capitalised non-word inside a sentence is a name: only the gazetteer's names are candidates, and only a
    /// neighbouring word of the same multi-word name (Memorial Sloan-Kettering) makes the change sure.
    /// </summary>
    private static void ConsiderName(CleanupContext ctx, int s, int e, string word)
    {
        var names = ctx.Lexicon.Names;
        var cands = ctx.Channel.Candidates(word, names.Contains, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
        if (cands.Count == 0) return;
        var top = cands.Values.MaxBy(c => c.Channel);
        string prev = Neighbour(ctx.Text, s, -1), next = Neighbour(ctx.Text, e, +1);
        bool supported = ctx.Data.NamePairs.Contains((prev, top.Word)) || ctx.Data.NamePairs.Contains((top.Word, next));
        double conf = (supported ? 0.95 : 0.5) * (cands.Count == 1 ? 1 : 0.8);
        ctx.Propose(s, e, top.Word, "gazetteer", conf, supported ? "name from the gazetteer, confirmed by its neighbour" : "name from the gazetteer");
    }

    // The word next to [s, e) across one space or hyphen (as corrected by nothing: names are matched as written).
    private static string Neighbour(string text, int at, int dir)
    {
        int j = dir < 0 ? at - 1 : at;
        if (j < 0 || j >= text.Length || (text[j] != ' ' && text[j] != '-' && text[j] != '\n')) return "";
        j += dir;
        int a = j, b = j;
        while (a >= 0 && a < text.Length && char.IsLetter(text[a])) a += dir;
        if (dir < 0) { (a, b) = (a + 1, j + 1); } else { (a, b) = (j, a); }
        return a < b ? text[a..b] : "";
    }

    private static string MatchCase(string candidate, string observed) =>
        char.IsUpper(observed[0]) ? char.ToUpperInvariant(candidate[0]) + candidate[1..] : candidate;
}
