using System.Text.RegularExpressions;
using Extractor.Language;
using Extractor.Language.Patterns;

namespace Extractor.Extraction.Findings;

/// <summary>
/// Who the patient is: age ("69-year-old" even when broken as "69-" + line break + "year-old", "aged 3 months",
/// "at the age of 19 years", "45 years of age", "a forty-year-old"; value in years, an infant's months, weeks or days
/// converted with the written age in the qualifier: "aged 3 months" -> 0.25 years, qualifier "written 3 months"), sex (the person nouns man, woman, boy, girl, male, female, lady, gentleman and their plurals, as experts mark
/// them) and ethnicity (an adjective from Resources/findings/ethnicity.tsv right before a person noun or an age).
/// </summary>
public static partial class PatientFinder
{
    private const string AgeNumber = @"(?<n>\d{1,3}(?:\.\d)?|" + NumberWords.Pattern + @")";
    private const string Dash = @"\s*[-–‐]?\s*";
    // "4 and a half years old", "two-and-a-half-year-old".
    private const string Half = @"(?<half>" + Dash + @"and" + Dash + @"a" + Dash + @"half)?";

    [GeneratedRegex(@"(?<![\w.])" + AgeNumber + Half + Dash + @"(?<u>year|yr|month|mo|week|wk|day)s?\.?" + Dash + @"old\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearOld();

    [GeneratedRegex(@"\b(?:aged|age of|age at presentation of|age|ages)\s*:?\s*(?<n>\d{1,3}(?:\.\d)?)(?:\s*(?<u>years?|yrs?|months?|weeks?|days?)\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Aged();

    [GeneratedRegex(@"(?<![\w.])(?<n>\d{1,3})" + Half + @"\s*(?<u>years?|yrs?|months?|weeks?|days?)\s+(?:of age|old)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OfAge();

    [GeneratedRegex(@"(?<![\w.])(?<n>\d{1,3})\s*[-–]?\s*(?:y/o|y\.o\.|yo)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearsOldShort();

    [GeneratedRegex(@"\b(?<w>man|men|woman|women|male|males|female|females|boy|boys|girl|girls|lady|ladies|gentleman|gentlemen)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SexNoun();

    // "male" and "female" as modifiers of a non-person noun ("male pattern baldness", "female genitalia") are no sex of the patient.
    [GeneratedRegex(@"^\s*[-]?(?:pattern|genital\w*|reproductive|breast|infertility|hormone\w*|predominance|predominant|to-female|to-male|ratio|sex|gender|partner|relatives?|members?|siblings?|physician|doctor|nurse|rats?|mice|mouse|dogs?|cats?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotAPersonAfter();

    [GeneratedRegex(@"\b(?:siblings?|brothers?|sisters?|sons?|daughters?|child|children|mother|father|parents?|cousins?|twins?|relatives?|offspring|grand(?:mother|father|son|daughter))\s*,\s*(?:a|an|the|one)?\s*(?:[\w-]+\s+){0,2}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeBefore();

    [GeneratedRegex(@"\b(?:(?:was|were)\s+delivered|delivered\s+(?:a|an|twins)|gave\s+birth|liveborn|stillborn)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeliverySentence();

    [GeneratedRegex(@"\b(?:at|since|by|from|after|until|before|till|reached|reaching|approximately|around|about|between|(?:since|when|after|before|until|while) (?:he|she|the \w+) was|who was)\s+(?:the\s+)?(?:approximately\s+|about\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimePointBefore();

    private static readonly Lazy<Gazetteer<string>> Ethnicities = new(() => ResourceLists.Gazetteer("findings/ethnicity.tsv"));

    public static IEnumerable<FoundFact> Find(AnalyzedDocument document)
    {
        string text = document.Text;
        var ages = new List<FoundFact>();
        void AddAge(Match m)
        {
            int s = m.Index, e = m.Index + m.Length;
            if (ages.Any(a => a.Start < e && s < a.End)) return;
            string? value = NumberWords.Normalize(m.Groups["n"].Value.Replace('‐', '-'));
            if (value is null) return;
            if (m.Groups["half"].Success && decimal.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var whole))
                value = (whole + 0.5m).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out double v) && v > 125) return;
            // "at the age of 5", "since age 16", "by 6 months of age": a time point in the history, not the patient's age.
            if (TimePointBefore().IsMatch(text.AsSpan(Math.Max(0, s - 30), Math.Min(30, s)).ToString())) return;
            // Ages are in years (output contract); an infant's "3 months" becomes 0.25 with the written age kept in the qualifier.
            string unit = AgeUnit(m.Groups["u"].Value), qualifier = "";
            if (unit != "years" && TimeUnits.Convert(value, unit, "years", 3) is { } years)
            {
                qualifier = $"written {value} {unit}";
                value = years;
                unit = "years";
            }
            ages.Add(new FoundFact("age", "age", value, unit, qualifier, s, e));
        }
        foreach (Match m in YearOld().Matches(text)) AddAge(m);
        foreach (Match m in OfAge().Matches(text)) AddAge(m);
        foreach (Match m in YearsOldShort().Matches(text)) AddAge(m);
        foreach (Match m in Aged().Matches(text)) AddAge(m);
        foreach (var a in ages.OrderBy(a => a.Start)) yield return a;

        string? firstSex = null;
        foreach (Match m in SexNoun().Matches(text))
        {
            string w = m.Groups["w"].Value.ToLowerInvariant();
            if (w.StartsWith("male") || w.StartsWith("female"))
                if (NotAPersonAfter().IsMatch(text.AsSpan(m.Index + m.Length, Math.Min(30, text.Length - m.Index - m.Length)).ToString())) continue;
            // "One sibling, a girl, died": a relative named by apposition, not the patient.
            if (RelativeBefore().IsMatch(text.AsSpan(Math.Max(0, m.Index - 40), Math.Min(40, m.Index)).ToString())) continue;
            // "A healthy male neonate was delivered" in the report of a mother: once the patient is known to be a woman,
            // a sex in a sentence that delivers a child is the child's.
            if (firstSex == "female" && document.SentenceAt(m.Index) is { } st
                && DeliverySentence().IsMatch(text.AsSpan(st.Start, Math.Min(text.Length, st.End) - st.Start).ToString())) continue;
            string sex = w is "man" or "men" or "male" or "males" or "boy" or "boys" or "gentleman" or "gentlemen" ? "male" : "female";
            firstSex ??= sex;
            yield return new FoundFact("sex", "sex", sex, "", "", m.Index, m.Index + m.Length);
        }

        var tokens = document.Tokens;
        foreach (var (first, last, canonical) in Ethnicities.Value.FindAll(text, tokens))
        {
            int s = tokens[first].Start, e = tokens[last].End;
            // Only as a description of a person: "a 69-year-old Japanese woman", "a Caucasian male", "Japanese patient".
            var after = text.AsSpan(e, Math.Min(40, text.Length - e)).ToString();
            bool beforePerson = Regex.IsMatch(after, @"^\s+(?:[a-z]+\s+)?(?:man|men|woman|women|male|female|boy|girl|lady|gentleman|patient|child|infant|adolescent|individual|descent|origin|ancestry)\b", RegexOptions.IgnoreCase);
            bool afterAge = ages.Any(a => a.End <= s && s - a.End <= 3);
            if (!beforePerson && !afterAge) continue;
            // Lower-case "white"/"black" need a person noun right after ("a white man"), not "white matter".
            if (char.IsLower(text[s]) && !beforePerson) continue;
            yield return new FoundFact("ethnicity", "ethnicity", canonical, "", "", s, e);
        }
    }

    private static string AgeUnit(string u) => u.ToLowerInvariant() switch
    {
        "" => "years",
        var x when x.StartsWith("y") => "years",
        var x when x.StartsWith("mo") => "months",
        var x when x.StartsWith("w") => "weeks",
        var x when x.StartsWith("d") => "days",
        _ => "years",
    };
}
