using System.Reflection;
using Extractor.Language;

namespace Extractor.Extraction.Drugs;

/// <summary>A drug or drug class the lexicon knows: canonical lower-case name (INN, or the class for class mentions) and class.</summary>
public sealed record DrugEntry(string Name, string Class, bool IsClass);

/// <summary>How a drug name was recognised.</summary>
public enum DrugMatchKind { Lexicon, ClassTerm, Stem, Fuzzy }

/// <summary>A drug name found in a text: [Start, End) offsets in that text, the text as written, and the entry it means.</summary>
public sealed record DrugMatch(int Start, int End, string Text, DrugEntry Entry, DrugMatchKind Kind)
{
    public string Name => Entry.Name;
    public string Class => Entry.Class;
    public bool IsClass => Entry.IsClass;
}

/// <summary>Options for <see cref="DrugLexicon.Find(string, int, int, DrugFindOptions?)"/>.</summary>
public sealed record DrugFindOptions
{
    /// <summary>Also return class mentions ("antibiotics", "chemotherapy", "β-blocker").</summary>
    public bool IncludeClasses { get; init; } = true;
    /// <summary>
    /// Accept unknown names by WHO INN stem / OCR-damaged names by edit distance when this returns true for the
    /// candidate's span (start, end): callers pass "a dose follows". Null: strong stems only, no fuzzy matching.
    /// </summary>
    public Func<int, int, bool>? DoseContext { get; init; }
    public static readonly DrugFindOptions Default = new();
}

/// <summary>
/// The curated drug lexicon (Resources/drugs): INN names, brand names and abbreviations mapped to the canonical
/// lower-case INN, class mentions, and WHO INN stems for names it does not list. Immutable after construction and
/// safe to share between threads; <see cref="Default"/> is loaded once from the embedded resources.
/// </summary>
public sealed class DrugLexicon
{
    // ExactCase: the spellings (without spaces and hyphens) a case-sensitive alias accepts; null = any case.
    private sealed record Term(DrugEntry Entry, HashSet<string>? ExactCase, DrugMatchKind Kind);
    private sealed record Stem(string Suffix, string Class, bool Strong, bool Prefix);

    private readonly Gazetteer<Term> _terms = new();
    private readonly Dictionary<string, Term> _termsByKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DrugEntry> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Stem> _stems = [];
    // Single-word names and aliases (lower case, length >= 7) for the edit-distance fallback, by length.
    private readonly Dictionary<int, List<(string Word, DrugEntry Entry)>> _fuzzy = [];

