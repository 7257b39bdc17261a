namespace Extractor.Cleanup;

/// <summary>
/// The article "a" read as a lone digit or mark (<c>2</c>, <c>4</c>, <c>@</c>, <c>»</c>, <c>«</c>): "underwent 4 total
/// thyroidectomy", "after 2 month of care". Only where a number cannot stand: the words after it are no unit, no
/// plural and no range ("2 to 3"), the word before numbers nothing (grade 2, day 4), and the document or batch puts
/// "a" after the word before and before the word after (word pairs of <see cref="CleanupContext.BigramCountOf"/>).
/// </summary>
public static class LoneArticle
{
    /// <summary>Texts of the document and batch where each of the two pairs with "a" must stand.</summary>
    public const int MinPairSupport = 2;

    private static readonly char[] Marks = ['2', '4', '@', '»', '«'];

    public static void Propose(CleanupContext ctx)
    {
        string text = ctx.Text;
        for (int i = text.IndexOfAny(Marks); i >= 0; i = i + 1 < text.Length ? text.IndexOfAny(Marks, i + 1) : -1)
        {
            // A lone mark between spaces, with a word and a space before it (a comma may end that word).
            if (i < 3 || i + 4 >= text.Length || text[i - 1] != ' ' || text[i + 1] != ' ') continue;
            int pe = i - 1;
            bool comma = text[pe - 1] == ',';
            if (comma) pe--;
            int ps = pe; while (ps > 0 && char.IsLetter(text[ps - 1])) ps--;
            if (ps == pe || (ps > 0 && !char.IsWhiteSpace(text[ps - 1]))) continue;
            string prev = text[ps..pe].ToLowerInvariant();
            if (!comma && (NotBefore.Contains(prev) || ctx.Data.NumberedNouns.Contains(prev))) continue;
            if (!comma && !(char.IsLower(text[ps]) || Speller.SentenceStart(text, ps))) continue;
            // The next words: a singular lower-case word (a hyphenated compound counts by its first part), no unit.
            int ns = i + 2, ne = ns;
            while (ne < text.Length && (char.IsLetter(text[ne]) || (text[ne] == '-' && ne + 1 < text.Length && char.IsLetter(text[ne + 1])))) ne++;
            if (ne - ns < 3 || !char.IsLower(text[ns])) continue;
            string next = text[ns..ne];
            int hyphen = next.IndexOf('-');
            string first = hyphen > 0 ? next[..hyphen] : next;
            if (ctx.Data.Units.Contains(first) || NotAfter.Contains(first) || Plural(first)) continue;
            if (!ctx.Lexicon.KnownAsWritten(first)) continue;
            if (PluralAhead(text, ne)) continue;
            if (ctx.BigramCountOf("a", first) < MinPairSupport) continue;
            if (!comma && ctx.BigramCountOf(prev, "a") < MinPairSupport) continue;
            ctx.Propose(i, i + 1, "a", "context.article", 0.85,
                $"'{text[i]}' stands where only the article fits: \"a {first}\" and \"{(comma ? "," : prev)} a\" stand elsewhere, no unit or plural follows");
        }
    }

    // A plural noun (a count): ends in s, not in ss, us or is (mass, thrombus, analysis).
    private static bool Plural(string w) =>
        w.Length >= 3 && w[^1] == 's' && w[^2] is not ('s' or 'u' or 'i');

    // One of the next two words (up to a punctuation mark) is a plural: "2 large nodules", "4 small, round cysts".
    private static bool PluralAhead(string text, int from)
    {
        int k = from;
        for (int n = 0; n < 2; n++)
        {
            if (k >= text.Length || text[k] != ' ') return false;
            int s = ++k;
            while (k < text.Length && (char.IsLetter(text[k]) || text[k] == '-')) k++;
            if (k == s) return false;
            string w = text[s..k];
            if (!w.All(c => char.IsLower(c) || c == '-')) return false;
            int h = w.LastIndexOf('-');
            if (Plural(h >= 0 ? w[(h + 1)..] : w)) return true;
            if (w is "of" or "and" or "or" or "with" or "in" or "to") return false;
        }
        return false;
    }

    // Words before which a number is a count or a range, and words a number follows as such.
    private static readonly HashSet<string> NotBefore = new(StringComparer.Ordinal)
    {
        "and", "or", "to", "than", "between", "from", "x", "by", "per", "over", "under", "about", "approximately", "nearly",
        "only", "last", "first", "next", "these", "those", "the", "all", "aged", "age", "number", "figure", "fig", "table",
    };

    private static readonly HashSet<string> NotAfter = new(StringComparer.Ordinal)
    {
        "to", "or", "and", "times", "of", "out", "per", "more", "less", "other", "weeks", "days", "years", "months",
        "hours", "minutes", "doses", "cycles",
    };
}
