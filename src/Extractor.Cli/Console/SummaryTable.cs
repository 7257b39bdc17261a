using System.Globalization;
using Extractor.Pipeline;

namespace Extractor.Cli.Terminal;

/// <summary>The table printed at the end of a run: documents, pages, corrections, facts, errors, time.</summary>
public static class SummaryTable
{
    public static string Render(BatchSummary s, string outDir, IEnumerable<(string Name, string Value)>? extra = null)
    {
        int done = s.Documents - s.Failed - s.NotProcessed;
        var detail = new List<string> { $"{done} done" };
        if (s.Resumed > 0) detail.Add($"{s.Resumed} resumed");
        if (s.Failed > 0) detail.Add($"{s.Failed} failed");
        if (s.NotProcessed > 0) detail.Add($"{s.NotProcessed} not processed: {(s.StoppedByStuck ? "stopped because too many documents ran on past --timeout" : "interrupted")}, run again with --resume");
        double minutes = s.Elapsed.TotalMinutes;
        var rows = new List<(string, string)>
        {
            ("documents", $"{s.Documents} ({string.Join(", ", detail)})"),
            ("pages", s.Pages.ToString(CultureInfo.InvariantCulture)),
            ("corrections", s.Corrections.ToString(CultureInfo.InvariantCulture)),
            ("facts", s.Facts.ToString(CultureInfo.InvariantCulture)),
            ("errors", s.Failed == 0 ? "0" : $"{s.Failed} ({string.Join(", ", s.FailuresByReason.Select(r => $"{r.Count} {r.Reason}"))}; see {Path.Combine(outDir, "errors.csv")})"),
            ("time", ProgressDisplay.Duration(s.Elapsed) + (s.Pages > 0 && minutes > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({s.Pages / minutes:0.0} pages/min)") : "")),
            ("output", outDir),
        };
        if (extra is not null) rows.AddRange(extra);
        int w = rows.Max(r => r.Item1.Length);
        return string.Join('\n', rows.Select(r => $"  {r.Item1.PadRight(w)}  {r.Item2}"));
    }
}
