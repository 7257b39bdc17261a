using System.Globalization;
using System.Text.RegularExpressions;
using Extractor.Language;
using Extractor.Language.Patterns;

namespace Extractor.Extraction.Findings;

/// <summary>
/// How often a non-drug event happens: symptoms, seizures, episodes, visits, follow-up, tests (field <c>frequency</c>).
/// A small grammar over numbers (digits, number words, ranges "2–3", "2 to 3", "6 or 12"), multiplicatives (once,
/// twice, thrice, N times), per-expressions (per week, a day, /day, each day, daily, weekly, monthly, annually),
/// intervals (every N units, every other day, 6-month intervals, 3-monthly, q6h, b.i.d.), counts (N times, several
/// times, on a single occasion, one-time) and qualitative adverbs and adjectives (intermittent, frequent, occasional,
/// sporadic, periodic, regularly, recurrent, waxed and waned) plus the noun "frequency" with its change.
/// Value: a normalized rate <c>2-3/week</c>, <c>8-10/day</c>, an interval <c>1/3 months</c>, a count (unit <c>times</c>)
/// or the qualitative class. Name: the event it qualifies, from the sentence (the counted noun, the noun phrase after a
/// prenominal frequency, else the verb or noun phrase before it). A frequency right after a drug amount ("5 mg daily")
/// is a dose schedule: <see cref="FindingsExtractor"/> also drops any that a medication row holds.
/// </summary>
public static partial class EventFrequencyFinder
{
    public const string Field = "frequency";

    // ---- grammar pieces ------------------------------------------------------------------------------------------
    private const string Num = $@"(?:\d{{1,3}}(?:\.\d+)?|{NumberWords.Pattern})";
    private const string To = @"\s*(?:-|–|—|‐|to|or)\s*";
    private const string Range = $@"(?<n>{Num})(?:{To}(?<m>{Num}))?";
    private const string Few = @"(?<few>a\s+few|several|multiple|many|numerous)";
    private const string PerWord = @"(?:(?:a|an|per|each|every|in\s+a)\s+|/\s*)";
    // OCR reads the slash of "seizures/day" as a letter glued to the noun ("seizuresiday", "episodeslweek").
    private const string PerWordOcr = @"(?:(?:a|an|per|each|every|in\s+a)\s+|/\s*|(?<=\p{L}s)[il1|](?=(?:days?|weeks?|months?|years?)\b))";
    // "a week later" is a point in time, not a period of a rate.
    private const string UnitWord = @"(?<u>hours?|hrs?|h|days?|d|weeks?|wks?|months?|mos?|years?|yrs?|night|morning|evening)(?!\s+(?:later|after|before|earlier|ago|prior|previously)\b)";
    private const string Adverb = @"(?<adv>daily|weekly|monthly|yearly|annually|hourly|nightly|fortnightly)";

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>"2–3 times per week", "twice weekly", "once daily", "several times a day", "once or twice a month",
    /// "twice every 3 months", "3 days a week".</summary>
    [GeneratedRegex($@"(?<![\w.])(?:(?<mult>once|twice|thrice)(?:\s+(?:or|to)\s+(?<mult2>twice|thrice|three\s+times|four\s+times))?|{Few}\s+times|{Range}\s*(?:times|x|×|days|nights|mornings|evenings))\s*-?\s*(?:{PerWord}{UnitWord}\b|{Adverb}\b|every\s+(?<k>{Num})\s*(?<u>hours?|days?|weeks?|months?|years?)\b)", Options)]
    private static partial Regex MultiplicativeRate();

    /// <summary>"8–10 seizures/day", "a few episodes each day", "3 stools per day": a count of a named event per unit.</summary>
    [GeneratedRegex($@"(?<![\w.])(?:{Range}|{Few})\s+(?<noun>\p{{L}}[\p{{L}}'-]*(?:\s+\p{{L}}[\p{{L}}'-]*){{0,2}}?)\s*{PerWordOcr}{UnitWord}\b", Options)]
    private static partial Regex CountRate();

    /// <summary>"every 3 months", "every 4 to 6 months", "every other day", "at 6-month intervals", "3-monthly", "q6h".</summary>
    [GeneratedRegex($@"\bevery\s+(?:(?<other>other|second|alternate)\s+|(?<ord>third|fourth|fifth|sixth)\s+|(?<fewunits>few|several)\s+|{Range}\s*-?\s*)?(?<u>hours?|hrs?|h|days?|weeks?|wks?|months?|mos?|years?|yrs?|night|morning|evening)\b" +
                    $@"|(?<![\w.]){Range}[-\s](?<u>hour|day|week|month|year)(?:ly)?\s+intervals\b" +
                    $@"|\bintervals\s+of\s+{Range}\s*(?<u>hours?|days?|weeks?|months?|years?)\b" +
                    @"|(?<![\w.-])(?<n>\d{1,2}|two|three|four|six)[-\s]?(?<u>week|month|year)ly\b" +
                    @"|\bon\s+(?<other>alternate)\s+(?<u>days|weeks)\b|\b(?<semi>semi-?annual(?:ly)?|bi-?annual(?:ly)?)\b" +
                    @"|(?<![\p{L}\d])q\.?\s?(?<n>\d{1,2})\s?(?<u>h|hrs?|hours?|d|days?|wks?|weeks?|mo|months?)(?![\p{L}])", Options)]
    private static partial Regex Interval();

