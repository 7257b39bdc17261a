namespace Extractor.Language.Negation;

/// <summary>What the context says about a mention: affirmed, negated or hypothetical, and the trigger that said so.</summary>
public readonly record struct NegationResult(bool Negated, bool Hypothetical, string Trigger)
{
    public static readonly NegationResult Affirmed = new(false, false, "");
}

/// <summary>Options of <see cref="ContextNegation"/>: how far a trigger reaches, counted in word/number tokens.</summary>
public sealed record NegationOptions
{
    /// <summary>Words a trigger before the term may reach forward ("no other grade 3 drug-related adverse events").</summary>
    public int MaxForwardWords { get; init; } = 8;
    /// <summary>Words a trigger after the term may reach backward ("the rash ... was not observed").</summary>
    public int MaxBackwardWords { get; init; } = 6;
    public static readonly NegationOptions Default = new();
}

/// <summary>
/// ConText-style negation and hypothetical detection (Harkema et al. 2009, simplified): trigger phrases before a term
/// ("no", "without", "denied", "negative for") reach forward and trigger phrases after it ("was not obvious",
/// "were not observed", "was negative") reach backward, in both cases only within the sentence and only until a
/// clause boundary: ; : ( ), a termination word ("but", "although", "other than", "except", "which") or, looking
/// backward, another finite verb ("hypertension was under control ... and the rash was not obvious"). Pseudo-triggers
/// ("no interval change", "not only", "no increase") consume their words so they never negate.
/// </summary>
public sealed class ContextNegation
{
    private static readonly Lazy<ContextNegation> Default = new(() => new ContextNegation());
    public static ContextNegation Instance => Default.Value;
    public NegationOptions Options { get; }

    private enum Kind { PreNeg, PostNeg, BiNeg, PreHyp, PostHyp, Pseudo, Termination }
    private readonly record struct Phrase(string[] Words, Kind Kind, string Text);
    private readonly record struct Hit(int First, int Last, Kind Kind, string Text);

    private readonly Dictionary<string, List<Phrase>> _phrases = new(StringComparer.OrdinalIgnoreCase);

