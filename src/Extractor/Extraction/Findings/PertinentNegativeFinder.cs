using Extractor.Language;
using Extractor.Language.Negation;

namespace Extractor.Extraction.Findings;

/// <summary>Options of <see cref="PertinentNegativeFinder"/>.</summary>
public sealed record PertinentNegativeOptions
{
    /// <summary>Words of one negated item ("right-sided heart failure"); longer items are cut.</summary>
    public int MaxItemWords { get; init; } = 4;
    /// <summary>Words a trigger before the items may reach over a list ("no fever, chills, night sweats or weight loss").</summary>
    public int MaxScopeWords { get; init; } = 14;
    public static readonly PertinentNegativeOptions Default = new();
}

/// <summary>
/// Pertinent negatives: whatever a ConText negation trigger denies, also when no lexicon knows the term ("no residual
/// shunt", "without complications", "denied chest pain, palpitations or syncope", "vocal cord paralysis was not
/// found", "signs of heart failure were absent", "his dyspnea resolved"). A trigger before the term (no, without,
/// denied, negative for, free of, absence of, "did not show") opens a scope of noun phrases split at commas and
/// coordinations and ended by clause boundaries (punctuation, verbs, prepositions, termination words); each item is
/// confirmed by <see cref="ContextNegation"/> so pseudo-triggers ("no change in", "not only") never count. A trigger
/// after the term (was not found/seen/detected, were absent, was negative, was ruled out, resolved, disappeared) takes
/// the noun phrase before it back to a determiner, a preposition or a verb. Items that are only quantifiers, pronouns
/// or numbers are dropped. Field `pertinent_negative`, value = the item as written, negated = true.
/// </summary>
public sealed class PertinentNegativeFinder
{
    public static readonly PertinentNegativeFinder Instance = new();
    public PertinentNegativeOptions Options { get; }
    private readonly ContextNegation _negation;

    public PertinentNegativeFinder(PertinentNegativeOptions? options = null)
    {
        Options = options ?? PertinentNegativeOptions.Default;
        _negation = new ContextNegation(new NegationOptions { MaxForwardWords = Options.MaxScopeWords });
    }

    private static HashSet<string> Set(params string[] words) => new(words, StringComparer.OrdinalIgnoreCase);

    // Single-word triggers before the items; "negative for", "free of", "absence of", "lack of" as two words.
    private static readonly HashSet<string> PreTriggers = Set("no", "without", "denied", "denies", "deny", "denying", "nor", "neither");
    private static readonly HashSet<string> PreTriggerFirst = Set("absence", "lack", "devoid");
    private static readonly HashSet<string> StopTriggers = Set("refused", "refuses", "refusing", "declined", "stopped", "stopping", "ceased",
        "discontinued", "excluded", "exclude", "excluding", "withheld", "omitted");
    private static readonly HashSet<string> StopTriggersOf = Set("withdrawal", "cessation", "discontinuation", "resolution", "disappearance",
        "weaned", "weaning", "free");

    // "did not show", "does not have": "not" and its verb.
    private static readonly HashSet<string> NotVerbs = Set("show", "reveal", "have", "develop", "experience", "demonstrate", "require",
        "need", "receive", "undergo", "take", "perform", "use", "exhibit", "display", "report", "complain", "suffer", "detect", "identify", "find", "disclose");

    // Words after the trigger that introduce the items: "no evidence of", "no signs or symptoms of", "without the need for".
    private static readonly HashSet<string> Introducers = Set("evidence", "sign", "signs", "symptom", "symptoms", "history", "features",
        "feature", "finding", "findings", "indication", "indications", "need", "requirement", "suggestion", "episodes", "episode", "complaints",
        "report", "reports", "clinical", "radiological", "radiographic", "obvious", "apparent", "definite", "further", "any", "other", "the",
        "a", "an", "or", "and", "of", "for", "suggestive", "recurrence", "recurrences", "known", "previous", "prior", "family", "personal", "past", "new", "additional", "more");

