using System.Text.RegularExpressions;

namespace Extractor.Extraction.Tables;

/// <summary>Token grammars of table cells: captions, study authors, years, labelled outcomes, values with footnote marks.</summary>
public static partial class TablePatterns
{
    /// <summary>"Table 2." / "TABLE II:" / an OCR-damaged "TabIe 1."; the word is checked with the OCR-tolerant comparer.</summary>
    [GeneratedRegex(@"^\s*(?<word>\p{L}[\p{L}\d|]{3,5})\s*(?<num>\d{1,2}|[IVX]{1,4})(?:\s*[.:]|\s+(?=\p{Lu})|\s*$)")]
    public static partial Regex Caption();

    [GeneratedRegex(@"^\s*(?:Fig(?:ure)?s?\.?\s*\d|References\b|REFERENCES\b|Acknowledg)")]
    public static partial Regex BlockEnd();

    /// <summary>A study cell at the start of a row: "Escudier B," / "Ryan CW et al." / "Smith A.B. (2015)" / "Tanaka et al.".</summary>
    [GeneratedRegex(@"^\s*(?<surname>\p{Lu}\p{Ll}[\p{L}'’\-]*(?:\s(?:van|de|von|da|del|der|le|la|di)\s\p{Lu}\p{Ll}[\p{L}'’\-]*)?)(?:\s*,?\s+(?<init>\p{Lu}{1,3}|(?:\p{Lu}\.\s?){1,3}))?(?=\s*(?:[,;(\[]|et\s?al\b|(?:19|20)\d\d\b|$))")]
    public static partial Regex StudyStart();

    [GeneratedRegex(@"\bet\s?al\b\.?", RegexOptions.IgnoreCase)]
    public static partial Regex EtAl();

    /// <summary>A publication year, not a dose ("2000 mg") nor part of a longer number.</summary>
    [GeneratedRegex(@"(?<![\d.,])(?<year>(?:19[5-9]|20[0-4])\d)(?<mark>[a-d](?![\p{L}]))?(?![\d%]|[.,]\d)(?!\s*(?:mg|g|µg|μg|ug|mcg|IU|MIU|U|mL|ml|units?|patients|pts)\b)")]
    public static partial Regex Year();

    /// <summary>
    /// An outcome written with its label: "PR: 7.7%", "CR/PR 19 %", "median OS 26.4 months", "ORR (%) 45.2a".
    /// Footnote marks after the value are left out of the value. Two-letter labels must be upper case ("Cr 2.1" is
    /// creatinine), and a value followed by a laboratory unit ("CR 2.1 mg/dL") is no outcome.
    /// </summary>
    [GeneratedRegex(@"(?<![\p{L}\d])(?:(?<median>median)\s+)?(?:m(?=OS|PFS))?(?<label>(?-i:CR\s*[/+]\s*PR|CR\s+or\s+PR)|ORR|DCR|(?-i:RR|CR|PR|SD|PD|OS)|PFS|TTP)(?![\p{L}])\s*(?:\(\s*(?<hunit>%|months?|mo)\s*\))?\s*[:=]?\s*(?<value>\d+(?:[.,·]\d+)?)(?<mark>[a-d](?![\p{L}])|[*†‡§¶]+)?\s*(?<unit>%|months?\b|mo\b\.?|mos\b\.?)?(?:(?<=%)(?:[a-d](?![\p{L}])|[*†‡§¶]+))?(?![.,]?\d)" + LabUnitAhead, RegexOptions.IgnoreCase)]
    public static partial Regex LabelledOutcome();

    // A laboratory or dose unit right after a value: "2.1 mg/dL", "12.9 s", "148 U/L", "45 ×10^9/L".
    private const string LabUnitAhead = @"(?!\s*(?:(?:mg|g|ng|pg|µg|μg|ug|mmol|µmol|μmol|mEq|U|IU|mL|ml|s|sec|cells|copies)\b|[\p{L}µμ]{1,5}/|[×x]\s?10))";

    /// <summary>A value in an outcome column: a number with optional footnote marks, an optional unit, then a CI or range in brackets.</summary>
    [GeneratedRegex(@"(?<![\p{L}\d.]|[<>≤≥]\s?)(?<value>\d+(?:[.,·]\d+)?)(?<mark>[a-d](?![\p{L}])|[*†‡§¶]+)?\s*(?<unit>%|months?\b|mo\b\.?)?(?:(?<=%)(?:[a-d](?![\p{L}])|[*†‡§¶]+))?")]
    public static partial Regex Value();