    // Auxiliaries that may sit between a term and an after-trigger ("the rash WAS not obvious").
    private static readonly HashSet<string> Auxiliaries = new(StringComparer.OrdinalIgnoreCase)
    { "was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "did", "does", "do", "remained", "remains", "became", "appeared", "seemed" };

    // Finite verbs that start a new clause when looking backward from an after-trigger.
    private static readonly HashSet<string> ClauseVerbs = new(StringComparer.OrdinalIgnoreCase)
    { "was", "were", "is", "are", "has", "have", "had", "showed", "revealed", "presented", "developed", "received", "underwent", "improved" };

    private static readonly string[] PreNegations =
    [
        "no", "not", "without", "denied", "denies", "deny", "denying", "negative for", "free of", "absence of",
        "no evidence of", "no signs of", "no sign of", "no history of", "no symptoms of", "none", "neither", "nor", "never",
        "lack of", "lacked", "lacking", "failed to reveal", "failed to show", "did not reveal", "did not show",
        "unremarkable for", "resolution of", "cannot", "could not", "rather than", "instead of",
    ];

    private static readonly string[] PostNegations =
    [
        "not obvious", "not observed", "not seen", "not detected", "not noted", "not found", "not present", "not evident",
        "not identified", "not apparent", "not visualized", "not demonstrated", "not recognized", "not reported",
        "not detectable", "not experienced", "not documented", "not shown", "not appreciated", "not occur", "not develop",
        "undetectable", "resolved completely", "were none", "was none",
    ];

    // Triggers that negate whichever side they stand on: "absent bowel sounds", "bowel sounds were absent".
    private static readonly string[] BothSides = ["absent", "negative", "ruled out", "excluded"];

    private static readonly string[] PreHypotheticals =
    [
        "if", "in case of", "risk of", "risks of", "to prevent", "prevention of", "prophylaxis of", "prophylactic",
        "should", "could", "would", "may", "might", "possible", "possibility of", "suspected", "suspicion of",
        "rule out", "to exclude", "monitored for", "monitoring for", "watch for", "concern for", "whether",
    ];

    private static readonly string[] PostHypotheticals = ["was suspected", "were suspected", "is suspected", "was considered", "could not be excluded", "cannot be excluded", "was possible"];

    private static readonly string[] Pseudo =
    [
        "no interval change", "no change", "no changes", "no significant change", "no significant changes", "no increase",
        "no decrease", "no further", "not only", "not necessarily", "not certain if", "not certain whether", "no longer",
        "gram negative", "gram-negative", "without difficulty", "not cause", "not caused", "no doubt", "not rule out",
        "not been ruled out", "not excluded", "not be excluded", "not been excluded", "no other choice", "not until",
        "not improve", "not improved", "not respond", "not responded", "not resolve", "not resolved", "not relieved",
        // "did not relieve his dyspnea": the failure of a treatment affirms the symptom it should have removed.
        "not relieve", "not alleviate", "not alleviated", "not help", "not helped", "not reduce", "not reduced",
        "not prevent", "not prevented", "not control", "not controlled", "not subside", "not subsided", "not disappear",
    ];

    private static readonly string[] Terminations =
    [
        "but", "however", "although", "though", "yet", "except", "other than", "apart from", "aside from", "besides",
        "which", "who", "whereas", "while", "because", "due to", "since", "secondary to", "then", "until", "still",
        "except for", "save for", "as a result",
    ];

    public ContextNegation(NegationOptions? options = null)
    {
        Options = options ?? NegationOptions.Default;
        foreach (var p in PreNegations) Add(p, Kind.PreNeg);
        foreach (var p in PostNegations) Add(p, Kind.PostNeg);
        foreach (var p in BothSides) Add(p, Kind.BiNeg);
        foreach (var p in PreHypotheticals) Add(p, Kind.PreHyp);
        foreach (var p in PostHypotheticals) Add(p, Kind.PostHyp);
        foreach (var p in Pseudo) Add(p, Kind.Pseudo);
        foreach (var p in Terminations) Add(p, Kind.Termination);
    }

    private void Add(string phrase, Kind kind)
    {
        var words = phrase.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (!_phrases.TryGetValue(words[0], out var list)) _phrases[words[0]] = list = [];
        list.Add(new Phrase(words, kind, phrase));
        // Longest phrases first so a pseudo-trigger ("no interval change") wins over its prefix ("no").
        list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
    }

    /// <summary>Assesses the mention [start, end) of the analysed document within its sentence.</summary>
    public NegationResult Assess(AnalyzedDocument document, int start, int end)
    {
        var sentence = document.SentenceAt(start);
        if (sentence is null) return NegationResult.Affirmed;
        var s = sentence.Value;
        return Assess(document.Text, document.Tokens.AsSpan(s.FirstToken, s.TokenCount), start, end);
    }

    /// <summary>Assesses the mention [start, end) of <paramref name="text"/>, splitting sentences itself (for tests and tools).</summary>
    public NegationResult Assess(string text, int start, int end)
    {
        var tokens = Tokenizer.Tokenize(text);
        foreach (var s in SentenceSplitter.Split(text, tokens))
            if (start >= s.Start && start < s.End) return Assess(text, tokens.AsSpan(s.FirstToken, s.TokenCount), start, end);
        return NegationResult.Affirmed;
    }

    /// <summary>Assesses the mention [start, end) given the tokens of the sentence that holds it.</summary>
    public NegationResult Assess(string text, ReadOnlySpan<Token> sentenceTokens, int start, int end)
    {
        // Work on the sentence without line breaks and without hyphens (so "drug-related" is two words, like the triggers).
        var toks = new List<Token>(sentenceTokens.Length);
        foreach (var t in sentenceTokens)
        {
            if (t.Kind == TokenKind.LineBreak) continue;
            if (t.Kind == TokenKind.Punctuation && text[t.Start] is '-' or '‐' or '–' && t.Length == 1) continue;
            toks.Add(t);
        }
        int first = -1, last = -1;
        for (int i = 0; i < toks.Count; i++)
        {
            if (toks[i].End <= start || toks[i].Start >= end) continue;
            if (first < 0) first = i;
            last = i;
        }
        if (first < 0) return NegationResult.Affirmed;

        var hits = FindTriggers(text, toks, first, last);
        NegationResult? best = null;
        // Triggers before the term: the nearest one whose scope reaches the term wins.
        for (int h = hits.Count - 1; h >= 0; h--)
        {
            var hit = hits[h];
            if (hit.Last >= first || hit.Kind is not (Kind.PreNeg or Kind.PreHyp or Kind.BiNeg)) continue;
            if (ForwardScopeReaches(text, toks, hits, hit.Last + 1, first, stopAtComma: hit.Text == "not"))
            {
                best = new NegationResult(hit.Kind != Kind.PreHyp, hit.Kind == Kind.PreHyp, hit.Text);
                break;
            }
        }
        // Triggers after the term.
        foreach (var hit in hits)
        {
            if (hit.First <= last || hit.Kind is not (Kind.PostNeg or Kind.PostHyp or Kind.BiNeg)) continue;
            if (BackwardScopeReaches(text, toks, hits, last + 1, hit.First))
            {
                bool negates = hit.Kind != Kind.PostHyp;
                if (best is null || negates)
                    best = new NegationResult(negates || (best?.Negated ?? false), !negates, hit.Text);
            }
            break; // only the first after-trigger can speak for the term
        }
        return best ?? NegationResult.Affirmed;
    }

    private List<Hit> FindTriggers(string text, List<Token> toks, int termFirst, int termLast)
    {
        var hits = new List<Hit>();
        for (int i = 0; i < toks.Count; i++)
        {
            if (i >= termFirst && i <= termLast) continue; // words of the term itself are no triggers
            if (toks[i].Kind != TokenKind.Word) continue;
            if (!_phrases.TryGetValue(toks[i].TextOf(text), out var list)) continue;
            foreach (var p in list)
            {
                int n = p.Words.Length;
                if (i + n > toks.Count) continue;
                bool ok = true;
                for (int k = 0; k < n && ok; k++)
                {
                    int j = i + k;
                    if (j >= termFirst && j <= termLast) ok = false;
                    else ok = toks[j].Kind == TokenKind.Word && string.Equals(toks[j].TextOf(text), p.Words[k], StringComparison.OrdinalIgnoreCase);
                }
                if (!ok) continue;
                // "No." followed by a number is the abbreviation of "number".
                if (p.Text == "no" && i + 1 < toks.Count && text[toks[i + 1].Start] == '.') break;
                hits.Add(new Hit(i, i + n - 1, p.Kind, p.Text));
                i += n - 1;
                break;
            }
        }
        return hits;
    }

    private static bool IsBoundaryPunctuation(string text, Token t) =>
        t.Kind == TokenKind.Punctuation && text[t.Start] is ';' or ':' or '.' or '(' or ')' or '[' or ']' or '?' or '!';

    // A bare "not" negates an adjective or a verb phrase, not a list: "many, but not fatal, episodes of edema" leaves
    // the edema affirmed, so its scope ends at a comma; "no" and "without" run on through lists ("no fever, cough").
    private bool ForwardScopeReaches(string text, List<Token> toks, List<Hit> hits, int from, int to, bool stopAtComma = false)
    {
        int words = 0;
        for (int i = from; i < to; i++)
        {
            var t = toks[i];
            if (IsBoundaryPunctuation(text, t)) return false;
            if (stopAtComma && t.Kind == TokenKind.Punctuation && text[t.Start] == ',') return false;
            if (t.Kind is TokenKind.Word or TokenKind.Number) words++;
            if (t.Kind == TokenKind.Word && ClauseVerbs.Contains(t.TextOf(text)) && !Auxiliaries.Contains(t.TextOf(text))) return false;
            if (t.Kind == TokenKind.Word && t.TextOf(text) is "was" or "were" or "is" or "are" && i > from) return false;
        }
        if (words > Options.MaxForwardWords) return false;
        foreach (var h in hits) if (h.Kind is Kind.Termination or Kind.Pseudo && h.First >= from && h.Last < to) return false;
        return true;
    }

    private bool BackwardScopeReaches(string text, List<Token> toks, List<Hit> hits, int from, int to)
    {
        // Auxiliaries right before the trigger belong to it ("was not obvious", "has been excluded").
        int end = to;
        while (end > from && toks[end - 1].Kind == TokenKind.Word && Auxiliaries.Contains(toks[end - 1].TextOf(text))) end--;
        int words = 0;
        for (int i = from; i < end; i++)
        {
            var t = toks[i];
            if (IsBoundaryPunctuation(text, t) || (t.Kind == TokenKind.Punctuation && text[t.Start] == ',')) return false;
            if (t.Kind is TokenKind.Word or TokenKind.Number) words++;
            if (t.Kind == TokenKind.Word && (ClauseVerbs.Contains(t.TextOf(text)) || Auxiliaries.Contains(t.TextOf(text)))) return false;
        }
        if (words > Options.MaxBackwardWords) return false;
        foreach (var h in hits) if (h.Kind is Kind.Termination or Kind.PreNeg or Kind.BiNeg && h.First >= from && h.Last < end) return false;
        return true;
    }
}