    /// <summary>"daily", "on a weekly basis", "each month", "b.i.d.", "q.d.".</summary>
    [GeneratedRegex($@"\b(?:on\s+an?\s+)?{Adverb}(?:\s+basis)?\b|\beach\s+(?<u>day|week|month|year|night|morning)\b" +
                    @"|(?<![\p{L}.])(?<latin>q\.d\.?|b\.i\.d\.?|t\.i\.d\.?|q\.i\.d\.?|q\.o\.d\.?|bid|tid|qid|qod|qd)(?![\p{L}])", Options)]
    private static partial Regex PerAdverb();

    /// <summary>Frequency adverbs and adjectives with their class.</summary>
    [GeneratedRegex(@"\b(?:(?<intermittent>intermittent(?:ly)?|episodic(?:ally)?|on\s+and\s+off|waxed\s+and\s+waned|waxing\s+and\s+waning)" +
                    @"|(?<frequent>frequent(?:ly)?)|(?<occasional>occasional(?:ly)?|sporadic(?:ally)?|sometimes|on\s+occasions?|from\s+time\s+to\s+time)" +
                    @"|(?<rare>infrequent(?:ly)?|rarely|seldom)|(?<periodic>periodic(?:ally)?)" +
                    @"|(?<regular>regularly|(?:at\s+)?regular\s+intervals|regular(?=\s+(?:hospital\s+|outpatient\s+|clinic\s+)?(?:visits?|follow[- ]?ups?|check[- ]?ups?|monitoring|examinations?|controls?|reviews?|assessments?)))" +
                    @"|(?<recurrent>recurrent(?:ly)?|recurring|repeated(?:ly)?))\b", Options)]
    private static partial Regex Qualitative();

    /// <summary>Counts: "once", "twice", "3 times", "several times", "on a single occasion", "on two occasions", "one-time".</summary>
    [GeneratedRegex($@"\b(?<mult>once|twice|thrice)\b|(?<![\w.]){Range}\s+times\b|\b{Few}\s+times\b" +
                    $@"|\bon\s+(?:a\s+)?(?:(?<single>single|one)|{Few}|{Range})\s+(?:separate\s+|different\s+)?occasions\b|\bon\s+a\s+(?<single>single)\s+occasion\b|\bone[- ]time\b(?!s)", Options)]
    private static partial Regex Count();

    /// <summary>The noun "frequency" of an event.</summary>
    [GeneratedRegex(@"(?<![\w-])frequency\b", Options)]
    private static partial Regex FrequencyNoun();

    [GeneratedRegex(@"\b(?<c>increased|decreased|reduced|diminished|declined|rose|fell|low|high|higher|lower)\b", Options)]
    private static partial Regex Change();

