namespace Extractor.Cleanup;

/// <summary>
/// Forms a lexicon misses but that are words all the same: British spellings (oedema, haematoma, centred,
/// hospitalisation), inflections and derivations of a known stem (cytokeratins, embolized), and a known word behind
/// a common prefix (macroelectrode, infrasellar), the -ee noun beside a known -er/-or noun (modifiee). The speller leaves such words alone.
/// </summary>
public static class Morphology
{
    private const LexiconSource Known = LexiconSource.English | LexiconSource.Medical | LexiconSource.Domain | LexiconSource.Common;

    private static readonly (string From, string To)[] BritishToAmerican =
    [
        ("ae", "e"), ("oe", "e"), ("our", "or"), ("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
        ("yse", "yze"), ("tre", "ter"), ("tred", "tered"), ("lled", "led"), ("lling", "ling"), ("ogue", "og"), ("mme", "m"),
    ];

    private static readonly string[] Suffixes =
    [
        "s", "es", "ed", "d", "ing", "ly", "ness", "er", "ers", "al", "ally", "ity", "ities", "ic", "ical", "ism", "ist",
        "ists", "able", "ible", "ive", "ation", "ations", "ization", "ized", "ize", "izes", "ous", "ment", "ments", "less", "like",
    ];

    private static readonly string[] Prefixes =
    [
        "pre", "re", "un", "non", "sub", "super", "supra", "infra", "intra", "inter", "trans", "macro", "micro", "hyper",
        "hypo", "anti", "post", "peri", "para", "pseudo", "semi", "multi", "poly", "mono", "bi", "tri", "co", "de", "dis",
        "mis", "over", "under", "out", "extra", "ultra", "neo", "endo", "epi", "retro", "auto", "counter", "cross",
        "immuno", "neuro", "cardio", "gastro", "hepato", "nephro", "osteo", "radio", "chemo", "onco", "histo", "cyto",
    ];

    /// <summary>Whether the span is one of the common prefixes (hyper, micro, neuro ...).</summary>
    public static bool IsPrefix(ReadOnlySpan<char> s)
    {
        foreach (var p in Prefixes) if (s.SequenceEqual(p)) return true;
        return false;
    }

    public static bool IsKnownForm(Lexicon lex, string lower)
    {
        if (Known_(lex, lower)) return true;
        foreach (var (from, to) in BritishToAmerican)
        {
            int i = lower.IndexOf(from, StringComparison.Ordinal);
            if (i < 0) continue;
            var us = lower.Replace(from, to);
            if (Known_(lex, us) || Inflected(lex, us)) return true;
        }
        if (Inflected(lex, lower)) return true;
        if (PatientNoun(lex, lower)) return true;
        foreach (var p in Prefixes)
        {
            if (lower.Length - p.Length < 4 || !lower.StartsWith(p, StringComparison.Ordinal)) continue;
            var rest = lower[p.Length..];
            if (Known_(lex, rest) || Inflected(lex, rest)) return true;
        }
        return false;
    }

    // Known as a lower-case word: "Lett" (a proper noun) does not make "lett" a word.
    private static bool Known_(Lexicon lex, string w)
    {
        var src = lex.SourcesOfLower(w);
        return (src & Known) != 0 && (src & (LexiconSource.LowerForm | LexiconSource.Common)) != 0;
    }

    // The one acted on beside the one acting: modifiee, addressee, mentee (modifier, addresser, mentor).
    private static bool PatientNoun(Lexicon lex, string w)
    {
        string stem = w.EndsWith("ees", StringComparison.Ordinal) ? w[..^3] : w.EndsWith("ee", StringComparison.Ordinal) ? w[..^2] : "";
        return stem.Length >= 4 && (Known_(lex, stem + "er") || Known_(lex, stem + "or"));
    }

    private static bool Inflected(Lexicon lex, string w)
    {
        foreach (var s in Suffixes)
        {
            if (w.Length - s.Length < 4 || !w.EndsWith(s, StringComparison.Ordinal)) continue;
            var stem = w[..^s.Length];
            if (Known_(lex, stem) || Known_(lex, stem + "e") || (stem.EndsWith('i') && Known_(lex, stem[..^1] + "y"))) return true;
        }
        return false;
    }
}
