using System.Text.RegularExpressions;
using Extractor.Language;
using Extractor.Language.Negation;
using Extractor.Language.Patterns;

namespace Extractor.Extraction.Outcomes;

/// <summary>
/// Outcomes stated in running text (source = text): response categories (CR, PR, SD, PD, CR/PR), rates (ORR, DCR)
/// and times (OS, PFS, TTP), written out ("stable disease", "complete remission", "progression-free survival") or
/// abbreviated when a value or a response verb vouches for the abbreviation ("achieved a PR", "PFS of 8 months");
/// progression told as a verb ("hepatic lesions rapidly progressed") is PD with the lesions as qualifier.
/// Value and unit follow within the clause ("for six months", "of 35%"; number words read as digits); the unit is
/// % or months (weeks, years and days converted; the written value in the qualifier). Arm: the regimen being given at that point of the
/// report, from the medication rows already in the sink (the latest regimen first mentioned before the outcome).
/// Negated statements ("no progression") are skipped.
/// </summary>
public sealed partial class TextOutcomeExtractor : IExtractor
{
    public static readonly TextOutcomeExtractor Instance = new();

    [GeneratedRegex(@"\b(?:(?<CR>(?i:complete (?:response|remission|regression)s?)|CRs?)|(?<PR>(?i:partial (?:response|remission|regression)s?)|PRs?)|(?<SD>(?i:stable disease|disease stabili[sz]ation)|SD)|(?<PD>(?i:progressive disease|disease progression|progression of (?:the )?disease)|PD)|(?<CRPR>CR\s*/\s*PR|CR\s*\+\s*PR)|(?<ORR>(?i:(?:objective|overall) response rates?)|ORR|(?i:response rates?)|RR)|(?<DCR>(?i:disease control rates?)|DCR|(?i:clinical benefit rates?)|CBR)|(?<PFS>(?i:progression[- ]free survival)|PFS)|(?<OS>(?i:overall survival)|OS)|(?<TTP>(?i:time to (?:disease )?progression)|TTP))\b(?![-/]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex MeasurePattern();

    [GeneratedRegex(@"(?<subj>(?:[A-Za-z]+[ -]){0,2}(?:lesions?|tumou?rs?|metastas[ie]s|disease|mass(?:es)?|nodules?|cancer|carcinoma))\s+(?:(?:had|has|have|was|were)\s+)?(?:\w+ly\s+)?(?<verb>progressed|enlarged|grew|increased in (?:size|number))\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ProgressionVerb();

    [GeneratedRegex(@"^[\s,:=]*(?:(?:was|were|is|of|for|lasting|at|reached|approximately|about|with|a|an|median|mean|duration of|that lasted|which lasted|lasted)\s+){0,4}[\s:=(]*(?<v>\d+(?:\.\d+)?|" + NumberWords.Pattern + @")\s*(?<u>%|percent|months?|mos?\.?|weeks?|wks?|years?|yrs?|days?)(?![a-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ValueAfter();

    [GeneratedRegex(@"\b(?:achiev\w*|show\w*|attain\w*|result\w* in|confirm\w*|maintain\w*|obtain\w*|evaluat\w* as|assess\w* as|judged as|experienc\w*|had|with|a|remain\w* in|in)\s+(?:an?\s+|the\s+)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ResponseVerbBefore();

    private static readonly string[] Measures = ["CRPR", "CR", "PR", "SD", "PD", "ORR", "DCR", "PFS", "OS", "TTP"];

    public void Extract(AnalyzedDocument document, ExtractionSink sink)
    {
        string text = document.Text;
        var regimens = RegimenStarts(sink);
        foreach (var sentence in document.Sentences)
        {
            string st = sentence.TextOf(text);
            foreach (Match m in MeasurePattern().Matches(st))
            {
                string measure = Measures.First(k => m.Groups[k].Success);
                if (measure == "CRPR") measure = "CR/PR";
                int s = sentence.Start + m.Index, e = s + m.Length;
                var value = ValueAfter().Match(st[(m.Index + m.Length)..]);
                bool abbreviation = m.Value.Length <= 4 && m.Value.All(c => char.IsUpper(c) || c is '/' or '+' or ' ' or 's');
                if (abbreviation && !value.Success && !ResponseVerbBefore().IsMatch(st[..m.Index])) continue;
                // "PR: 7.7%" in a line with hardly any prose is a table cell: the table extractor's, not ours.
                if (abbreviation && value.Success && value.Value.TrimStart().StartsWith(':') && ProseWords(st) < 8) continue;
                if (sink.Outcomes.Any(o => o.Source == "table" && o.Start < sentence.Start + m.Index + m.Length && sentence.Start + m.Index < o.End)) continue;
                // Rates need a percentage, times need a time: "response rate" without a number is no outcome.
                if (measure is "ORR" or "DCR" or "OS" or "PFS" or "TTP" && !value.Success) continue;
                if (value.Success && measure is "ORR" or "DCR" && !value.Groups["u"].Value.StartsWith('%') && !value.Groups["u"].Value.StartsWith("per")) continue;
                var neg = ContextNegation.Instance.Assess(document, s, e);
                if (neg.Negated || neg.Hypothetical) continue;
                if (value.Success) e = sentence.Start + m.Index + m.Length + value.Index + value.Length;
                Add(document, sink, regimens, measure, value, s, e, "");
            }
            foreach (Match m in ProgressionVerb().Matches(st))
            {
                int s = sentence.Start + m.Index, e = s + m.Length;
                var neg = ContextNegation.Instance.Assess(document, s, e);
                if (neg.Negated || neg.Hypothetical) continue;
                string subject = Regex.Replace(m.Groups["subj"].Value, @"^(?:the|a|an|his|her|their|all|these|those)\s+", "", RegexOptions.IgnoreCase).ToLowerInvariant();
                Add(document, sink, regimens, "PD", Match.Empty, s, e, subject);
            }
        }
    }

    private static void Add(AnalyzedDocument document, ExtractionSink sink, List<(int Start, string Arm)> regimens, string measure, Match value, int s, int e, string qualifier)
    {
        string v = "", unit = "";
        if (value.Success)
        {
            v = NumberWords.Normalize(value.Groups["v"].Value) ?? value.Groups["v"].Value;
            unit = Unit(value.Groups["u"].Value);
            // Times go out in months (output contract: % or months); weeks, years and days are converted and the
            // written value kept in the qualifier: "for 24 weeks" -> 5.5 months, qualifier "written 24 weeks".
            if (unit is "weeks" or "years" or "days" && TimeUnits.Convert(v, unit, "months", 1) is { } months)
            {
                qualifier = qualifier.Length > 0 ? $"{qualifier}; written {v} {unit}" : $"written {v} {unit}";
                v = months;
                unit = "months";
            }
        }
        var loc = Provenance.Locate(document, s, e);
        string arm = "";
        foreach (var r in regimens) if (r.Start < s) arm = r.Arm;
        sink.Outcomes.Add(new Outcome
        {
            DocumentId = document.DocumentId,
            Source = "text",
            Arm = arm,
            Measure = measure,
            Value = v,
            Unit = unit,
            Qualifier = qualifier,
            Start = loc.Start, End = loc.End,
            SourceStart = loc.SourceStart, SourceEnd = loc.SourceEnd,
            Page = loc.Page, Evidence = loc.Evidence,
        });
    }

    private static int ProseWords(string s) => Regex.Matches(s, @"\b[a-z]{3,}\b").Count;

    private static string Unit(string u) => u.ToLowerInvariant().TrimEnd('.') switch
    {
        "%" or "percent" => "%",
        var x when x.StartsWith("mo") => "months",
        var x when x.StartsWith("w") => "weeks",
        var x when x.StartsWith("y") => "years",
        var x when x.StartsWith("d") => "days",
        var x => x,
    };

    // Each regimen of the medication rows: where it is first mentioned and its drugs joined with " + ".
    private static List<(int Start, string Arm)> RegimenStarts(ExtractionSink sink) =>
        sink.Medications
            .Where(m => !m.Negated && m.RegimenId.Length > 0)
            .GroupBy(m => m.RegimenId)
            .Select(g => (Start: g.Min(m => m.Start), Arm: string.Join(" + ", g.Select(m => m.Drug).Where(d => d.Length > 0).Distinct())))
            .Where(r => r.Arm.Length > 0)
            .OrderBy(r => r.Start)
            .ToList();
}
