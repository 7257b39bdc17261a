using Extractor.Cli.Terminal;
using System.Globalization;
using System.Runtime.InteropServices;
using Extractor.Export;
using Extractor.Ingest;
using Extractor.Pipeline;

namespace Extractor.Cli.Commands;

public sealed class RunCommand : ICommand
{
    /// <summary>Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public string Name => "run";
    public string Summary => "the whole pipeline over files and folders: cleaned text and CSV tables";
    public string Help => $"""
        Usage: extractor run INPUT... --out DIR [options]

        Reads each input (a file, or every file below a folder), cleans its text, extracts doses, outcomes,
        adverse events, staging and findings, and writes to DIR:
          documents.csv corrections.csv medications.csv trial_arms.csv outcomes.csv adverse_events.csv
          staging.csv findings.csv errors.csv, and <document_id>.clean.txt per document.
        Each row carries offsets in the cleaned text (start, end) and in the input (source_start, source_end).
        A bad input never stops the run: it gets one line in errors.csv (document_id, source_path, stage, error,
        reason) and on the terminal. Tables are written whole at the end (temporary file, then rename).

        Options:
          --out DIR            output folder (required)
          --resume             reuse the work of an earlier run into DIR for inputs that did not change
          --jobs N             documents processed at once (default {Environment.ProcessorCount}, the number of cores)
          --max-mb N           largest input file in MB (default {InputLimits.Default.MaxBytes / (1024 * 1024)})
          --max-pages N        most pages per document (default {InputLimits.Default.MaxPages})
          --max-pixels N       most pixels per image or page, e.g. 150000000 or 150M (default {InputLimits.Default.MaxPixels / 1_000_000}M)
          --max-line-chars N   longest line of text (default {InputLimits.Default.MaxLineChars})
          --timeout SECONDS    time limit per document (default {InputLimits.Default.Timeout.TotalSeconds:0})
          --no-csv-escape      do not neutralize cells that start with = + - @ tab CR (for pipelines, not spreadsheets)
          --pages-folder       each INPUT folder is one document: its page images (png, jpg, tif) in name order
          --hocr               also write <document_id>.hocr (OCR words with boxes and confidences) for images and PDFs
          --alto               also write <document_id>.alto.xml (ALTO 4.4, for METS/ALTO library systems) for images
                               and PDFs: the cleaned text per word, the OCR reading and suggested corrections as
                               ALTERNATIVEs, words joined across a line end as HypPart1/HypPart2
          --quiet              no progress bar or lines (errors and the summary are still printed)
          --no-batch-evidence  clean each document alone (by default the words of the batch's plain-text inputs,
                               up to 5000 texts, are counted first and weigh the cleanup, as `eval cleanup` does)
        {RunExtras.OptionsHelp}

        {RunExtras.ReviewHelp}

        Ctrl-C (or SIGTERM) stops after the documents in flight and writes the tables for the documents done;
        run again with --resume to finish. A second Ctrl-C stops at once (the tables of the last complete run stay).

        Exit codes: 0 all documents done, 1 some documents failed (see errors.csv), 2 usage or setup error,
        {Interrupted} interrupted.

        Examples:
          extractor run corpus/hinyokika-kiyo-2009/report.txt --out out
          extractor run scans/ --out results --jobs 2 --timeout 300 --resume
          extractor run scans/ --out results --format jsonl --no-report --quiet
        """;

