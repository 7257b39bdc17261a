namespace Extractor.Cleanup;

/// <summary>
/// A non-word the noisy channel leaves unsure (or without a candidate one edit away) judged by its neighbours: among
/// the listed words one edit away and the batch's words two edits away (`hcrt rate`, `on thcsc findings`), the one the
/// document and batch put beside the same neighbours clearly most often is the word. A function word beside it says
/// little (`the X` fits any noun), so one side alone counts only when that neighbour is no function word.
/// </summary>
internal static class NeighbourSpelling
{
    /// <summary>Word pairs elsewhere the reading needs.</summary>
    public const int MinSupport = 3;
    /// <summary>Texts (document plus batch) that must use the reading.</summary>
    public const int MinUses = 3;

    /// <summary>Proposes a reading of the non-word [s, e) by its neighbours; returns whether it did.</summary>
    public static bool Consider(CleanupContext ctx, int s, int e, string word, string lower, Dictionary<string, Candidate> oneEdit, string? prev, string? next)
    {
        if (ctx.Options.CorpusCounts is null || (prev is null && next is null) || lower.Length < 4 || lower.Length > 14) return false;
        var lex = ctx.Lexicon;
        if ((lex.SourcesOfLower(lower) & (LexiconSource.LowerForm | LexiconSource.Common)) != 0) return false;
        // The word as written beside these neighbours elsewhere: it stands there.
        if ((prev is not null && ctx.BigramCountOf(prev, lower) > 1) || (next is not null && ctx.BigramCountOf(lower, next) > 1)) return false;
        var freq = ctx.Data.WordFrequencies;
        bool prevInformative = prev is not null && !freq.ContainsKey(prev), nextInformative = next is not null && !freq.ContainsKey(next);
        string? best = null; int bestSupport = 0, secondSupport = 0, bestLeft = 0, bestRight = 0;
        void Weigh(string c)
        {
            if ((lex.SourcesOfLower(c) & (LexiconSource.LowerForm | LexiconSource.Common)) == 0 || ctx.CountOf(c) < MinUses) return;
            int left = prev is null ? 0 : ctx.BigramCountOf(prev, c), right = next is null ? 0 : ctx.BigramCountOf(c, next);
            int support = left + right;
            if (support > bestSupport) { secondSupport = bestSupport; bestSupport = support; best = c; bestLeft = left; bestRight = right; }
            else if (support > secondSupport) secondSupport = support;
        }
        foreach (var c in oneEdit.Keys) Weigh(c);
        var two = Speller.TwoEditCandidatesOf(ctx, lower);
        foreach (var c in two.Keys) if (!oneEdit.ContainsKey(c)) Weigh(c);
        if (best is null || bestSupport < MinSupport || secondSupport * 3 > bestSupport) return false;
        // Both sides, or an informative side alone.
        bool sure = (bestLeft > 0 && bestRight > 0) || (bestLeft >= MinSupport && prevInformative) || (bestRight >= MinSupport && nextInformative);
        if (!sure) return false;
        ctx.Propose(s, e, Speller.CaseFor(ctx, best, word, s), "context.neighbours", 0.85,
            $"non-word read by its neighbours: \"{best}\" stands beside them {bestSupport} times elsewhere ({bestLeft} before, {bestRight} after), the next reading {secondSupport}");
        return true;
    }
}