    // Words that end the scope: verbs, relative words, conjunctions opening a clause, prepositions of adjuncts.
    private static readonly HashSet<string> ScopeEnd = Set(
        "was", "were", "is", "are", "be", "been", "being", "had", "has", "have", "did", "does", "do", "showed", "revealed", "demonstrated",
        "underwent", "received", "developed", "presented", "remained", "started", "discharged", "treated", "performed", "admitted", "found",
        "noted", "seen", "observed", "detected", "identified", "reported", "appeared", "became", "could", "would", "should", "may", "might",
        "can", "will", "that", "which", "who", "whom", "whose", "where", "when", "while", "whereas", "but", "however", "although", "though",
        "because", "since", "as", "so", "then", "except", "apart", "besides", "despite", "if", "unless", "until", "after", "before",
        "during", "at", "on", "in", "into", "from", "to", "with", "by", "via", "within", "over", "under", "throughout", "following",
        "than", "including", "such", "like", "per", "among", "between", "against", "toward", "towards", "upon", "other",
        "he", "she", "they", "it", "we", "i", "patient", "there", "his", "her", "their", "its", "for", "of", "according", "example", "instance");

    // "no longer", "no change", "not only": pseudo-triggers that negate nothing.
    private static readonly HashSet<string> PseudoAfterNo = Set("longer", "change", "changes", "increase", "decrease", "difference", "doubt",
        "further", "interval", "significant", "only", "necessarily", "matter", "sooner", "less", "more", "exception");

    // Background that experts do not mark as negated events: "no past medical history", "no family history".
    private static readonly HashSet<string> BackgroundWords = Set("history", "medical", "family", "social", "surgical", "records", "record", "allergies", "known");

    // Words that alone make no item: quantifiers, pronouns, degree words.
    private static readonly HashSet<string> Empty = Set("one", "ones", "longer", "more", "less", "further", "significant", "obvious",
        "change", "changes", "difference", "increase", "decrease", "doubt", "avail", "help", "problem", "problems", "issue", "issues",
        "improvement", "response", "effect", "effects", "benefit", "time", "way", "need", "matter", "reason", "data", "information",
        "sign", "signs", "evidence", "history", "any", "other", "the", "a", "an", "all", "both", "either", "none", "such", "similar", "same",
        "days", "weeks", "months", "years", "hours", "kind", "use", "usage", "sense", "association", "requirements", "relief", "most", "also");

    // Triggers after the term: "(was) not found", "(were) absent", "(was) negative", "(was) ruled out", "resolved".
    private static readonly HashSet<string> PostParticiples = Set("seen", "observed", "detected", "found", "present", "noted", "identified",
        "evident", "apparent", "shown", "visualized", "visualised", "demonstrated", "appreciated", "palpable", "elicited", "recorded", "documented",
        "achieved", "undertaken", "used", "performed", "done", "given", "required", "needed", "necessary", "available", "possible");
    // Passive stops after a be-form: "steroids were discontinued", "cryoglobulinemia was excluded".
    private static readonly HashSet<string> PostPassive = Set("discontinued", "stopped", "excluded", "withdrawn", "ceased", "relieved", "withheld", "unavailable");
    private static readonly HashSet<string> PostAlone = Set("absent", "resolved", "disappeared", "subsided", "abated");
    private static readonly HashSet<string> BeForms = Set("was", "were", "is", "are", "be", "been");
    private static readonly HashSet<string> Auxiliaries = Set("was", "were", "is", "are", "had", "has", "have", "been", "be", "did", "does", "do", "completely", "fully", "eventually", "gradually", "subsequently");
    private static readonly HashSet<string> NounPhraseStops = Set("the", "a", "an", "his", "her", "their", "its", "this", "that", "these",
        "those", "and", "or", "but", "of", "with", "in", "on", "at", "for", "to", "from", "by", "after", "before", "during", "any", "all",
        "which", "who", "when", "while", "then", "also", "both", "patient's", "patient", "she", "he", "they", "there");

