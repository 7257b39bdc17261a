using Extractor.Export;
using Extractor.Extraction;
using Extractor.Pipeline;
using Extractor.Report;
using Extractor.Review;

namespace Extractor.Cli.Terminal;

/// <summary>
/// What `extractor run` adds around the batch for people: the review pages, the reviewer's decisions, JSON Lines,
/// the progress bar and the summary table. Kept apart from RunCommand so the batch code stays as it is.
/// </summary>
public sealed class RunExtras
{
    public const string OptionsHelp = """
          --no-report          skip the HTML review pages (default: DIR/report/<document_id>.html and DIR/report/index.html)
          --format csv|jsonl   tables as CSV (default) or JSON Lines (<table>.jsonl, same fields, snake_case keys;
                               for pipelines: implies --no-csv-escape); csv,jsonl writes both
        """;

    public const string ReviewHelp = """
        Review: the first run writes DIR/corrections.review.csv (set decision to reject or accept, or edit applied or
        corrected) and DIR/<table>.review.csv for the facts (decision reject, fix after editing values, or add).
        Later runs into DIR apply those decisions and never overwrite the review files (rows of new documents are
        appended).
        """;

    public string OutDir { get; }
    public bool Report { get; }
    public bool Csv { get; }
    public bool Jsonl { get; }
    public Reviews Reviews { get; }
    public ProgressDisplay Progress { get; }
    private readonly TextWriter _err;
    private readonly SourceSpans _spans; // input text of each fact's span, for the review files

    private RunExtras(string outDir, bool report, bool csv, bool jsonl, Reviews reviews, ProgressDisplay progress, TextWriter err)
    {
        (OutDir, Report, Csv, Jsonl, Reviews, Progress, _err) = (outDir, report, csv, jsonl, reviews, progress, err);
        _spans = new SourceSpans(outDir, Path.Combine(RunOutput.WorkFolderName, "review-spans"));
    }

    /// <summary>Reads --report/--no-report and --format, loads the review files of <paramref name="outDir"/>.</summary>
    public static RunExtras Read(Arguments args, string outDir, bool quiet, ProgressDisplay? progress = null)
    {
        bool noReport = args.Flag("no-report");
        bool report = args.Flag("report") || !noReport;
        if (noReport && args.Flag("report")) throw new UsageException("give --report or --no-report, not both");
        var formats = (args.Option("format") ?? "csv").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => f.ToLowerInvariant()).ToList();
        if (formats.Count == 0 || formats.Any(f => f is not ("csv" or "jsonl"))) throw new UsageException($"--format takes csv or jsonl (or csv,jsonl), not '{args.Option("format")}'");
        var reviews = Directory.Exists(outDir) ? Reviews.Load(outDir) : new Reviews(ReviewBook.Empty, FactReviewBook.Empty);
        return new RunExtras(outDir, report, formats.Contains("csv"), formats.Contains("jsonl"), reviews, progress ?? ProgressDisplay.ForConsole(quiet), System.Console.Error);
    }

    /// <summary>The pipeline with the reviewer's decisions applied (as it is when there are none).</summary>
    public DocumentPipeline Pipeline(DocumentPipeline pipeline) => Reviews.Count == 0 ? pipeline : Reviews.Apply(pipeline);

    /// <summary>Part of the resume fingerprint: changes when a reviewer's decisions change.</summary>
    public string Fingerprint => Reviews.Fingerprint();

    /// <summary>CSV formula escapes stay on only for spreadsheets: JSON Lines are converted from unescaped tables.</summary>
    public bool NeutralizeFormulas(bool requested) => requested && !Jsonl;

    public void OnProgress(BatchProgress p) => Progress.Report(p);


    /// <summary>After each processed document (worker threads): counts pages, writes its review page.</summary>
    public void OnResult(DocumentResult r)
    {
        Progress.AddPages(r.Info.Pages);
        _spans.Add(r);
        if (!Report) return;
        try { HtmlReport.Instance.Write(r, Path.Combine(OutDir, "report")); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            lock (_err) _err.WriteLine($"warning: {r.Info.DocumentId}: review page not written: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>
    /// The files <see cref="OnResult"/> writes for a document: its review page and the input text of its facts (for the
    /// review files' source_text). A resumed run redoes a document that lacks one, so it writes what a whole run writes.
    /// </summary>
    public IEnumerable<string> SideFiles(string documentId) =>
        Report ? [Path.Combine("report", Html.IdPart(documentId) + ".html"), _spans.RelativeFileOf(documentId)] : [_spans.RelativeFileOf(documentId)];

    /// <summary>After the batch: review files, index page, JSON Lines, then the summary table on stderr.</summary>
    public void Finish(BatchSummary summary)
    {
        Progress.Finish();
        var extra = new List<(string, string)>();
        foreach (var w in Reviews.Warnings) _err.WriteLine("warning: " + w);
        Try("review files", () =>
        {
            int added = Reviews.Sync(OutDir, _spans.Get);
            string applied = Reviews.Count > 0 ? $"{Reviews.Count} reviewer decisions applied; " : "";
            extra.Add(("review", $"{applied}{(added > 0 ? $"{added} rows added to " : "decide in ")}{Path.Combine(OutDir, ReviewBook.CorrectionsFile)} and <table>.review.csv"));
        });
        if (Report) Try("review index", () => extra.Add(("report", ReportIndex.Write(OutDir))));
        if (Jsonl)
            Try("JSON Lines", () =>
            {
                foreach (var table in RunOutput.TableNames)
                    if (JsonlExport.ConvertTable(OutDir, table) && !Csv) File.Delete(Path.Combine(OutDir, table + ".csv"));
                extra.Add(("format", Csv ? "CSV and JSON Lines (<table>.jsonl)" : "JSON Lines (<table>.jsonl)"));
            });
        _err.WriteLine(SummaryTable.Render(summary, OutDir, extra));
    }

    private void Try(string what, Action action)
    {
        try { action(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or CsvHelper.CsvFormatException)
        {
            _err.WriteLine($"warning: {what} not written: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }
}