    /// <summary>A "n (%)" cell: a count and its percentage in brackets ("261 (91.3)", "44 (9.2%)a").</summary>
    [GeneratedRegex(@"(?<![\p{L}\d.])(?<count>\d+)\s*\(\s*(?<value>\d+(?:[.,·]\d+)?)\s*(?<pct>%)?\s*\)(?<mark>[a-d](?![\p{L}])|[*†‡§¶]+)?")]
    public static partial Regex CountPercentCell();

    /// <summary>A header that announces counts with percentages: "ORR, n (%)", "No. (%)", "n/N (%)".</summary>
    [GeneratedRegex(@"(?:^|[\s,])(?:n|N|no\.?|No\.?|n/N)\s*\(\s*%\s*\)")]
    public static partial Regex CountPercentHeader();

    /// <summary>A study cited in a caption: "(Varga-Holm T et al., 2018)", "Smith AB, 2015".</summary>
    [GeneratedRegex(@"(?<![\p{L}])(?<surname>\p{Lu}\p{Ll}[\p{L}'’\-]+)\s+(?<init>\p{Lu}{1,3})(?:\s+et\s?al\.?)?,?\s*\(?(?<year>(?:19|20)\d\d)\b")]
    public static partial Regex Citation();

    /// <summary>A cell that holds no value: not reached, not evaluable, not available, a dash.</summary>
    [GeneratedRegex(@"^\s*(?:NR|NE|NA|N/A|n\.?r\.?|n\.?a\.?|not reached|[—–\-]{1,3})\s*(?:[a-d]|[*†‡§¶]+)?\s*$")]
    public static partial Regex EmptyValue();

    /// <summary>A column heading that is a time point, not an arm: "Before clarithromycin", "Day 7", "Baseline".</summary>
    [GeneratedRegex(@"^\s*(?:before|after|pre|post|during|day|days|week|weeks|month|months|baseline|admission|discharge|on|off)\b", RegexOptions.IgnoreCase)]
    public static partial Regex TimePoint();

    /// <summary>A row label with a laboratory unit: "Tacrolimus (ng/mL)", "Cr, mg/dL", "Platelets (×10^9/L)".</summary>
    [GeneratedRegex(@"(?:[\(\[,]\s*[^()\[\],]*?/\s*[\p{L}µμ\d^]+[^()\[\],]*[\)\]]?\s*$)|\b(?:mg|ng|µg|μg|g|mmol|µmol|μmol|mEq|U|IU)/")]
    public static partial Regex LabUnitLabel();

    /// <summary>An arm cell that goes on in the next line: it ends with "+", "&amp;", "/", "and", "plus" or "with".</summary>
    [GeneratedRegex(@"(?:[+&/]|\b(?:and|plus|with))\s*$", RegexOptions.IgnoreCase)]
    public static partial Regex OpenEnd();

    /// <summary>A footnote line under a table: a mark then words, or "Abbreviations:", "Note:".</summary>
    [GeneratedRegex(@"^\s*(?:(?:[*†‡§¶]+|[a-d]\)|[a-d](?=\s+\p{L}{3,}))\s*\p{L}|(?:Abbreviations?|Notes?|Data are|Values are)\b)")]
    public static partial Regex Footnote();

    [GeneratedRegex(@"\b(?:placebo|control|observation|best supportive care|BSC|usual care|standard care|standard of care)\b", RegexOptions.IgnoreCase)]
    public static partial Regex ControlArm();

    [GeneratedRegex(@"\b(?:vs\.?|versus)\s", RegexOptions.IgnoreCase)]
    public static partial Regex ArmSeparator();

    /// <summary>Canonical measure of an outcome label.</summary>
    public static string Measure(string label)
    {
        var l = Regex.Replace(label.ToUpperInvariant(), @"\s+", "");
        return l switch
        {
            "CR/PR" or "CR+PR" or "CRORPR" => "CR/PR",
            "RR" => "ORR",
            _ => l,
        };
    }

    public static string DefaultUnit(string measure) => measure is "OS" or "PFS" or "TTP" ? "months" : "%";

    public static string CanonicalUnit(string unit, string measure) =>
        unit.Length == 0 ? DefaultUnit(measure) : unit == "%" ? "%" : "months";

    public static string CanonicalValue(string value) => value.Replace(',', '.').Replace('·', '.');
}
