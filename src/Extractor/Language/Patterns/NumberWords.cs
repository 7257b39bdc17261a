using System.Globalization;

namespace Extractor.Language.Patterns;

/// <summary>Numbers written as digits or as English words ("six", "twenty-four", "a half").</summary>
public static class NumberWords
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13,
        ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18,
        ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["a"] = 1, ["an"] = 1, ["several"] = -1,
    };

    /// <summary>Regex alternation of number words (longest first), for use inside patterns.</summary>
    public const string Pattern =
        @"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|zero|one|two|three|four|five|six|seven|eight|nine|ten)";

    /// <summary>The value of "6", "6.5", "six", "twenty-four"; null when it is not a number.</summary>
    public static string? Normalize(string text)
    {
        text = text.Trim();
        if (text.Length == 0) return null;
        if (char.IsDigit(text[0]))
        {
            string t = text.Replace(',', '.');
            return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? t : null;
        }
        var parts = text.Split(['-', ' ', '‐'], StringSplitOptions.RemoveEmptyEntries);
        int total = 0;
        foreach (var p in parts)
        {
            if (!Units.TryGetValue(p, out int v) || v < 0) return null;
            total += v;
        }
        return total.ToString(CultureInfo.InvariantCulture);
    }
}