    /// <summary>An amount with a drug-dose unit just before: "5 mg", "0.2 mg/kg", "2 tablets", "40 mg/m2 IV".</summary>
    [GeneratedRegex(@"\d\s*(?:mg|g|µg|μg|mcg|ug|ng|mL|ml|L|IU|U|units?|mEq|mmol|mg/kg|µg/kg|mg/m2|mg/m²|tablets?|tabs?|capsules?|caps|puffs?|drops?|doses?|sachets?|ampoules?|vials?|pills?)(?:\s*/\s*(?:kg|m2|m²|day|d))*\.?(?:\s*,?\s*(?:\(?[A-Za-z.]{1,12}\)?|orally|intravenously|subcutaneously|intramuscularly))?\s*,?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DoseBefore();

    /// <summary>Words after "daily"/"weekly" that make it a drug or a life context, not an event rate.</summary>
    private static readonly HashSet<string> NotEventAfter = Set("dose", "doses", "dosage", "dosing", "life", "living", "activities", "activity",
        "routine", "practice", "intake", "requirement", "requirements", "allowance", "administration", "regimen", "schedule", "medication",
        "medications", "therapy", "treatment", "injection", "injections", "infusion", "infusions", "chemotherapy", "radiotherapy", "oral", "intravenous",
        "cost", "costs", "basis");

    /// <summary>Terms in which a frequency word is part of a name: intermittent hemodialysis, periodic acid-Schiff, periodic paralysis.</summary>
    private static readonly HashSet<string> NamedTermAfter = Set("hemodialysis", "haemodialysis", "dialysis", "catheterization",
        "catheterisation", "self-catheterization", "claudication", "ventilation", "mandatory", "positive", "pneumatic", "explosive", "porphyria",
        "acid", "acid-schiff", "paralysis", "table");

    /// <summary>Verbs and nouns after a frequency adverb that make a general statement ("frequently associated with", "infrequent causes").</summary>
    private static readonly HashSet<string> GenericAfter = Set("associated", "reported", "described", "caused", "causes", "cause", "used",
        "observed", "seen", "found", "involved", "affected", "occurs", "occur", "presents", "leads", "results", "encountered", "documented",
        "recognized", "recognised", "misdiagnosed", "diagnosed", "underdiagnosed", "overlooked", "complicated");

    /// <summary>Substances consumed: "20 cigarettes per day", "two packs a day" are amounts (an exposure), not events.</summary>
    private static readonly HashSet<string> ConsumedNouns = Set("cigarettes", "cigarette", "packs", "pack", "cigars", "pipes", "drinks",
        "drink", "beers", "glasses", "cups", "bottles", "cans", "joints", "grams", "liters", "litres", "ounces", "calories", "servings", "meals");

    /// <summary>Words after a count that make it a ratio, not a number of events ("twice the upper limit", "3 times higher").</summary>
    private static readonly HashSet<string> NotCountAfter = Set("the", "as", "a", "an", "that", "more", "higher", "greater", "larger", "lower",
        "less", "smaller", "fewer", "normal", "upper", "above", "below", "over", "under", "its", "his", "her", "their", "baseline", "uln", "again",
        "she", "he", "it", "they", "we", "this", "these", "those", "fold", "increase", "increased", "elevated", "longer", "shorter", "faster",
        "slower", "per", "daily", "weekly", "monthly", "i", "you", "there", "every", "each");

    /// <summary>Words before "once" that make it an adverb of time, not a count ("at once", "the once enlarged").</summary>
    private static readonly HashSet<string> NotCountBefore = Set("at", "all", "the", "for", "a", "this", "that", "and", "but", "until", "even");

    /// <summary>Nouns a count-rate cannot count: units of measure and time.</summary>
    private static readonly HashSet<string> NotCountedNouns = Set("mg", "g", "µg", "mcg", "ng", "kg", "ml", "l", "dl", "iu", "u", "units", "unit",
        "mmol", "mol", "meq", "kcal", "cal", "gy", "cgy", "cm", "mm", "m", "km", "tablets", "tablet", "tabs", "capsules", "capsule", "puffs",
        "drops", "doses", "dose", "sachets", "boluses", "bolus", "injections", "infusions", "courses", "cycles", "vials", "pills", "hours", "hour", "days", "day", "weeks", "week", "months", "month", "years", "year",
        "minutes", "min", "times", "and", "or", "of", "the", "a", "an", "in", "on", "at", "for", "to", "with", "from", "by", "was", "were", "is",
        "are", "old", "later", "after", "before", "ago", "earlier", "prior", "per", "each", "every", "than");

    /// <summary>A sentence about microscopy: "occasional", "frequent" describe how many cells, not how often.</summary>
    [GeneratedRegex(@"\b(?:patholog|histolog|histopatholog|biops|specimen|cytolog|microscop|immunohisto|smear|stain|mitos|mitotic|cells?\b|nucle(?:us|i|olus|oli)\b|cytoplasm|chromatin)", Options)]
    private static partial Regex MicroscopyCue();

    /// <summary>A frequency of a population or a signal, not of the patient's events.</summary>
    [GeneratedRegex(@"\b(?:in|among)\s+(?:\w+\s+){0,2}(?:patients|cases|population|children|adults|individuals|people|subjects|series|studies|literature)\b|%|\b[kKM]?Hz\b|\ballel", RegexOptions.CultureInvariant)]
    private static partial Regex PopulationCue();

    [GeneratedRegex(@"(?:approximately|about|around|roughly|nearly|almost|at\s+least|up\s+to|more\s+than|less\s+than|over|fewer\s+than)\s+$", Options)]
    private static partial Regex ApproximateBefore();

    private static HashSet<string> Set(params string[] words) => new(words, StringComparer.OrdinalIgnoreCase);

    /// <summary>A frequency in sentence offsets. <paramref name="Prenominal"/>: a form that can stand before its event
    /// ("intermittent fever", "daily epistaxis", "periodically hospitalized"), so the name is looked for after it first.</summary>
    private readonly record struct Candidate(int Start, int End, string Value, string Unit, string Qualifier, int NounStart = -1, int NounEnd = -1, bool Prenominal = false);

    /// <summary>Every event frequency of the document (before the medication rows are taken out).</summary>
    public static IEnumerable<FoundFact> Find(AnalyzedDocument document)
    {
        string text = document.Text;
        var facts = new List<FoundFact>();
        foreach (var sentence in document.Sentences)
        {
            string st = sentence.TextOf(text);
            var candidates = new List<Candidate>();
            Collect(st, candidates);
            foreach (var c in Resolve(st, candidates))
            {
                string qualifier = c.Qualifier;
                int nameTo = c.Start;
                // "about 8-10 seizures/day", "approximately every 6 months": only before a written number or interval.
                var approx = ApproximateBefore().Match(st[Math.Max(0, c.Start - 14)..c.Start]);
                if (approx.Success && Regex.IsMatch(st[c.Start..c.End], $@"^(?:\d|every\b|once\b|twice\b|thrice\b|{NumberWords.Pattern}\b)", Options))
                {
                    qualifier = Join(Regex.Replace(approx.Value.Trim().ToLowerInvariant(), @"\s+", " "), qualifier);
                    nameTo = c.Start - approx.Length;
                }
                string name = NameOf(st, c, nameTo);
                facts.Add(new FoundFact(Field, name, c.Value, c.Unit, qualifier, sentence.Start + c.Start, sentence.Start + c.End));
            }
        }
        return facts;
    }

    private static void Collect(string st, List<Candidate> list)
    {
        foreach (Match m in MultiplicativeRate().Matches(st))
        {
            string? n = CountOf(m);
            // "once or twice a month" -> 1-2/month.
            if (m.Groups["mult2"].Success) n = $"{n}-{m.Groups["mult2"].Value.ToLowerInvariant() switch { "twice" => "2", "thrice" or "three times" => "3", _ => "4" }}";
            string? per = m.Groups["adv"].Success ? AdverbUnit(m.Groups["adv"].Value) : UnitOf(m.Groups["u"].Value);
            // "3 days a week" counts days of a week; "2 days per day" is nothing.
            if (Regex.IsMatch(m.Value, @"\b(?:days|nights|mornings|evenings)\b", Options) && per is not ("week" or "month")) continue;
            // "twice every 3 months" -> 2/3 months.
            if (m.Groups["k"].Success && per is not null && NumberWords.Normalize(m.Groups["k"].Value) is { } k && k != "1") per = $"{k} {per}s";
            if (n is null || per is null) continue;
            if (DoseBefore().IsMatch(st[..m.Index])) continue;
            list.Add(new Candidate(m.Index, m.Index + m.Length, $"{n}/{per}", "", "", Prenominal: m.Groups["adv"].Success));
        }
        foreach (Match m in CountRate().Matches(st))
        {
            string? n = CountOf(m);
            string? per = UnitOf(m.Groups["u"].Value);
            var noun = m.Groups["noun"];
            if (n is null || per is null) continue;
            if (noun.Value.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Any(w => NotCountedNouns.Contains(w) || ConsumedNouns.Contains(w) || w.Length < 2)) continue;
            list.Add(new Candidate(m.Index, m.Index + m.Length, $"{n}/{per}", "", "", noun.Index, noun.Index + noun.Length));
        }
        foreach (Match m in Interval().Matches(st))
        {
            if (m.Groups["semi"].Success) { list.Add(new Candidate(m.Index, m.Index + m.Length, "1/6 months", "", "", Prenominal: true)); continue; }
            string? unit = UnitOf(m.Groups["u"].Value);
            if (unit is null) continue;
            if (DoseBefore().IsMatch(st[..m.Index])) continue;
            string? every;
            if (m.Groups["other"].Success) every = "2";
            else if (m.Groups["fewunits"].Success) every = "several";
            else if (m.Groups["ord"].Success) every = m.Groups["ord"].Value.ToLowerInvariant() switch { "third" => "3", "fourth" => "4", "fifth" => "5", _ => "6" };
            else if (m.Groups["n"].Success) every = RangeOf(m);
            else every = "1";
            if (every is null) continue;
            if (unit is "night" or "morning" or "evening") { list.Add(new Candidate(m.Index, m.Index + m.Length, "1/day", "", unit == "night" ? "at night" : "in the " + unit)); continue; }
            list.Add(new Candidate(m.Index, m.Index + m.Length, every == "1" ? $"1/{unit}" : $"1/{every} {unit}s", "", "", Prenominal: m.Value.EndsWith("ly", StringComparison.OrdinalIgnoreCase)));
        }
        foreach (Match m in PerAdverb().Matches(st))
        {
            if (DoseBefore().IsMatch(st[..m.Index])) continue;
            string? value;
            if (m.Groups["latin"].Success)
                value = m.Groups["latin"].Value.ToLowerInvariant().Replace(".", "") switch { "qd" => "1/day", "bid" => "2/day", "tid" => "3/day", "qid" => "4/day", _ => "1/2 days" };
            else if (m.Groups["adv"].Success) value = AdverbUnit(m.Groups["adv"].Value) is { } u ? "1/" + u : null;
            else value = UnitOf(m.Groups["u"].Value) is { } u2 ? (u2 is "night" or "morning" ? "1/day" : "1/" + u2) : null;
            if (value is null) continue;
            // "daily dose", "daily activities", "weekly chemotherapy": a drug's schedule or everyday life, no event rate.
            if (NotEventAfter.Contains(NextWord(st, m.Index + m.Length))) continue;
            list.Add(new Candidate(m.Index, m.Index + m.Length, value, "", m.Groups["adv"].Value.Equals("nightly", StringComparison.OrdinalIgnoreCase) ? "at night" : "", Prenominal: m.Groups["adv"].Success));
        }
        bool microscopy = MicroscopyCue().IsMatch(st);
        foreach (Match m in Qualitative().Matches(st))
        {
            string cls = new[] { "intermittent", "frequent", "occasional", "rare", "periodic", "regular", "recurrent" }.First(g => m.Groups[g].Success);
            string before = PreviousWord(st, m.Index), after = NextWord(st, m.Index + m.Length);
            // "the most frequent cause", "more frequently": a comparison of how common, not how often.
            if (before is "most" or "more" or "less" or "least" or "very" && cls is "frequent" or "rare" or "occasional") continue;
            if (cls is "frequent" or "occasional" or "rare" && microscopy && !m.Value.EndsWith("ly", StringComparison.OrdinalIgnoreCase)) continue;
            // "the echocardiography was repeated": a participle, the test was done again; no rate.
            if (m.Value.Equals("repeated", StringComparison.OrdinalIgnoreCase) && (IsBe(before) || after.Length == 0 || IsFunction(after))) continue;
            // "recurrent epistaxis", "recurrent pancreatitis", "repeated echocardiography": a diagnosis or a test done
            // again; only repeated episodes ("recurrent attacks of", "repeated episodes of") say how often.
            if (cls == "recurrent" && !EpisodeWords.Contains(after)) continue;
            // Named modalities and conditions: intermittent hemodialysis, intermittent claudication, periodic acid-Schiff.
            if (NamedTermAfter.Contains(after) && cls is "intermittent" or "periodic") continue;
            // "is frequently associated with", "rarely caused by", "infrequent causes": what the literature says of a
            // disease, not how often the patient's events happen.
            if (GenericAfter.Contains(after) || before is "is" or "are") continue;
            // "can sometimes be missed", "may occasionally occur": a possibility, not the patient's history.
            if (before is "can" or "could" or "may" or "might" or "would" or "should" or "will") continue;
            // "(quite) frequent." at the end of a clause after a degree word: how common something is.
            if (before is "quite" or "fairly" or "relatively" or "rather" or "extremely" or "very" or "not" && after.Length == 0) continue;
            if (NotEventAfter.Contains(after)) continue;
            list.Add(new Candidate(m.Index, m.Index + m.Length, cls, "", "", Prenominal: true));
        }
        foreach (Match m in Count().Matches(st))
        {
            string before = PreviousWord(st, m.Index), after = NextWord(st, m.Index + m.Length);
            if (NotCountAfter.Contains(after) || st[(m.Index + m.Length)..].TrimStart().StartsWith('-')) continue;
            if (m.Groups["mult"].Success && m.Groups["mult"].Value.Equals("once", StringComparison.OrdinalIgnoreCase) && NotCountBefore.Contains(before)) continue;
            // "once" opening a clause ("Once she ceased to vomit") or starting the sentence is a conjunction.
            if (m.Groups["mult"].Value.Equals("once", StringComparison.OrdinalIgnoreCase) && (before.Length == 0 || st[..m.Index].TrimEnd().EndsWith(','))) continue;
            string value = m.Groups["single"].Success || m.Value.StartsWith("one", StringComparison.OrdinalIgnoreCase) && m.Value.Contains("time", StringComparison.OrdinalIgnoreCase) ? "once"
                : m.Groups["few"].Success ? "several"
                : m.Groups["mult"].Success ? m.Groups["mult"].Value.ToLowerInvariant() switch { "once" => "once", "twice" => "2", _ => "3" }
                : RangeOf(m) ?? "";
            if (value.Length == 0) continue;
            if (value == "1") value = "once";
            list.Add(new Candidate(m.Index, m.Index + m.Length, value, "times", "", Prenominal: m.Value.StartsWith("one", StringComparison.OrdinalIgnoreCase)));
        }
        foreach (Match m in FrequencyNoun().Matches(st))
        {
            string before = PreviousWord(st, m.Index);
            if (before is "urinary" or "urine" or "micturition" or "high" or "low" or "radio" or "respiratory" or "heart" or "pulse" or "allele" or "allelic" or "gene") continue;
            int clauseEnd = ClauseEnd(st, m.Index + m.Length);
            string clause = st[(m.Index + m.Length)..clauseEnd];
            if (PopulationCue().IsMatch(clause)) continue;
            var after = Change().Match(clause);
            int from = Math.Max(ClauseStart(st, m.Index), m.Index - 45);
            var beforeChange = Change().Matches(st[from..m.Index]).LastOrDefault();
            if (after.Success && clause[..after.Index].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 6)
                list.Add(new Candidate(m.Index, m.Index + m.Length + after.Index + after.Length, ChangeClass(after.Value), "", "change"));
            else if (beforeChange is not null)
                list.Add(new Candidate(m.Index, m.Index + m.Length, ChangeClass(beforeChange.Value), "", "change"));
        }
    }

    /// <summary>Longest candidate first at each place, no overlaps; a qualitative word right before a rate or interval
    /// joins it ("followed-up regularly every 4 to 6 months" is one frequency, class regular).</summary>
    private static List<Candidate> Resolve(string st, List<Candidate> candidates)
    {
        var kept = new List<Candidate>();
        foreach (var c in candidates.OrderBy(c => c.Start).ThenByDescending(c => c.End - c.Start))
            if (!kept.Any(k => k.Start < c.End && c.Start < k.End)) kept.Add(c);
        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (int i = 0; i + 1 < kept.Count; i++)
        {
            var a = kept[i]; var b = kept[i + 1];
            if (!string.IsNullOrWhiteSpace(st[a.End..b.Start])) continue;
            bool aQual = !a.Value.Any(char.IsDigit) && a.Unit == "", bQual = !b.Value.Any(char.IsDigit) && b.Unit == "";
            if (aQual == bQual) continue;
            var (rate, qual) = aQual ? (b, a) : (a, b);
            kept[i] = rate with { Start = a.Start, End = b.End, Qualifier = Join(qual.Value, rate.Qualifier), Prenominal = b.Prenominal };
            kept.RemoveAt(i + 1);
            i--;
        }
        return kept;
    }

    // ---- the event a frequency qualifies ------------------------------------------------------------------------

    private static readonly HashSet<string> NameStops = Set("the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those",
        "and", "or", "but", "of", "with", "in", "on", "at", "for", "to", "from", "by", "after", "before", "during", "since", "until", "as",
        "into", "over", "under", "about", "approximately", "around", "than", "per", "each", "every", "which", "who", "when", "while", "then",
        "also", "both", "was", "were", "is", "are", "be", "been", "being", "had", "has", "have", "did", "does", "do", "will", "would", "could",
        "should", "can", "may", "might", "must", "not", "no", "patient", "patient's", "patients", "he", "she", "they", "it", "we", "him",
        "them", "there", "up", "only", "still", "further", "then", "thereafter", "again", "initially", "afterwards", "once",
        "twice", "times", "time", "continue", "continued", "currently", "being", "so", "such", "very", "more", "less", "most", "least",
        "through", "via", "within", "without", "among", "between", "upon", "throughout", "including", "like", "following", "despite",
        "except", "requiring", "required", "needing", "because", "due", "whereas", "although", "if", "where",
        // verbs that report an event rather than name it: "she reported palpitations", "he complained of ...".
        "reported", "reports", "complained", "complains", "experienced", "noticed", "noted", "described", "describes", "developed",
        "presented", "suffered", "showed", "had", "having", "get", "got",
        "boy", "girl", "man", "woman", "child", "infant", "baby", "neonate", "lady", "gentleman", "son", "daughter", "mother", "father");
    private static readonly HashSet<string> Particles = Set("up", "out");
    private static readonly HashSet<string> Subjects = Set("he", "she", "they", "it", "we", "the", "a", "an", "his", "her", "their", "this",
        "these", "patient", "patient's", "child", "boy", "girl", "man", "woman", "infant");
    private static readonly HashSet<string> ReportingVerbs = Set("had", "has", "have", "having", "experienced", "reported", "developed",
        "noticed", "suffered", "complained", "complains", "of", "from", "got", "showed", "presented", "with");
    private static readonly HashSet<string> Conjunctions = Set("and", "but", "or", "then", "while", "whereas", "so", "yet");
    private static readonly HashSet<string> EpisodeWords = Set("episode", "episodes", "attack", "attacks", "bout", "bouts", "spell", "spells", "bursts");

    private static string NameOf(string st, Candidate c, int backFrom)
    {
        if (c.NounStart >= 0)
        {
            var noun = st[c.NounStart..c.NounEnd];
            if (EpisodeWords.Contains(noun.Trim()) && ForwardRun(st, c.End, out var ofRun, afterOf: true)) return ofRun;
            return Clean(noun);
        }
        if (c.Qualifier == "change")
        {
            // "frequency of the seizures", "epistaxis severity and frequency".
            var of = Regex.Match(st[c.Start..], @"^frequency\s+of\s+(?:the\s+|her\s+|his\s+|these\s+)?(?<x>[\p{L}-]+(?:\s+[\p{L}-]+){0,3}?)(?=\s+(?:was|were|is|are|had|has|decreased|increased|reduced|over|during|in|and|to)\b|[,.;)]|$)", Options);
            if (of.Success) return Clean(of.Groups["x"].Value);
            return BackwardRun(st, c.Start, skipSeverity: true);
        }
        // A prenominal frequency names what follows ("intermittent scalp pain", "frequent episodes of dysphagia");
        // a postposed one ("followed up every 3 months", "admitted several times") what stands before it.
        // At the head of its clause ("Sometimes the tests showed", "and twice a week he needed packing") the event follows.
        bool clauseInitial = IsClauseInitial(st, backFrom)
                             || Conjunctions.Contains(PreviousWord(st, backFrom)) && Subjects.Contains(NextWord(st, c.End));
        bool adverb = Regex.IsMatch(st[c.Start..c.End], @"ly$|^sometimes$", Options);
        if ((c.Prenominal || clauseInitial) && ForwardRun(st, c.End, out var run, afterOf: false, skipSubject: clauseInitial, skipVerb: adverb || clauseInitial)) return run;
        // Set off by commas after the clause of its event ("The symptoms occurred during rest, 2–3 times per week,
        // lasted ..."): the sentence's subject.
        if (st[..backFrom].TrimEnd().EndsWith(',') && IsClauseInitial(st, backFrom) && ForwardRun(st, 0, out var subject, afterOf: false, skipSubject: true))
            return subject;
        if (clauseInitial) return "";
        string back = BackwardRun(st, backFrom);
        if (back.Length > 0 || c.Prenominal) return back;
        return ForwardRun(st, c.End, out var after, afterOf: false) ? after : "";
    }

    /// <summary>The content words right after <paramref name="from"/> (no determiner in between); episode words lead to their "of" phrase.</summary>
    private static bool ForwardRun(string st, int from, out string run, bool afterOf, bool skipSubject = false, bool skipVerb = false)
    {
        run = "";
        var words = Regex.Match(st[from..], @"^\s*(?<w>[\p{L}][\p{L}'-]*(?:\s+[\p{L}][\p{L}'-]*){0,6})", Options);
        if (!words.Success) return false;
        var list = words.Groups["w"].Value.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        int i = 0;
        if (afterOf)
        {
            if (list.Count == 0 || !list[0].Equals("of", StringComparison.OrdinalIgnoreCase)) return false;
            i = 1;
            while (i < list.Count && list[i] is "the" or "a" or "an" or "his" or "her" or "their") i++;
        }
        // "twice a week he needed packing", "Sometimes the patient's tests showed": past the subject pronoun or article.
        if (skipSubject) while (i < list.Count && (Subjects.Contains(list[i]) || list[i].EndsWith("'s") && NameStops.Contains(list[i]))) i++;
        // "rarely had headaches", "frequently complained of cramps": past the verb that reports the event.
        if (skipVerb) while (i < list.Count && ReportingVerbs.Contains(list[i])) i++;
        var taken = new List<string>();
        for (; i < list.Count && taken.Count < 4; i++)
        {
            if (NameStops.Contains(list[i]) || list[i].EndsWith("ly", StringComparison.OrdinalIgnoreCase) && !list[i].Equals("belly", StringComparison.OrdinalIgnoreCase)) break;
            taken.Add(list[i]);
        }
        if (taken.Count == 0) return false;
        if (!afterOf && EpisodeWords.Contains(taken[^1]))
        {
            int after = from + words.Groups["w"].Index;
            // "frequent episodes of difficulty swallowing": the event is what the episodes are of.
            var rest = Regex.Match(st[from..], $@"^\s*(?:[\p{{L}}'-]+\s+){{{taken.Count - 1}}}{Regex.Escape(taken[^1])}", Options);
            if (rest.Success && ForwardRun(st, from + rest.Length, out var ofRun, afterOf: true)) { run = ofRun; return true; }
        }
        run = Clean(string.Join(' ', taken));
        return true;
    }

    /// <summary>The content words before <paramref name="to"/> in its clause; a bare participle takes its subject
    /// ("blood glucose is monitored regularly" -> "blood glucose monitored").</summary>
    private static string BackwardRun(string st, int to, bool skipSeverity = false)
    {
        int start = ClauseStart(st, to);
        var words = Regex.Matches(st[start..to], @"[\p{L}][\p{L}'-]*|[^\s\p{L}]+", Options).Select(m => m.Value).ToList();
        int i = words.Count - 1;
        // Skip what stands between the event and its frequency: adverbs, "at", "is", "approximately".
        while (i >= 0 && (NameStops.Contains(words[i]) && !(Particles.Contains(words[i]) && i > 0 && words[i - 1].EndsWith("ed", StringComparison.OrdinalIgnoreCase))
                          || words[i].EndsWith("ly", StringComparison.OrdinalIgnoreCase)
                          || skipSeverity && (words[i] is "severity" or "intensity" or "duration" || Change().IsMatch(words[i]))))
            i--;
        var taken = new List<string>();
        for (; i >= 0 && taken.Count < 4; i--)
        {
            string w = words[i];
            if (!char.IsLetter(w[0])) break;
            // "followed up", "carried out": a particle right after its verb.
            bool particle = Particles.Contains(w) && taken.Count == 0 && i > 0 && words[i - 1].EndsWith("ed", StringComparison.OrdinalIgnoreCase);
            if (NameStops.Contains(w) && !particle) break;
            if (w.EndsWith("ly", StringComparison.OrdinalIgnoreCase)) break;
            taken.Insert(0, w);
        }
        if (taken.Count == 0) return "";
        // A participle alone ("monitored", "performed", "carried out") takes the subject before its be-form.
        bool participle = taken.All(w => Particles.Contains(w) || w.EndsWith("ed", StringComparison.OrdinalIgnoreCase) || w is "done" or "seen" or "taken" or "given" or "undertaken" or "drawn" or "made" or "kept" or "held" or "shown" or "sent" or "run" or "read" or "begun" or "written");
        if (participle && i >= 0 && IsBe(words[i]))
        {
            int j = i - 1;
            while (j >= 0 && (words[j].EndsWith("ly", StringComparison.OrdinalIgnoreCase))) j--;
            var subject = new List<string>();
            for (; j >= 0 && subject.Count < 3; j--)
            {
                if (!char.IsLetter(words[j][0]) || NameStops.Contains(words[j])) break;
                subject.Insert(0, words[j]);
            }
            if (subject.Count > 0) taken.InsertRange(0, subject);
        }
        return Clean(string.Join(' ', taken));
    }

    /// <summary>Nothing but a conjunction between the clause start and <paramref name="at"/>.</summary>
    private static bool IsClauseInitial(string st, int at)
    {
        var before = st[ClauseStart(st, at)..at].Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return before.Length == 0 || before.Length == 1 && Conjunctions.Contains(before[0]);
    }

    private static string Clean(string s) => Regex.Replace(s.Trim(), @"\s+", " ");

    private static int ClauseStart(string st, int at)
    {
        int i = at - 1;
        while (i >= 0 && st[i] is not (',' or ';' or ':' or '(' or ')' or '[' or ']' or '.')) i--;
        // A decimal point is no boundary.
        return i + 1;
    }

    private static int ClauseEnd(string st, int from)
    {
        int i = from;
        while (i < st.Length && st[i] is not (',' or ';' or ':' or '(' or ')' or '.')) i++;
        return i;
    }

    // ---- values -------------------------------------------------------------------------------------------------

    private static string? CountOf(Match m)
    {
        if (m.Groups["mult"].Success) return m.Groups["mult"].Value.ToLowerInvariant() switch { "once" => "1", "twice" => "2", _ => "3" };
        if (m.Groups["few"].Success) return "several";
        return RangeOf(m);
    }

    private static string? RangeOf(Match m)
    {
        string? n = NumberWords.Normalize(m.Groups["n"].Value);
        if (n is null) return null;
        if (!m.Groups["m"].Success) return n;
        string? hi = NumberWords.Normalize(m.Groups["m"].Value);
        if (hi is null) return null;
        // A year range ("2009-2011") or a falling pair is not a count.
        if (double.Parse(hi, CultureInfo.InvariantCulture) <= double.Parse(n, CultureInfo.InvariantCulture)) return null;
        return $"{n}-{hi}";
    }

    private static string? UnitOf(string u) => u.ToLowerInvariant() switch
    {
        "h" or "hr" or "hrs" or "hour" or "hours" => "hour",
        "d" or "day" or "days" => "day",
        "w" or "wk" or "wks" or "week" or "weeks" => "week",
        "mo" or "mos" or "month" or "months" => "month",
        "yr" or "yrs" or "year" or "years" => "year",
        "night" or "morning" or "evening" => u.ToLowerInvariant(),
        _ => null,
    };

    private static string? AdverbUnit(string adv) => adv.ToLowerInvariant() switch
    {
        "daily" or "nightly" => "day",
        "weekly" => "week",
        "fortnightly" => "2 weeks",
        "monthly" => "month",
        "yearly" or "annually" => "year",
        "hourly" => "hour",
        _ => null,
    };

    private static string ChangeClass(string word) => word.ToLowerInvariant() switch
    {
        "increased" or "rose" or "higher" => "increased",
        "decreased" or "reduced" or "diminished" or "declined" or "fell" or "lower" => "decreased",
        var w => w,
    };

    private static string NextWord(string st, int from)
    {
        var m = Regex.Match(st[from..], @"^\s*([\p{L}][\p{L}'-]*)");
        return m.Success ? m.Groups[1].Value.ToLowerInvariant() : "";
    }

    private static string PreviousWord(string st, int to)
    {
        var m = Regex.Match(st[..to], @"([\p{L}][\p{L}'-]*)\s*$");
        return m.Success ? m.Groups[1].Value.ToLowerInvariant() : "";
    }

    private static bool IsBe(string w) => w.ToLowerInvariant() is "was" or "were" or "is" or "are" or "be" or "been" or "being";
    private static bool IsFunction(string w) => NameStops.Contains(w) || w.Any(char.IsDigit);
    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "; " + b;
}
