using Extractor.Export;
using Extractor.Ingest;
using Extractor.Pipeline;

namespace Extractor.Cli.Commands;

public sealed class RunCommand : ICommand
{
    public string Name => "run";
    public string Summary => "the whole pipeline over files and folders: cleaned text and CSV tables";
    public string Help => """
        Usage: extractor run INPUT... --out DIR [options]

        Reads each input (a file, or every file below a folder), cleans its text, extracts doses, outcomes,
        adverse events, staging and findings, and writes to DIR:
          documents.csv corrections.csv medications.csv trial_arms.csv outcomes.csv adverse_events.csv
          staging.csv findings.csv errors.csv, and <document_id>.clean.txt per document.
        Each row carries offsets in the cleaned text (start, end) and in the input (source_start, source_end).

        Options:
          --out DIR          output folder (required)
          --no-csv-escape    do not neutralize cells that start with = + - @ (for pipelines, not spreadsheets)
          --quiet            no progress lines

        Exit codes: 0 all documents done, 1 some documents failed (see errors.csv), 2 usage or setup error.

        Example:
          extractor run corpus/hinyokika-kiyo-2009/report.txt --out out
        """;

    public int Run(Arguments args)
    {
        string outDir = args.Option("out") ?? throw new UsageException("--out DIR is required");
        bool noEscape = args.Flag("no-csv-escape");
        bool quiet = args.Flag("quiet");
        args.RejectUnknown();
        if (args.Positional.Count == 0) throw new UsageException("no INPUT given");

        var runner = new BatchRunner(DocumentPipeline.CreateDefault(), InputReader.CreateDefault());
        var summary = runner.Run(args.Positional, new BatchOptions
        {
            OutputDirectory = outDir,
            Csv = new CsvOptions { NeutralizeFormulas = !noEscape },
            OnProgress = p =>
            {
                if (p.Error is not null) Console.Error.WriteLine($"error: {p.DocumentId}: {p.Error}");
                else if (!quiet) Console.Error.WriteLine($"[{p.Done}/{p.Total}] {p.DocumentId}");
            },
        });
        if (!quiet)
            Console.Error.WriteLine($"{summary.Documents} documents ({summary.Failed} failed), {summary.Pages} pages, {summary.Corrections} corrections, {summary.Facts} facts in {summary.Elapsed.TotalSeconds:0.0} s -> {outDir}");
        return summary.Failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }
}