    /// <summary>Every pertinent negative of the document, as facts with field <c>pertinent_negative</c>.</summary>
    public IEnumerable<FoundFact> Find(AnalyzedDocument document)
    {
        string text = document.Text;
        var found = new List<FoundFact>();
        foreach (var sentence in document.Sentences)
        {
            var toks = new List<Token>();
            for (int i = sentence.FirstToken; i < sentence.FirstToken + sentence.TokenCount; i++)
                if (document.Tokens[i].Kind != TokenKind.LineBreak) toks.Add(document.Tokens[i]);
            for (int i = 0; i < toks.Count; i++)
            {
                if (toks[i].Kind != TokenKind.Word) continue;
                string w = toks[i].TextOf(text);
                int after = -1;
                bool confirm = true;
                string next = i + 1 < toks.Count ? Word(text, toks[i + 1]) : "";
                if (PreTriggers.Contains(w)) after = i + 1;
                // Refusal, stopping and exclusion: "refused surgery", "withdrawal of sedation", "weaned from ECMO",
                // "excluded tabetic crises" (experts mark what did not happen or is not present).
                else if (StopTriggers.Contains(w)) { after = i + 1; confirm = false; }
                else if (StopTriggersOf.Contains(w) && next is "of" or "from" or "off") { after = i + 2; confirm = false; }
                else if (w.Equals("ruled", StringComparison.OrdinalIgnoreCase) && next == "out") { after = i + 2; confirm = false; }
                // "was not tachypnoeic", "was not associated with malnutrition".
                else if (w.Equals("not", StringComparison.OrdinalIgnoreCase) && i >= 1 && BeForms.Contains(toks[i - 1].TextOf(text))
                         && !PostParticiples.Contains(next) && !PseudoAfterNo.Contains(next)
                         // "was not initially performed", "was not raised", "was not a candidate": no denied finding.
                         && !next.EndsWith("ly") && !next.EndsWith("ed") && next is not ("a" or "an" or "the" or "yet" or "always" or "possible"))
                {
                    after = i + 1;
                    if (next is "associated" or "related" or "consistent" or "compatible" or "suggestive" or "indicative" && i + 2 < toks.Count) after = i + 3;
                }
                else if (PreTriggerFirst.Contains(w) && i + 1 < toks.Count && Word(text, toks[i + 1]) is "for" or "of" or "from") after = i + 2;
                else if (w.Equals("not", StringComparison.OrdinalIgnoreCase) && i + 1 < toks.Count && NotVerbs.Contains(Word(text, toks[i + 1]))) after = i + 2;
                // "No." before a number is the abbreviation of "number".
                if (after < 0 || (w is "No" && after < toks.Count && text[toks[after].Start] == '.')) continue;
                if (after < toks.Count && toks[after].Kind == TokenKind.Word && PseudoAfterNo.Contains(toks[after].TextOf(text))
                    && !(w.Equals("without", StringComparison.OrdinalIgnoreCase) && toks[after].TextOf(text).Equals("significant", StringComparison.OrdinalIgnoreCase))) continue;
                Forward(document, toks, after, found, confirm);
            }
            Backward(document, toks, found);
        }
        return found.OrderBy(f => f.Start);
    }

    private static string Word(string text, Token t) => t.Kind == TokenKind.Word ? t.TextOf(text).ToLowerInvariant() : t.TextOf(text);

    private static bool IsHyphen(string text, Token t) => t.Kind == TokenKind.Punctuation && t.Length == 1 && text[t.Start] is '-' or '‐' or '–';

    private void Forward(AnalyzedDocument document, List<Token> toks, int from, List<FoundFact> found, bool confirm)
    {
        string text = document.Text;
        int i = from;
        // Skip what introduces the items: "evidence of", "any other", "signs or symptoms of".
        while (i < toks.Count && toks[i].Kind == TokenKind.Word && Introducers.Contains(toks[i].TextOf(text))) i++;
        int scopeWords = 0;
        int itemFirst = -1, itemLast = -1, itemWords = 0;
        void Close()
        {
            if (itemFirst >= 0) Emit(document, toks, itemFirst, itemLast, found, confirm);
            itemFirst = itemLast = -1;
            itemWords = 0;
        }
        for (; i < toks.Count && scopeWords < Options.MaxScopeWords; i++)
        {
            var t = toks[i];
            string s = t.TextOf(text);
            if (t.Kind == TokenKind.Punctuation && (s == "," || s == "/"))
            {
                Close();
                // A new noun phrase with its own determiner after a comma starts another clause: "no leaks, a peak gradient of".
                if (i + 1 < toks.Count && toks[i + 1].Kind == TokenKind.Word && toks[i + 1].TextOf(text).ToLowerInvariant() is "a" or "an" or "the" or "this" or "these") break;
                continue;
            }
            if (IsHyphen(text, t) && itemFirst >= 0 && i + 1 < toks.Count && toks[i + 1].Start == t.End) continue; // "right-sided"
            if (t.Kind is TokenKind.Punctuation or TokenKind.Symbol) break;
            scopeWords++;
            if (t.Kind == TokenKind.Word && s.ToLowerInvariant() is "or" or "and" or "nor") { Close(); continue; }
            if (t.Kind == TokenKind.Word && ScopeEnd.Contains(s)) break;
            if (t.Kind == TokenKind.Word && s.Length > 3 && (s.EndsWith("ed") || s.EndsWith("ly")) && itemFirst >= 0 && !IsAdjectiveLike(s)) break;
            if (itemWords >= Options.MaxItemWords) continue; // cut a long item, keep reading for the next one
            if (itemFirst < 0) itemFirst = i;
            itemLast = i;
            itemWords++;
        }
        Close();
    }

