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
    /// Footnote marks after the value are left out of the value.
    /// </summary>
    [GeneratedRegex(@"(?<![\p{L}\d])(?:(?<median>median)\s+)?(?:m(?=OS|PFS))?(?<label>CR\s*[/+]\s*PR|CR\s+or\s+PR|ORR|DCR|RR|CR|PR|SD|PD|OS|PFS|TTP)(?![\p{L}])\s*(?:\(\s*(?<hunit>%|months?|mo)\s*\))?\s*[:=]?\s*(?<value>\d+(?:[.,·]\d+)?)(?<mark>[a-d](?![\p{L}])|[*†‡§¶]+)?\s*(?<unit>%|months?\b|mo\b\.?|mos\b\.?)?(?:(?<=%)(?:[a-d](?![\p{L}])|[*†‡§¶]+))?", RegexOptions.IgnoreCase)]
    public static partial Regex LabelledOutcome();

    /// <summary>A value in an outcome column: a number with optional footnote marks, an optional unit, then a CI or range in brackets.</summary>
    [GeneratedRegex(@"(?<![\p{L}\d.])(?<value>\d+(?:[.,·]\d+)?)(?<mark>[a-d](?![\p{L}])|[*†‡§¶]+)?\s*(?<unit>%|months?\b|mo\b\.?)?(?:(?<=%)(?:[a-d](?![\p{L}])|[*†‡§¶]+))?")]
    public static partial Regex Value();

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