    private static readonly Lazy<DrugLexicon> LazyDefault = new(() => FromResources(typeof(DrugLexicon).Assembly), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The lexicon built from the embedded resources drugs.tsv, classes.tsv and stems.tsv.</summary>
    public static DrugLexicon Default => LazyDefault.Value;

    /// <summary>Number of drug and class entries (not counting aliases).</summary>
    public int EntryCount => _byName.Count;

    // Words that end like an INN stem but are not drugs.
    private static readonly HashSet<string> NotDrugs = new(StringComparer.OrdinalIgnoreCase)
    {
        "april", "cholesterol", "sterol", "interleukin", "concept", "except", "accept", "intercept", "percept",
        "precept", "minimus", "maximus", "ghrelin", "imidazole", "benzimidazole", "tetrazole", "pyrazole",
        "thiazole", "triazole", "oxazole", "isoxazole", "carbazole", "diazole", "indazole", "person", "unison",
        "glutamate", "cytokine", "guanidine", "histidine", "pyrimidine", "cytidine", "thymidine", "uridine",
        "adenine", "guanine", "cytosine", "cefalic", "cephalic", "peptide", "amide", "cyanide", "chloride",
        "fluoride", "iodide", "bromide", "sulfide", "nucleotide", "oligonucleotide", "polypeptide", "glycopeptide",
        "saccharide", "disaccharide", "polysaccharide", "monosaccharide", "triglyceride", "epoxide", "peroxide",
        "dioxide", "hydroxide", "oxide", "carbide", "nitride", "hydride",
    };

    public static DrugLexicon FromResources(Assembly assembly)
    {
        string Read(string name)
        {
            // The csproj names resources after their folder ("Extractor.Resources.drugs/x.tsv"); accept either separator.
            var resource = assembly.GetManifestResourceNames().FirstOrDefault(n =>
                n.EndsWith("drugs/" + name, StringComparison.Ordinal) || n.EndsWith("drugs." + name, StringComparison.Ordinal) || n.EndsWith("drugs\\" + name, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"embedded resource Resources/drugs/{name} is missing");
            using var s = assembly.GetManifestResourceStream(resource)!;
            using var r = new StreamReader(s);
            return r.ReadToEnd();
        }
        return new DrugLexicon(Read("drugs.tsv"), Read("classes.tsv"), Read("stems.tsv"));
    }

    /// <summary>Builds a lexicon from the three tab-separated tables (see Resources/drugs/*.tsv for the format).</summary>
    public DrugLexicon(string drugsTsv, string classesTsv, string stemsTsv)
    {
        foreach (var cols in Rows(drugsTsv))
        {
            if (cols.Length < 2) continue;
            var entry = new DrugEntry(cols[0].Trim().ToLowerInvariant(), cols[1].Trim(), IsClass: false);
            _byName.TryAdd(entry.Name, entry);
            AddTerm(cols[0].Trim(), entry, DrugMatchKind.Lexicon);
            if (cols.Length > 2)
                foreach (var alias in cols[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    AddTerm(alias, entry, DrugMatchKind.Lexicon);
        }
        foreach (var cols in Rows(classesTsv))
        {
            if (cols.Length < 2) continue;
            var entry = new DrugEntry(cols[0].Trim(), cols[0].Trim(), IsClass: true);
            _byName.TryAdd(entry.Name, entry);
            foreach (var term in cols[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                AddTerm(term, entry, DrugMatchKind.ClassTerm);
        }
        foreach (var cols in Rows(stemsTsv))
        {
            if (cols.Length < 3) continue;
            _stems.Add(new Stem(cols[0].Trim().ToLowerInvariant(), cols[1].Trim(), cols[2].Trim() == "strong", cols[2].Trim() == "prefix"));
        }
        // Longest stems first so "-conazole" wins over "-azole".
        _stems.Sort((a, b) => b.Suffix.Length.CompareTo(a.Suffix.Length));
    }

    private static IEnumerable<string[]> Rows(string tsv)
    {
        foreach (var raw in tsv.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            yield return line.Split('\t');
        }
    }

    private void AddTerm(string term, DrugEntry entry, DrugMatchKind kind)
    {
        string? exact = null;
        if (term.StartsWith('='))
        {
            term = term[1..];
            exact = Squeeze(term);
        }
        if (term.Length == 0) return;
        // Spellings that differ only in case share a trie entry: merge their case rules ("=IVIG" and "=IVIg").
        var key = string.Join('\u0001', Gazetteer<Term>.KeysOf(term));
        var value = new Term(entry, exact is null ? null : new HashSet<string>(StringComparer.Ordinal) { exact }, kind);
        if (_termsByKey.TryGetValue(key, out var existing))
        {
            if (existing.ExactCase is null && exact is not null) return; // a case-insensitive spelling already covers it
            if (existing.ExactCase is not null && exact is not null && existing.Entry == entry) { existing.ExactCase.Add(exact); return; }
        }
        _termsByKey[key] = value;
        _terms.Add(term, value);
        if (exact is null && !entry.IsClass && term.Length >= 7 && term.All(char.IsLetter))
        {
            var w = term.ToLowerInvariant();
            if (!_fuzzy.TryGetValue(w.Length, out var list)) _fuzzy[w.Length] = list = [];
            list.Add((w, entry));
        }
    }

    // A term without spaces and hyphens, for exact-case comparison.
    private static string Squeeze(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var c in s) if (!char.IsWhiteSpace(c) && c is not ('-' or '‐' or '–')) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>The entry of a canonical name, alias or class term written exactly as a whole (case-insensitive), or null.</summary>
    public DrugEntry? Lookup(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var tokens = Tokenizer.Tokenize(name);
        int first = 0;
        while (first < tokens.Length && tokens[first].Kind == TokenKind.LineBreak) first++;
        if (first == tokens.Length) return null;
        if (_terms.Match(name, tokens, first, out var term, out int last) > 0 && term is not null && AcceptCase(name, tokens, first, last, term))
        {
            // The whole string must be the term (trailing punctuation aside).
            for (int i = last + 1; i < tokens.Length; i++)
                if (tokens[i].Kind is TokenKind.Word or TokenKind.Number) return null;
            return term.Entry;
        }
        return _byName.GetValueOrDefault(name.Trim());
    }

    /// <summary>Canonical name of a drug written as <paramref name="name"/> (INN, brand, abbreviation), or null.</summary>
    public string? Normalize(string name) => Lookup(name)?.Name;

    /// <summary>Every drug mention in text[start, end), left to right, longest match first, without overlaps.</summary>
    public IReadOnlyList<DrugMatch> Find(string text, int start = 0, int end = -1, DrugFindOptions? options = null)
    {
        if (end < 0) end = text.Length;
        var tokens = Tokenizer.Tokenize(text, start, end);
        return Find(text, tokens, 0, tokens.Length, options);
    }

    /// <summary>Every drug mention in the token range [fromToken, toToken) of an already tokenised text.</summary>
    public IReadOnlyList<DrugMatch> Find(string text, Token[] tokens, int fromToken, int toToken, DrugFindOptions? options = null)
    {
        options ??= DrugFindOptions.Default;
        var found = new List<DrugMatch>();
        for (int i = fromToken; i < toToken; i++)
        {
            var tok = tokens[i];
            if (tok.Kind == TokenKind.LineBreak) continue;
            if (tok.Kind is TokenKind.Word or TokenKind.Number && !StartsWord(text, tokens, i)) continue;
            if (_terms.Match(text, tokens, i, out var term, out int last) > 0 && term is not null && last < toToken
                && EndsWord(text, tokens, last) && AcceptCase(text, tokens, i, last, term)
                && (options.IncludeClasses || !term.Entry.IsClass))
            {
                int s = tokens[i].Start, e = tokens[last].End;
                found.Add(new DrugMatch(s, e, text[s..e], term.Entry, term.Kind));
                i = last;
                continue;
            }
            if (tok.Kind != TokenKind.Word || tok.Length < 6) continue;
            var m = ByStem(text, tokens, i, options) ?? ByEditDistance(text, tokens, i, options);
            if (m is not null) found.Add(m);
        }
        return found;
    }

    // A term must begin at a word start: "5-FU" may follow a space or "(", but "IFN" inside "anti-IFN" is fine too.
    private static bool StartsWord(string text, Token[] tokens, int i)
    {
        int s = tokens[i].Start;
        return s == 0 || !char.IsLetterOrDigit(text[s - 1]);
    }

    private static bool EndsWord(string text, Token[] tokens, int last)
    {
        int e = tokens[last].End;
        return e >= text.Length || !char.IsLetterOrDigit(text[e]);
    }

    private static bool AcceptCase(string text, Token[] tokens, int first, int last, Term term)
    {
        if (term.ExactCase is null) return true;
        return term.ExactCase.Contains(Squeeze(text[tokens[first].Start..tokens[last].End]));
    }

    private DrugMatch? ByStem(string text, Token[] tokens, int i, DrugFindOptions options)
    {
        var tok = tokens[i];
        if (!EndsWord(text, tokens, i) || !StartsWord(text, tokens, i)) return null;
        var word = tok.TextOf(text);
        // Stems apply to words written as names: lower case, or capitalised (a brand or sentence start), not ALL CAPS headings.
        if (!word.Skip(1).All(char.IsLower)) return null;
        var lower = word.ToLowerInvariant();
        if (NotDrugs.Contains(lower)) return null;
        foreach (var stem in _stems)
        {
            bool hit = stem.Prefix ? lower.StartsWith(stem.Suffix, StringComparison.Ordinal) && lower.Length >= 7
                                   : lower.EndsWith(stem.Suffix, StringComparison.Ordinal) && lower.Length >= stem.Suffix.Length + 3;
            if (!hit) continue;
            bool ok = stem.Strong || (options.DoseContext?.Invoke(tok.Start, tok.End) ?? false);
            if (stem.Prefix) ok = options.DoseContext?.Invoke(tok.Start, tok.End) ?? false;
            if (!ok) return null;
            return new DrugMatch(tok.Start, tok.End, word, new DrugEntry(lower, stem.Class, IsClass: false), DrugMatchKind.Stem);
        }
        return null;
    }

    private DrugMatch? ByEditDistance(string text, Token[] tokens, int i, DrugFindOptions options)
    {
        if (options.DoseContext is null) return null;
        var tok = tokens[i];
        if (tok.Length < 7 || !EndsWord(text, tokens, i)) return null;
        var word = tok.TextOf(text);
        var lower = word.ToLowerInvariant();
        if (!options.DoseContext(tok.Start, tok.End)) return null;
        int max = lower.Length >= 10 ? 2 : 1;
        DrugEntry? best = null;
        int bestDistance = int.MaxValue;
        for (int len = lower.Length - max; len <= lower.Length + max; len++)
        {
            if (!_fuzzy.TryGetValue(len, out var list)) continue;
            foreach (var (w, entry) in list)
            {
                if (w[0] != lower[0] && w[^1] != lower[^1]) continue;
                int d = EditDistance.Osa(lower, w, max);
                if (d <= max && d < bestDistance) { best = entry; bestDistance = d; }
            }
        }
        return best is null ? null : new DrugMatch(tok.Start, tok.End, word, best, DrugMatchKind.Fuzzy);
    }
}

/// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions), cut off above a bound.</summary>
public static class EditDistance
{
    public static int Osa(string a, string b, int bound = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) > bound) return bound + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int rowMin = int.MaxValue;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > bound) return bound + 1;
        }
        return d[a.Length, b.Length];
    }
}