    // Participles used as adjectives inside a noun phrase: "enlarged lymph nodes", "elevated liver enzymes".
    private static bool IsAdjectiveLike(string w) => w.EndsWith("ed") && w.Length > 5;

    private void Backward(AnalyzedDocument document, List<Token> toks, List<FoundFact> found)
    {
        string text = document.Text;
        for (int i = 1; i < toks.Count; i++)
        {
            if (toks[i].Kind != TokenKind.Word) continue;
            string w = toks[i].TextOf(text);
            int end; // index after the last auxiliary/"not" before the trigger word
            // Passive only: "the mass was not seen", not "the clinicians had not detected".
            if (PostParticiples.Contains(w) && Word(text, toks[i - 1]) == "not" && i >= 2 && BeForms.Contains(toks[i - 2].TextOf(text))) end = i - 1;
            else if (PostAlone.Contains(w)) end = i;
            else if (PostPassive.Contains(w) && BeForms.Contains(toks[i - 1].TextOf(text))) end = i;
            else if (w.Equals("out", StringComparison.OrdinalIgnoreCase) && Word(text, toks[i - 1]) == "ruled") end = i - 1;
            else continue;
            int j = end - 1;
            while (j >= 0 && toks[j].Kind == TokenKind.Word && Auxiliaries.Contains(toks[j].TextOf(text))) j--;
            // "resolved" and "disappeared" need their subject right before them or after an auxiliary.
            int last = j, first = -1, words = 0;
            for (; j >= 0 && words < Options.MaxItemWords; j--)
            {
                var t = toks[j];
                if (IsHyphen(text, t) && first >= 0) continue;
                if (t.Kind != TokenKind.Word && t.Kind != TokenKind.Number) break;
                string s = t.TextOf(text);
                if (NounPhraseStops.Contains(s) || ScopeEnd.Contains(s) || PreTriggers.Contains(s)) break;
                first = j;
                words++;
            }
            if (first < 0 || last < first) continue;
            Emit(document, toks, first, last, found, confirm: false);
        }
    }

    private void Emit(AnalyzedDocument document, List<Token> toks, int first, int last, List<FoundFact> found, bool confirm)
    {
        string text = document.Text;
        // Trim words that make no item at either end ("any", "further", "significant").
        while (first <= last && (toks[first].Kind != TokenKind.Word || IsDeterminerLike(toks[first].TextOf(text)))) first++;
        if (first > last) return;
        bool anyContent = false;
        for (int k = first; k <= last; k++)
            if (toks[k].Kind == TokenKind.Word && !Empty.Contains(toks[k].TextOf(text)) && toks[k].Length > 1) anyContent = true;
        if (!anyContent) return;
        for (int k = first; k <= last; k++)
            if (toks[k].Kind == TokenKind.Word && BackgroundWords.Contains(toks[k].TextOf(text))) return;
        // "no grade 3/4 events": a grade or stage alone is the modifier of an item the adverse events hold.
        if (toks[first].TextOf(text).ToLowerInvariant() is "grade" or "grades" or "stage" or "g") return;
        int s = toks[first].Start, e = toks[last].End;
        if (found.Any(f => f.Start < e && s < f.End)) return;
        if (confirm)
        {
            var verdict = _negation.Assess(document, s, e);
            if (!verdict.Negated || verdict.Hypothetical) return;
        }
        string value = string.Join(' ', text[s..e].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        found.Add(new FoundFact("pertinent_negative", "pertinent negative", value, "", "", s, e, Negated: true));
    }

    private static bool IsDeterminerLike(string w) => w.ToLowerInvariant() is "any" or "other" or "the" or "a" or "an" or "all" or "both" or "either" or "such" or "further" or "significant" or "obvious";
}
