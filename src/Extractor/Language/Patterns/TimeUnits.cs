using System.Globalization;

namespace Extractor.Language.Patterns;

/// <summary>
/// Converts durations and ages between the units reports write (days, weeks, months, years) so a column keeps one
/// unit (ages in years, outcome times in months). Average calendar lengths: a year is 365.25 days, a month 1/12 of it.
/// </summary>
public static class TimeUnits
{
    private const double DaysPerYear = 365.25, DaysPerWeek = 7, MonthsPerYear = 12;

    /// <summary>Days per unit for "days", "weeks", "months", "years"; null for anything else.</summary>
    public static double? DaysPer(string unit) => unit switch
    {
        "days" => 1,
        "weeks" => DaysPerWeek,
        "months" => DaysPerYear / MonthsPerYear,
        "years" => DaysPerYear,
        _ => null,
    };

    /// <summary>The value in <paramref name="to"/> units, rounded to <paramref name="decimals"/>, invariant text; null when not a number or not a time unit.</summary>
    public static string? Convert(string value, string from, string to, int decimals)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return null;
        if (DaysPer(from) is not { } f || DaysPer(to) is not { } t) return null;
        double r = Math.Round(v * f / t, decimals, MidpointRounding.AwayFromZero);
        return r.ToString("0.##########", CultureInfo.InvariantCulture);
    }
}
