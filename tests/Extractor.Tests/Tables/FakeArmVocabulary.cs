using System.Text.RegularExpressions;
using Extractor.Extraction.Tables;

namespace Extractor.Tests.Tables;

/// <summary>
/// A tiny drug and dose grammar for testing the table structure apart from the medication lexicon: a fixed map
/// of names and a dose pattern. Not used by the product.
/// </summary>
public sealed partial class FakeArmVocabulary : IArmVocabulary
{
    public static readonly FakeArmVocabulary Instance = new();

    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nivo"] = "nivolumab", ["nivolumab"] = "nivolumab", ["ipi"] = "ipilimumab", ["ipilimumab"] = "ipilimumab",
        ["pembro"] = "pembrolizumab", ["pembrolizumab"] = "pembrolizumab", ["digoxin"] = "digoxin",
        ["ramipril"] = "ramipril", ["warfarin"] = "warfarin", ["dabigatran"] = "dabigatran", ["placebo"] = "placebo",
        ["axitinib"] = "axitinib", ["sunitinib"] = "sunitinib", ["dapagliflozin"] = "dapagliflozin",
        ["empagliflozin"] = "empagliflozin", ["sora"] = "sorafenib", ["ifn"] = "interferon alfa",
    };

    [GeneratedRegex(@"\b[\p{L}]+\b")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<v>\d+(?:\.\d+)?)\s*(?<u>mg/kg|mg|MIU)(?:\s*(?<f>q3w|q2w|bid|/d|daily|[X×]3/W))?", RegexOptions.IgnoreCase)]
    private static partial Regex DoseRx();

    public IReadOnlyList<DrugSpan> FindDrugs(string text, int start, int end)
    {
        var list = new List<DrugSpan>();
        foreach (Match m in Word().Matches(text[..end], start))
            if (Names.TryGetValue(m.Value, out var n)) list.Add(new DrugSpan(m.Index, m.Index + m.Length, n));
        return list;
    }

    public IReadOnlyList<DoseSpan> FindDoses(string text, int start, int end)
    {
        var list = new List<DoseSpan>();
        foreach (Match m in DoseRx().Matches(text[..end], start))
        {
            var (f, w) = m.Groups["f"].Value.ToLowerInvariant() switch
            {
                "q3w" => ("1/3wk", "0.333"), "q2w" => ("1/2wk", "0.5"), "bid" => ("2/d", "14"), "/d" or "daily" => ("1/d", "7"), "x3/w" or "×3/w" => ("3/wk", "3"), _ => ("", ""),
            };
            list.Add(new DoseSpan(m.Index, m.Index + m.Length, m.Groups["v"].Value, m.Groups["u"].Value, f, w));
        }
        return list;
    }

    public bool IsKnownTerm(string word) => Names.ContainsKey(word) || word is "mg" or "MIU";
}
