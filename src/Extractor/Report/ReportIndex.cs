using System.Text;
using CsvHelper;
using Extractor.Extraction;

namespace Extractor.Report;

/// <summary>One line of the batch index: a document's counts, or the error that stopped it.</summary>
public sealed record ReportIndexEntry
{
    public string DocumentId { get; init; } = "";
    public string SourcePath { get; init; } = "";
    public int Pages { get; init; }
    public int CorrectionsApplied { get; init; }
    public int CorrectionsSuggested { get; init; }
    public int Medications { get; init; }
    public int AdverseEvents { get; init; }
    public int Outcomes { get; init; }
    public int Errors { get; init; }
    /// <summary>Why the document failed (stage: reason); empty when it was processed.</summary>
    public string Error { get; init; } = "";
    public bool Failed => Error.Length > 0;
}

/// <summary>
/// OUT/report/index.html: every document of the batch with its counts and a link to its page, failed documents with
/// their error. Built from the run's CSV files after the run, so it also covers documents a resumed run skipped.
/// </summary>
public static class ReportIndex
{
    public const string FileName = "index.html";

    /// <summary>Reads documents.csv, corrections.csv, medications.csv, adverse_events.csv, outcomes.csv and errors.csv of an output folder.</summary>
    public static List<ReportIndexEntry> FromOutput(string outDir)
    {
        var docs = new Dictionary<string, ReportIndexEntry>(StringComparer.Ordinal);
        var order = new List<string>();
        ReportIndexEntry Get(string id)
        {
            if (!docs.TryGetValue(id, out var e)) { docs[id] = e = new ReportIndexEntry { DocumentId = id }; order.Add(id); }
            return e;
        }
        void Update(string id, Func<ReportIndexEntry, ReportIndexEntry> f) => docs[id] = f(Get(id));

        foreach (var d in Rows<DocumentInfo>(outDir, "documents"))
            Update(d.DocumentId, e => e with { SourcePath = d.SourcePath, Pages = d.Pages });
        foreach (var c in Rows<CorrectionRow>(outDir, "corrections"))
            Update(c.DocumentId, e => c.Applied ? e with { CorrectionsApplied = e.CorrectionsApplied + 1 } : e with { CorrectionsSuggested = e.CorrectionsSuggested + 1 });
        foreach (var m in Rows<Medication>(outDir, "medications")) Update(m.DocumentId, e => e with { Medications = e.Medications + 1 });
        foreach (var a in Rows<AdverseEvent>(outDir, "adverse_events")) Update(a.DocumentId, e => e with { AdverseEvents = e.AdverseEvents + 1 });
        foreach (var o in Rows<Outcome>(outDir, "outcomes")) Update(o.DocumentId, e => e with { Outcomes = e.Outcomes + 1 });
        foreach (var err in Rows<ErrorRow>(outDir, "errors"))
            Update(err.DocumentId, e => e with
            {
                SourcePath = e.SourcePath.Length > 0 ? e.SourcePath : err.SourcePath,
                Errors = e.Errors + 1,
                Error = e.Error.Length > 0 ? e.Error : $"{err.Stage}: {err.Error}",
            });
        return order.Select(id => docs[id]).ToList();
    }

    private static IEnumerable<T> Rows<T>(string outDir, string table)
    {
        string path = Path.Combine(outDir, table + ".csv");
        if (!File.Exists(path)) yield break;
        using var reader = new StreamReader(path, Encoding.UTF8);
        var options = CsvReaderOptions.Default with { NormalizeHeaderName = n => n.Replace("_", "") };
        using var csv = CsvReader.Create(reader, options);
        foreach (var row in csv.GetRecords<T>()) yield return row;
    }

    /// <summary>Writes OUT/report/index.html from the run's CSV files; returns its path.</summary>
    public static string Write(string outDir, string? reportDirectory = null)
    {
        reportDirectory ??= Path.Combine(outDir, "report");
        Directory.CreateDirectory(reportDirectory);
        var entries = FromOutput(outDir);
        string path = HtmlReport.SafeFile(reportDirectory, FileName);
        HtmlReport.WriteAtomic(path, Render(entries, name => File.Exists(Path.Combine(reportDirectory, name))));
        return path;
    }

    /// <summary>The index page; <paramref name="pageExists"/> says whether a document's page file is there to link to.</summary>
    public static string Render(IReadOnlyList<ReportIndexEntry> entries, Func<string, bool>? pageExists = null)
    {
        var sb = new StringBuilder(4096 + entries.Count * 400);
        var ok = entries.Where(e => !e.Failed).ToList();
        var failed = entries.Where(e => e.Failed).ToList();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        sb.Append("<title>Review: batch of ").Append(entries.Count).Append(" documents</title>\n<style>").Append(Assets.Css)
          .Append("td.n{text-align:right}tr.failed td{background:#fff0f0}</style></head>\n<body>\n<header><h1>Review: ").Append(entries.Count).Append(" documents</h1>\n<p>")
          .Append(ok.Count).Append(" processed, ").Append(failed.Count).Append(" failed · ").Append(ok.Sum(e => e.Pages)).Append(" pages · ")
          .Append(ok.Sum(e => e.CorrectionsApplied)).Append(" corrections applied, ").Append(ok.Sum(e => e.CorrectionsSuggested)).Append(" suggested</p></header>\n");
        sb.Append("<section id=\"documents\"><h2>Documents</h2>\n<table class=\"index\">\n<thead><tr><th>document</th><th>source</th><th>pages</th>")
          .Append("<th>corrections</th><th>suggestions</th><th>medications</th><th>adverse events</th><th>outcomes</th><th>errors</th></tr></thead>\n<tbody>\n");
        foreach (var e in entries)
        {
            string file = Html.IdPart(e.DocumentId) + ".html";
            sb.Append("<tr id=\"doc-").Append(Html.IdPart(e.DocumentId)).Append('"').Append(e.Failed ? " class=\"failed\"" : "").Append("><td>");
            if (!e.Failed && (pageExists?.Invoke(file) ?? true))
                sb.Append("<a href=\"").Append(file).Append("\">").Append(Html.Escape(e.DocumentId)).Append("</a>");
            else sb.Append(Html.Escape(e.DocumentId));
            sb.Append("</td><td>").Append(Html.Escape(e.SourcePath)).Append("</td>");
            foreach (int n in new[] { e.Pages, e.CorrectionsApplied, e.CorrectionsSuggested, e.Medications, e.AdverseEvents, e.Outcomes, e.Errors })
                sb.Append("<td class=\"n\">").Append(n).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></section>\n");
        sb.Append("<section id=\"failed\"><h2>Failed documents <small>(").Append(failed.Count).Append(", errors.csv)</small></h2>\n");
        if (failed.Count == 0) sb.Append("<p class=\"none\">none</p>\n");
        else
        {
            sb.Append("<table class=\"errors\"><thead><tr><th>document</th><th>source</th><th>error</th></tr></thead><tbody>\n");
            foreach (var e in failed)
                sb.Append("<tr><td>").Append(Html.Escape(e.DocumentId)).Append("</td><td>").Append(Html.Escape(e.SourcePath)).Append("</td><td>")
                  .Append(Html.Escape(e.Error)).Append("</td></tr>\n");
            sb.Append("</tbody></table>\n");
        }
        sb.Append("</section>\n</body></html>\n");
        return sb.ToString();
    }
}
