using System.Globalization;
using System.Text.RegularExpressions;

namespace Extractor.Extraction.Doses;

/// <summary>
/// Reads dose expressions ("5 million IU three times per week", "400 mg/D", "75 mg/m2 every 3 weeks", "1 g i.v.
/// b.i.d. for 6 weeks", "IFN: 10 MIU ×3/W") into canonical values. Stateless and thread-safe: every method works on
/// (text, start, end) and returns offsets into that text. Laboratory concentrations ("9.2 g/dl", "40 U/L") are not
/// doses and are skipped. OCR variants that are unambiguous in a dose context are read as meant: "M1U"/"MlU" and
/// "million" followed by a damaged "IU" are million IU, "X3/W" is ×3/W, "/D" is per day.
/// </summary>
public static partial class DoseParser
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private const string Num = @"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|twenty|twenty-one|twenty-eight)";

    // Amount and unit. Groups: times (a "3 ×" multiplier), v1, v2 (range), one group per canonical unit, per (a "/day").
    private static readonly Regex Amount = new(
        @"(?<![\w.,/^])(?:(?<times>[1-9])\s*[x×]\s*)?(?<v1>\d+(?:[.,]\d+)?|\.\d+)(?:\s*(?:-|–|—|to|~)\s*(?<v2>\d+(?:[.,]\d+)?))?\s*" +
        @"(?:(?<miu>(?:million|mill\.?)\s*(?:international\s+units?|[IT1l|]\.?\s?U\.?(?![a-z])|units?|U(?![a-z]))|M[IT1l|]U|MU)" +
        @"|(?<x6>[x×]\s*10\s*\^?\s*6\s*(?:IU|U|units?))" +
        @"|(?<mgm2>mg\s*/\s*m\s*(?:2|²|\^2)|mg\s*/\s*sq\.?\s*m|mg\s+per\s+(?:square\s+met(?:er|re)|m2|m²))" +
        @"|(?<mgkg>mg\s*/\s*kg|mg\s+per\s+(?:kg|kilogram))" +
        @"|(?<ugkg>(?:µg|μg|ug|mcg)\s*/\s*kg|micrograms?\s+per\s+(?:kg|kilogram))" +
        @"|(?<gkg>g\s*/\s*kg|grams?\s+per\s+(?:kg|kilogram))" +
        @"|(?<iukg>IU\s*/\s*kg)" +
        @"|(?<ukg>(?:U|units?)\s*/\s*kg)" +
        @"|(?<mg>mg|mgs|milligrams?)" +
        // OCR-damaged "mg" (my, me, rng ...) only where a schedule or "of <drug>" follows: "40 my of furosemide", "60 me daily".
        @"|(?<mgocr>(?:my|me|mq|rng|nig)(?=\s*(?:daily|once|twice|weekly|every|per\s+day|a\s+day|b\.?i\.?d|t\.?i\.?d|of\s+(?:oral\s+|intravenous\s+|i\.?v\.?\s+)?\p{L}{4})))" +
        @"|(?<ug>µg|μg|ug|mcg|micrograms?)" +
        @"|(?<ng>ng|nanograms?)" +
        @"|(?<g>g|gm|grams?)" +
        @"|(?<iu>IU|UI|I\.U\.|international\s+units?)" +
        @"|(?<u>U|units?)" +
        @"|(?<ml>mL|ml|cc|millilit(?:er|re)s?)" +
        @"|(?<meq>mEq|mmol)" +
        @"|(?<tab>tablets?|tabs?|capsules?|caps|puffs?|sachets?|ampoules?|ampules?|vials?|drops?))" +
        @"(?![\p{L}µμ²])" +
        @"(?<per>\s*(?:/|per\s+|a\s+)\s*(?<perunit>24\s*h(?:ours?|rs?)?|day|d|dose|week|wk|w|hour|hr|h|minute|min|month)(?![\p{L}]))?",
        Options);

    // A unit followed by a per-volume or per-mass part is a concentration (a lab value), not a dose.
    private static readonly Regex Concentration = new(@"\G\s*(?:/|per\s+)\s*(?:d?l|dL|ml|mL|µl|μl|ul|lit(?:er|re)|decilit(?:er|re)|millilit(?:er|re)|g|mg|mmol|mol|hpf|cm|mm|kg\s*/\s*min(?![\p{L}]))(?![\p{L}])", Options);

    private static readonly Dictionary<string, int> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["fourteen"] = 14, ["twenty"] = 20,
        ["twenty-one"] = 21, ["twenty-eight"] = 28, ["once"] = 1, ["twice"] = 2, ["thrice"] = 3,
        ["other"] = 2, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["sixth"] = 6,
    };

    /// <summary>The first dose expression in text[start, end), or null.</summary>
    public static Dose? Parse(string text, int start = 0, int end = -1)
    {
        var all = ParseAll(text, start, end);
        return all.Count > 0 ? all[0] : null;
    }

    /// <summary>Every dose expression in text[start, end), left to right; each reads its frequency, route and duration
    /// from the text up to the next amount.</summary>
    public static IReadOnlyList<Dose> ParseAll(string text, int start = 0, int end = -1)
    {
        if (end < 0) end = text.Length;
        var amounts = new List<Match>();
        for (var m = Amount.Match(text, start, end - start); m.Success; m = m.NextMatch())
        {
            if (m.Index + m.Length > end) break;
            int unitEnd = m.Groups["per"].Success ? m.Groups["per"].Index : m.Index + m.Length;
            // Skip concentrations (9.2 g/dl) and numbers glued to a following word/number (a citation, a code).
            if (!m.Groups["per"].Success && Concentration.Match(text, unitEnd).Success) continue;
            // mL/min and mL/h are clearances and outputs, not doses.
            if (m.Groups["ml"].Success && m.Groups["per"].Success && m.Groups["perunit"].Value.ToLowerInvariant() is "min" or "minute" or "h" or "hr" or "hour") continue;
            amounts.Add(m);
        }
        var doses = new List<Dose>(amounts.Count);
        for (int i = 0; i < amounts.Count; i++)
        {
            int windowEnd = i + 1 < amounts.Count ? amounts[i + 1].Index : end;
            var dose = Read(text, amounts[i], windowEnd);
            if (dose is not null) doses.Add(dose);
        }
        return doses;
    }

    private static Dose? Read(string text, Match m, int windowEnd)
    {
        if (!TryNumber(m.Groups["v1"].Value, out var v1)) return null;
        decimal? v2 = null;
        if (m.Groups["v2"].Success && TryNumber(m.Groups["v2"].Value, out var x) && x > v1) v2 = x;
        string unit = UnitOf(m);
        string note = "";
        string frequency = "", perWeek = "";
        int fStart = -1, fEnd = -1;
        if (m.Groups["x6"].Success) note = "× 10^6 units read as million units";
        if (m.Groups["mgocr"].Success) note = $"unit '{m.Groups["mgocr"].Value}' read as mg (OCR damage before a schedule)";

        // A per-part after the unit: a daily total, a weekly total, or an infusion rate.
        if (m.Groups["per"].Success)
        {
            var p = m.Groups["perunit"].Value.ToLowerInvariant();
            if (p.StartsWith("24") || p is "day" or "d") { frequency = "1/d"; perWeek = "7"; note = Join(note, "per day (daily total)"); fStart = m.Groups["per"].Index; fEnd = m.Index + m.Length; }
            else if (p is "week" or "wk" or "w") { frequency = "1/wk"; perWeek = "1"; note = Join(note, "per week (weekly total)"); fStart = m.Groups["per"].Index; fEnd = m.Index + m.Length; }
            else if (p is "hour" or "hr" or "h") { unit += "/h"; note = Join(note, "infusion rate"); }
            else if (p is "minute" or "min") { unit += "/min"; note = Join(note, "infusion rate"); }
            else if (p is "month") { frequency = "1/mo"; perWeek = "0.231"; fStart = m.Groups["per"].Index; fEnd = m.Index + m.Length; }
        }
        int amountStart = m.Index, amountEnd = m.Index + m.Length;
        int searchEnd = Math.Min(windowEnd, amountEnd + 60);

        if (frequency.Length == 0)
        {
            var f = ParseFrequency(text, amountEnd, searchEnd, maxGap: 45);
            if (f is not null) { frequency = f.Value; perWeek = f.PerWeek; fStart = f.Start; fEnd = f.End; }
        }
        // "3 × 250 mg/day": three doses of 250 mg a day.
        if (m.Groups["times"].Success && int.TryParse(m.Groups["times"].Value, out int times) && frequency is "1/d" or "")
        {
            frequency = $"{times}/d"; perWeek = Fmt(times * 7m); note = Join(note, $"{times} × dose per day");
            fStart = fStart < 0 ? m.Index : Math.Min(fStart, m.Index); fEnd = Math.Max(fEnd, m.Groups["v1"].Index);
        }
        var route = ParseRoute(text, amountEnd, searchEnd, maxGap: 45);
        var duration = ParseDuration(text, amountEnd, Math.Min(windowEnd, amountEnd + 80));
        var change = ChangeBefore(text, amountStart);
        string value = Fmt(v1) + (v2 is { } hi ? "-" + Fmt(hi) : "");
        int endOfDose = Math.Max(amountEnd, fEnd);
        if (route is not null && route.End <= fEnd) endOfDose = Math.Max(endOfDose, route.End);
        return new Dose
        {
            Value = value,
            Amount = v1,
            AmountMax = v2,
            Unit = unit,
            Text = text[amountStart..amountEnd],
            Frequency = frequency,
            DosesPerWeek = perWeek,
            Route = route?.Value ?? "",
            Duration = duration ?? "",
            Change = change ?? "",
            Note = note,
            Start = amountStart,
            End = endOfDose,
            AmountStart = amountStart,
            AmountEnd = amountEnd,
            FrequencyStart = fStart,
            FrequencyEnd = fEnd,
        };
    }

    private static string UnitOf(Match m)
    {
        if (m.Groups["miu"].Success || m.Groups["x6"].Success) return "MIU";
        if (m.Groups["mgm2"].Success) return "mg/m2";
        if (m.Groups["mgkg"].Success) return "mg/kg";
        if (m.Groups["ugkg"].Success) return "ug/kg";
        if (m.Groups["gkg"].Success) return "g/kg";
        if (m.Groups["iukg"].Success) return "IU/kg";
        if (m.Groups["ukg"].Success) return "U/kg";
        if (m.Groups["mg"].Success || m.Groups["mgocr"].Success) return "mg";
        if (m.Groups["ug"].Success) return "ug";
        if (m.Groups["ng"].Success) return "ng";
        if (m.Groups["g"].Success) return "g";
        if (m.Groups["iu"].Success) return "IU";
        if (m.Groups["u"].Success) return "U";
        if (m.Groups["ml"].Success) return "mL";
        if (m.Groups["meq"].Success) return m.Groups["meq"].Value.StartsWith("mm", StringComparison.OrdinalIgnoreCase) ? "mmol" : "mEq";
        var t = m.Groups["tab"].Value.ToLowerInvariant();
        if (t.StartsWith("tab")) return "tablet";
        if (t.StartsWith("cap")) return "capsule";
        if (t.StartsWith("puff")) return "puff";
        if (t.StartsWith("drop")) return "drop";
        if (t.StartsWith("sachet")) return "sachet";
        if (t.StartsWith("vial")) return "vial";
        return "ampoule";
    }

    private static bool TryNumber(string s, out decimal value)
    {
        // A comma followed by exactly three digits groups thousands; otherwise it is a decimal comma.
        int comma = s.IndexOf(',');
        if (comma >= 0) s = s.Length - comma - 1 == 3 ? s.Remove(comma, 1) : s.Replace(',', '.');
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A number as the CSV writes it: invariant, no trailing zeros, at most three decimals.</summary>
    public static string Fmt(decimal d) => Math.Round(d, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "; " + b;

    private static int NumberOf(string s)
    {
        if (Words.TryGetValue(s, out int n)) return n;
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out n) ? n : -1;
    }

    // ---- frequency -------------------------------------------------------------------------------------------

    private sealed record FrequencyRule(Regex Pattern, Func<Match, (string Value, string PerWeek)?> Read);

    private static readonly FrequencyRule[] FrequencyRules =
    [
        // "2-3 times per week", "3 to 4 times a day"
        new(new Regex($@"\b(?<n>{Num})\s*(?:-|–|to|or)\s*(?<m>{Num})\s*(?:times|x|×)\s*(?:a|per|/|each|every)?\s*(?<p>days?|daily|d|weeks?|weekly|wk|w)\b", Options),
            m => Range(m.Groups["n"].Value, m.Groups["m"].Value, m.Groups["p"].Value)),
        // "3 times per week", "2x/day", "three times daily", "5 times daily"
        new(new Regex($@"\b(?<n>{Num})\s*(?:times|x|×)\s*(?:a|per|/|each|every)?\s*(?<p>days?|daily|d|weeks?|weekly|wk|w)\b", Options),
            m => PerPeriod(NumberOf(m.Groups["n"].Value), m.Groups["p"].Value)),
        // "×3/W", "x3/w", "× 2/D"
        new(new Regex(@"[x×]\s*(?<n>\d{1,2})\s*/\s*(?<p>days?|d|weeks?|wk|w)\b", Options),
            m => PerPeriod(NumberOf(m.Groups["n"].Value), m.Groups["p"].Value)),
        // Day lists of a cycle: "on days 1, 8, 15 of a 28-day cycle" (3 doses in 4 weeks), "day 1 of each 21-day cycle".
        new(new Regex(@"\b(?:on\s+)?days?\s+(?<list>\d{1,2}(?:\s*(?:-|–|to)\s*\d{1,2})?(?:\s*(?:,\s*and|,|and|&)\s*\d{1,2}(?:\s*(?:-|–|to)\s*\d{1,2})?)*)\s*,?\s*(?:of|on|in|every|q)\s+(?:a|each|every|the)?\s*(?<c>\d{1,2})[-\s]?days?[-\s]+(?:cycles?|courses?|schedule)\b", Options),
            m => DayList(m.Groups["list"].Value, NumberOf(m.Groups["c"].Value))),
        // "once daily", "twice a week", "thrice weekly", "once-weekly"
        new(new Regex(@"\b(?<n>once|twice|thrice)\s*(?:a|per|each|every)?\s*[-\s]?\s*(?<p>days?|daily|weeks?|weekly|wk)\b", Options),
            m => PerPeriod(NumberOf(m.Groups["n"].Value), m.Groups["p"].Value)),
        new(new Regex(@"\b(?<n>once|twice)\s+(?:a|per|every)\s+month\b", Options),
            m => NumberOf(m.Groups["n"].Value) == 1 ? ("1/mo", "0.231") : ("2/mo", "0.462")),
        // Latin abbreviations: q.d., b.i.d., t.i.d., q.i.d., t.i.w., q.o.d., q.h.s.
        new(new Regex(@"(?<![\p{L}.])(?:q\.?\s?d\.?|qday|o\.d\.)(?![\p{L}])", Options), _ => ("1/d", "7")),
        new(new Regex(@"(?<![\p{L}.])(?:b\.?\s?i\.?\s?d\.?|bd)(?![\p{L}])", Options), _ => ("2/d", "14")),
        new(new Regex(@"(?<![\p{L}.])(?:t\.?\s?i\.?\s?d\.?|tds)(?![\p{L}])", Options), _ => ("3/d", "21")),
        new(new Regex(@"(?<![\p{L}.])q\.?\s?i\.?\s?d\.?(?![\p{L}])", Options), _ => ("4/d", "28")),
        new(new Regex(@"(?<![\p{L}.])t\.?\s?i\.?\s?w\.?(?![\p{L}])", Options), _ => ("3/wk", "3")),
        new(new Regex(@"(?<![\p{L}.])b\.?\s?i\.?\s?w\.?(?![\p{L}])", Options), _ => ("2/wk", "2")),
        new(new Regex(@"(?<![\p{L}.])q\.?\s?o\.?\s?d\.?(?![\p{L}])", Options), _ => ("1/2d", "3.5")),
        new(new Regex(@"(?<![\p{L}.])(?:q\.?\s?h\.?\s?s\.?|h\.s\.)(?![\p{L}])|\b(?:at\s+bedtime|nightly|at\s+night|every\s+(?:night|morning|evening)|in\s+the\s+(?:morning|evening))\b", Options), _ => ("1/d", "7")),
        // q3w, q2wk, q14d, q4h, q12h
        new(new Regex(@"(?<![\p{L}])q\s?(?<n>\d{1,2})\s?(?:w|wk|wks|weeks?)(?![\p{L}])", Options), m => EveryN(NumberOf(m.Groups["n"].Value), "wk")),
        new(new Regex(@"(?<![\p{L}])q\s?(?<n>\d{1,2})\s?(?:d|days?)(?![\p{L}])", Options), m => EveryN(NumberOf(m.Groups["n"].Value), "d")),
        new(new Regex(@"(?<![\p{L}])q\s?(?<n>\d{1,2})\s?(?:h|hr|hrs|hours?)(?![\p{L}])", Options), m => EveryHours(NumberOf(m.Groups["n"].Value))),
        new(new Regex(@"(?<![\p{L}])q\.?\s?w\.?(?![\p{L}])|(?<![\p{L}])q\s?1\s?w(?:k)?(?![\p{L}])", Options), _ => ("1/wk", "1")),
        // every other day / week
        new(new Regex(@"\b(?:every\s+other\s+day|on\s+alternate\s+days|alternate[-\s]days?|every\s+second\s+day)\b", Options), _ => ("1/2d", "3.5")),
        new(new Regex(@"\b(?:every\s+other\s+week|every\s+second\s+week|fortnightly|bi-?weekly)\b", Options), _ => ("1/2wk", "0.5")),
        // every 3 weeks, every 4 to 6 weeks, every third week, 3-weekly
        new(new Regex($@"\bevery\s+(?<n>{Num}|third|fourth|sixth)\s*(?:(?:-|–|to|or)\s*(?<m>{Num})\s*)?(?:weeks?|wks?)\b", Options),
            m => m.Groups["m"].Success ? EveryRange(m.Groups["n"].Value, m.Groups["m"].Value, "wk") : EveryN(NumberOf(m.Groups["n"].Value), "wk")),
        new(new Regex(@"\b(?<n>\d{1,2}|three|four|two)[-\s]weekly\b", Options), m => EveryN(NumberOf(m.Groups["n"].Value), "wk")),
        new(new Regex($@"\bevery\s+(?<n>{Num}|third|fourth)\s*(?:(?:-|–|to|or)\s*(?<m>{Num})\s*)?days?\b", Options),
            m => m.Groups["m"].Success ? EveryRange(m.Groups["n"].Value, m.Groups["m"].Value, "d") : EveryN(NumberOf(m.Groups["n"].Value), "d")),
        new(new Regex($@"\bevery\s+(?<n>{Num})\s*(?:hours?|hrs?|h)\b", Options), m => EveryHours(NumberOf(m.Groups["n"].Value))),
        new(new Regex($@"\bevery\s+(?<n>{Num})\s*months?\b", Options), m => NumberOf(m.Groups["n"].Value) is > 0 and var n ? ($"1/{n}mo", Fmt(12m / 52m / n)) : null),
        // weekly, per week, /wk
        new(new Regex(@"\b(?:weekly|every\s+week|each\s+week|per\s+week|a\s+week(?!\s+(?:later|after|before|earlier|ago|prior)))\b|/\s*(?:wk|week)\b", Options), _ => ("1/wk", "1")),
        // daily, per day, /D
        new(new Regex(@"\b(?:daily|once-daily|per\s+day|a\s+day(?!\s+(?:later|after|before|earlier|ago|prior))|each\s+day|every\s+day|everyday)\b|/\s*(?:d|day)\b(?!\s*/)", Options), _ => ("1/d", "7")),
        new(new Regex(@"\b(?:monthly|every\s+month|per\s+month)\b", Options), _ => ("1/mo", "0.231")),
        new(new Regex(@"\b(?:as\s+needed|on\s+demand|when\s+needed|if\s+needed|as\s+required)\b|(?<![\p{L}])p\.?\s?r\.?\s?n\.?(?![\p{L}])", Options), _ => ("prn", "")),
        new(new Regex(@"\b(?:single(?:\s+(?:dose|bolus|injection|infusion|shot))?|one-time|one\s+time|once)\b", Options), _ => ("once", "")),
    ];

    private static (string, string)? PerPeriod(int n, string period)
    {
        if (n <= 0) return null;
        var p = period.ToLowerInvariant();
        return p.StartsWith('d') ? ($"{n}/d", Fmt(n * 7m)) : ($"{n}/wk", Fmt(n));
    }

    // Doses on listed days of an N-day cycle: "1, 8, 15" of 28 -> 3/4wk; "1-5" of 21 -> 5/3wk; "1" of 21 -> 1/3wk.
    private static (string, string)? DayList(string list, int cycleDays)
    {
        if (cycleDays <= 1) return null;
        int count = 0;
        foreach (Match part in Regex.Matches(list, @"(?<a>\d{1,2})(?:\s*(?:-|–|to)\s*(?<b>\d{1,2}))?"))
        {
            int a = int.Parse(part.Groups["a"].Value, CultureInfo.InvariantCulture);
            int b = part.Groups["b"].Success ? int.Parse(part.Groups["b"].Value, CultureInfo.InvariantCulture) : a;
            if (a < 1 || b < a || b > cycleDays) return null;
            count += b - a + 1;
        }
        if (count == 0) return null;
        string per = cycleDays % 7 == 0 ? (cycleDays == 7 ? "wk" : $"{cycleDays / 7}wk") : $"{cycleDays}d";
        return ($"{count}/{per}", Fmt(count * 7m / cycleDays));
    }

    private static (string, string)? Range(string a, string b, string period)
    {
        int n = NumberOf(a), m = NumberOf(b);
        if (n <= 0 || m <= n) return PerPeriod(n, period);
        var p = period.ToLowerInvariant();
        return p.StartsWith('d') ? ($"{n}-{m}/d", $"{Fmt(n * 7m)}-{Fmt(m * 7m)}") : ($"{n}-{m}/wk", $"{n}-{m}");
    }

    private static (string, string)? EveryN(int n, string period)
    {
        if (n <= 0) return null;
        if (n == 1) return period == "wk" ? ("1/wk", "1") : ("1/d", "7");
        return period == "wk" ? ($"1/{n}wk", Fmt(1m / n)) : ($"1/{n}d", Fmt(7m / n));
    }

    private static (string, string)? EveryRange(string a, string b, string period)
    {
        int n = NumberOf(a), m = NumberOf(b);
        if (n <= 0 || m <= n) return EveryN(n, period);
        return period == "wk" ? ($"1/{n}-{m}wk", $"{Fmt(1m / m)}-{Fmt(1m / n)}") : ($"1/{n}-{m}d", $"{Fmt(7m / m)}-{Fmt(7m / n)}");
    }

    private static (string, string)? EveryHours(int hours)
    {
        if (hours <= 0) return null;
        if (hours <= 24 && 24 % hours == 0) { int n = 24 / hours; return ($"{n}/d", Fmt(n * 7m)); }
        if (hours % 24 == 0) return EveryN(hours / 24, "d");
        return ($"1/{hours}h", Fmt(168m / hours));
    }

    /// <summary>
    /// The frequency written in text[start, end) that starts first (the longest one at that place), or null.
    /// With <paramref name="maxGap"/> >= 0 it must start within that many characters of <paramref name="start"/>.
    /// </summary>
    public static Frequency? ParseFrequency(string text, int start = 0, int end = -1, int maxGap = -1)
    {
        if (end < 0) end = text.Length;
        Frequency? best = null;
        foreach (var rule in FrequencyRules)
        {
            var m = rule.Pattern.Match(text, start, end - start);
            while (m.Success && rule.Read(m) is null) m = m.NextMatch();
            if (!m.Success) continue;
            if (maxGap >= 0 && m.Index - start > maxGap) continue;
            var v = rule.Read(m)!.Value;
            if (best is null || m.Index < best.Start || (m.Index == best.Start && m.Index + m.Length > best.End))
                best = new Frequency(v.Item1, v.Item2, m.Index, m.Index + m.Length);
        }
        return best;
    }

    // ---- route ---------------------------------------------------------------------------------------------------

    private static readonly (Regex Pattern, string Route)[] RouteRules =
    [
        (new Regex(@"\bintravenous(?:ly)?\b|(?<![\p{L}.])i\.\s?v\.?(?![\p{L}])|(?<![\p{L}])(?:iv|IV)(?![\p{L}])|\bby\s+vein\b|\b(?:infusion|infused|drip|bolus)\b", RegexOptions.CultureInvariant | RegexOptions.Compiled), "intravenous"),
        (new Regex(@"\b(?:oral(?:ly)?|per\s+os|by\s+mouth)\b|(?<![\p{L}.])p\.\s?o\.?(?![\p{L}])|(?<![\p{L}])(?:po|PO)(?![\p{L}])", RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.IgnoreCase), "oral"),
        (new Regex(@"\bsubcutaneous(?:ly)?\b|(?<![\p{L}.])s\.\s?[cq]\.?(?![\p{L}])|(?<![\p{L}])(?:sc|SC|sq|SQ|subcut)(?![\p{L}])", RegexOptions.CultureInvariant | RegexOptions.Compiled), "subcutaneous"),
        (new Regex(@"\bintramuscular(?:ly)?\b|(?<![\p{L}.])i\.\s?m\.?(?![\p{L}])|(?<![\p{L}])(?:im|IM)(?![\p{L}])", RegexOptions.CultureInvariant | RegexOptions.Compiled), "intramuscular"),
        (new Regex(@"\bintravitreal(?:ly)?\b", Options), "intravitreal"),
        (new Regex(@"\bintrathecal(?:ly)?\b", Options), "intrathecal"),
        (new Regex(@"\b(?:inhaled|inhalation|inhaler|nebuli[sz]ed|nebuli[sz]ation)\b", Options), "inhaled"),
        (new Regex(@"\b(?:topical(?:ly)?|cream|ointment)\b", Options), "topical"),
        (new Regex(@"\bintravesical(?:ly)?\b", Options), "intravesical"),
        (new Regex(@"\bintra-?arterial(?:ly)?\b", Options), "intra-arterial"),
        (new Regex(@"\bintraperitoneal(?:ly)?\b", Options), "intraperitoneal"),
        (new Regex(@"\btransdermal(?:ly)?\b", Options), "transdermal"),
        (new Regex(@"\bsublingual(?:ly)?\b", Options), "sublingual"),
        (new Regex(@"\b(?:rectal(?:ly)?|suppositor(?:y|ies))\b", Options), "rectal"),
        (new Regex(@"\b(?:intranasal(?:ly)?|nasal\s+spray)\b", Options), "intranasal"),
        (new Regex(@"\bepidural(?:ly)?\b", Options), "epidural"),
        (new Regex(@"\bintralesional(?:ly)?\b", Options), "intralesional"),
        (new Regex(@"\bintra-?articular(?:ly)?\b", Options), "intra-articular"),
        (new Regex(@"\bintradermal(?:ly)?\b", Options), "intradermal"),
        (new Regex(@"\b(?:eye\s+drops|ophthalmic)\b", Options), "ophthalmic"),
        (new Regex(@"\b(?:nasogastric\s+tube|via\s+(?:a\s+)?(?:NG|nasogastric)\s+tube)\b", Options), "enteral"),
    ];

    private static readonly Regex NotRouteBefore = new(@"\b(?:stage|grade|type|class|phase|level|group|factor|cycle|day|lead|segment|ventricle|cranial\s+nerve)\s*$", Options);

    /// <summary>The route written first in text[start, end), or null ("IV" after "stage"/"grade"/"type" is no route).</summary>
    public static Route? ParseRoute(string text, int start = 0, int end = -1, int maxGap = -1)
    {
        if (end < 0) end = text.Length;
        Route? best = null;
        foreach (var (pattern, route) in RouteRules)
        {
            for (var m = pattern.Match(text, start, end - start); m.Success; m = m.NextMatch())
            {
                if (maxGap >= 0 && m.Index - start > maxGap) break;
                if (m.Length <= 4 && NotRouteBefore.IsMatch(text.AsSpan(Math.Max(0, m.Index - 24), m.Index - Math.Max(0, m.Index - 24)).ToString())) continue;
                if (best is null || m.Index < best.Start) best = new Route(route, m.Index, m.Index + m.Length);
                break;
            }
        }
        return best;
    }

    // ---- duration, change, relative dose, timing -------------------------------------------------------------

    private static readonly Regex DurationPattern = new(
        $@"\bfor\s+(?:a\s+(?:total|period)\s+of\s+|another\s+|the\s+(?:next|following|first)\s+|up\s+to\s+|about\s+|approximately\s+|at\s+least\s+|over\s+)?(?<d>(?:{Num}|several|a\s+few|a)\s*(?:(?:-|–|to)\s*{Num}\s*)?(?:days?|weeks?|wks?|months?|years?|hours?|hrs?|cycles?|courses?))\b" +
        $@"|(?<d>\b(?:{Num})\s+(?:cycles|courses))\b" +
        $@"|[x×]\s*(?<d>\d+\s*(?:days?|weeks?|months?))\b" +
        $@"|\b(?<d>(?:{Num})[-\s](?:day|week|month))\s+(?:course|regimen|treatment|therapy)\b",
        Options);

    /// <summary>The first duration in text[start, end) as written without "for" ("6 weeks", "4 cycles"), or null.</summary>
    public static string? ParseDuration(string text, int start = 0, int end = -1)
    {
        if (end < 0) end = text.Length;
        var m = DurationPattern.Match(text, start, end - start);
        return m.Success ? Squash(m.Groups["d"].Value) : null;
    }

    private static readonly Regex CyclesPattern = new(
        $@"\b(?<n>{Num}|several|multiple|a\s+few)(?:\s*,)?\s+(?:(?:{Num}|\d{{1,2}})[-\s](?:day|week)\s+)?(?:cycles?|courses?)\b", Options);

    /// <summary>Every count of treatment cycles or courses in text[start, end) ("4 cycles", "one cycle", "six courses",
    /// "two 3-day cycles"): the count as written and its span.</summary>
    public static IEnumerable<(string Value, int Start, int End)> ParseCycles(string text, int start, int end)
    {
        for (var m = CyclesPattern.Match(text, start, end - start); m.Success; m = m.NextMatch())
            yield return (Squash(m.Value), m.Index, m.Index + m.Length);
    }

    private static readonly Regex ChangePattern = new(@"\b(?<c>reduced|decreased|lowered|tapered|tapering|increased|escalated|raised|titrated|uptitrated|up-titrated|adjusted|changed|switched|de-escalated)\s+(?:down\s+|up\s+|gradually\s+|again\s+|further\s+|back\s+)?(?:to|at)\s+(?:a\s+dose\s+of\s+)?$", Options);

    /// <summary>"reduced"/"increased"/"tapered"/"adjusted" when the text just before <paramref name="amountStart"/> says the dose was changed to it.</summary>
    public static string? ChangeBefore(string text, int amountStart)
    {
        int from = Math.Max(0, amountStart - 40);
        var m = ChangePattern.Match(text[from..amountStart]);
        if (!m.Success) return null;
        return m.Groups["c"].Value.ToLowerInvariant() switch
        {
            "reduced" or "decreased" or "lowered" or "de-escalated" => "reduced",
            "tapered" or "tapering" => "tapered",
            "increased" or "escalated" or "raised" or "uptitrated" or "up-titrated" => "increased",
            _ => "adjusted",
        };
    }

    private static readonly Regex RelativePattern = new(
        @"\b(?:(?<half>half[-\s]?(?:the\s+)?doses?|half\s+the\s+(?:usual\s+|standard\s+)?dose)|(?<reduced>reduced[-\s]doses?|dose[-\s]reduced|lower\s+doses?)|(?<low>low[-\s]doses?|small\s+doses?|minimal\s+doses?)|(?<high>high[-\s]doses?|higher\s+doses?)|(?<full>full[-\s]doses?)|(?<standard>standard[-\s]doses?|usual\s+doses?|conventional\s+doses?)|(?<double>double[-\s]doses?|doubled\s+doses?)|(?<maintenance>maintenance\s+doses?)|(?<third>one[-\s]third\s+(?:of\s+the\s+)?doses?)|(?<quarter>quarter[-\s]doses?)|(?<prophylactic>prophylactic\s+doses?)|(?<loading>loading\s+doses?)|(?<therapeutic>therapeutic\s+doses?))\b",
        Options);

    private static readonly string[] RelativeNames = ["half", "reduced", "low", "high", "full", "standard", "double", "maintenance", "third", "quarter", "prophylactic", "loading", "therapeutic"];

    /// <summary>The relative dose written in text[start, end) (half, reduced, low, high, full, standard, double, maintenance), its span, or null.</summary>
    public static (string Value, int Start, int End)? ParseRelativeDose(string text, int start = 0, int end = -1)
    {
        if (end < 0) end = text.Length;
        var m = RelativePattern.Match(text, start, end - start);
        if (!m.Success) return null;
        foreach (var name in RelativeNames)
            if (m.Groups[name].Success) return (name, m.Index, m.Index + m.Length);
        return null;
    }

    /// <summary>All relative-dose phrases in text[start, end).</summary>
    public static IEnumerable<(string Value, int Start, int End)> ParseRelativeDoses(string text, int start, int end)
    {
        for (var m = RelativePattern.Match(text, start, end - start); m.Success; m = m.NextMatch())
            foreach (var name in RelativeNames)
                if (m.Groups[name].Success) { yield return (name, m.Index, m.Index + m.Length); break; }
    }

    private static readonly Regex TimingPattern = new(
        @"\b(?<t>post-?operative(?:ly)?|pre-?operative(?:ly)?|peri-?operative(?:ly)?|intra-?operative(?:ly)?|neo-?adjuvant|adjuvant|maintenance|induction|consolidation|salvage|first-line|second-line|third-line|prophylactic(?:ally)?|prophylaxis|palliative|empiric(?:al|ally)?|concurrent(?:ly)?|concomitant(?:ly)?)\b",
        Options);

    /// <summary>The timing word nearest to [anchorStart, anchorEnd) inside text[start, end), normalised ("postoperatively" -> postoperative).</summary>
    public static string? ParseTiming(string text, int start, int end, int anchorStart, int anchorEnd, int maxDistance = 80)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        for (var m = TimingPattern.Match(text, start, end - start); m.Success; m = m.NextMatch())
        {
            int d = m.Index >= anchorEnd ? m.Index - anchorEnd : m.Index + m.Length <= anchorStart ? anchorStart - (m.Index + m.Length) : 0;
            if (d <= maxDistance && d < bestDistance) { bestDistance = d; best = NormalizeTiming(m.Groups["t"].Value); }
        }
        return best;
    }

    private static string NormalizeTiming(string t)
    {
        t = t.ToLowerInvariant().Replace("-", "");
        if (t.EndsWith("ally")) t = t[..^4] + "al";
        else if (t.EndsWith("ly")) t = t[..^2];
        return t switch
        {
            "firstline" => "first-line", "secondline" => "second-line", "thirdline" => "third-line",
            "prophylaxis" => "prophylactic", "empiric" => "empirical",
            _ => t,
        };
    }

    private static string Squash(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