    public int Run(Arguments args)
    {
        string outDir = args.Option("out") ?? throw new UsageException("--out DIR is required");
        bool noEscape = args.Flag("no-csv-escape");
        bool quiet = args.Flag("quiet");
        bool resume = args.Flag("resume");
        bool pagesFolders = args.Flag("pages-folder");
        bool hocr = args.Flag("hocr");
        bool alto = args.Flag("alto");
        bool noBatchEvidence = args.Flag("no-batch-evidence");
        var extras = RunExtras.Read(args, outDir, quiet); // review pages, reviewer decisions, --format, progress bar
        int jobs = args.IntOption("jobs", Environment.ProcessorCount);
        var d = InputLimits.Default;
        var limits = new InputLimits
        {
            MaxBytes = (long)(Positive(args, "max-mb", d.MaxBytes / (1024.0 * 1024)) * 1024 * 1024),
            MaxPages = (int)Math.Min(int.MaxValue, Positive(args, "max-pages", d.MaxPages)),
            MaxPixels = (long)Positive(args, "max-pixels", d.MaxPixels),
            MaxLineChars = (int)Math.Min(int.MaxValue, Positive(args, "max-line-chars", d.MaxLineChars)),
            Timeout = TimeSpan.FromSeconds(Positive(args, "timeout", d.Timeout.TotalSeconds)),
        };
        args.RejectUnknown();
        if (args.Positional.Count == 0) throw new UsageException("no INPUT given");
        if (jobs < 1) throw new UsageException("--jobs takes a number of at least 1");
        if (File.Exists(outDir)) throw new UsageException($"--out {outDir} is a file, not a folder");

        using var stop = new CancellationTokenSource();
        int signals = 0;
        void OnSignal()
        {
            if (Interlocked.Increment(ref signals) > 1) Environment.Exit(Interrupted); // second Ctrl-C: now
            Console.Error.WriteLine("extractor: stopping after the documents in flight (Ctrl-C again to stop at once)");
            stop.Cancel();
        }
        // Ctrl-C (SIGINT; Ctrl-C on Windows) and SIGTERM take the same path; one registration each, so one press is one signal.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; OnSignal(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; OnSignal(); });

        int delayMs = int.TryParse(Environment.GetEnvironmentVariable("EXTRACTOR_TEST_DELAY_MS"), out var ms) ? ms : 0;
        var reader = InputReader.CreateDefault(limits);
        // Corpus evidence: the batch's plain-text inputs counted before the run (a word frequent across them is
        // probably right). A resumed run reuses earlier work only when the same texts gave the counts.
        var batch = noBatchEvidence ? new BatchCounts(null, 0, "")
            : BatchEvidence.Count(InputExpander.Plan(args.Positional, excludeDirectory: outDir, foldersAsDocuments: pagesFolders), reader, cancel: stop.Token);
        var pipeline = new DocumentPipeline(PipelineDefaults.CreateCleaner(batch.Counts), PipelineDefaults.CreateExtractors());
        var runner = new BatchRunner(extras.Pipeline(pipeline), reader);
        BatchSummary summary;
        try
        {
            summary = runner.Run(args.Positional, new BatchOptions
            {
                OutputDirectory = outDir,
                Csv = new CsvOptions { NeutralizeFormulas = extras.NeutralizeFormulas(!noEscape) },
                Jobs = jobs,
                Resume = resume,
                PagesFolders = pagesFolders,
                WriteHocr = hocr,
                WriteAlto = alto,
                Cancel = stop.Token,
                DelayPerDocument = TimeSpan.FromMilliseconds(delayMs),
                OnProgress = extras.OnProgress,
                OnResult = extras.OnResult,
                SideFiles = extras.SideFiles,
                Fingerprint = extras.Fingerprint + (batch.Counts is null ? "" : $";batch={batch.Texts}:{batch.Fingerprint}"),
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"extractor run: cannot write to {outDir}: {ex.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Usage;
        }

        extras.Finish(summary); // review files, index page, JSON Lines, summary table
        if (summary.Documents == 0) { Console.Error.WriteLine("extractor run: no input files found"); return ExitCodes.Usage; }
        return summary.Interrupted ? Interrupted : summary.Failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    // A positive number; --max-pixels also takes a K/M/G suffix.
    private static double Positive(Arguments args, string name, double fallback)
    {
        var v = args.Option(name);
        if (v is null) return fallback;
        double scale = 1;
        var text = v.Trim();
        if (text.Length > 1 && char.ToUpperInvariant(text[^1]) is 'K' or 'M' or 'G' && name == "max-pixels")
        {
            scale = char.ToUpperInvariant(text[^1]) switch { 'K' => 1e3, 'M' => 1e6, _ => 1e9 };
            text = text[..^1];
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || n <= 0 || double.IsInfinity(n))
            throw new UsageException($"--{name} takes a positive number, not '{v}'");
        return n * scale;
    }
}
