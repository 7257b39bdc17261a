using Extractor.Evaluation;
using Extractor.Pipeline;

namespace Extractor.Cli.Commands;

/// <summary>`extractor benchmark cleanup`: speed and memory of the cleaner alone (dispatched from <see cref="BenchmarkCommand"/>).</summary>
internal static class BenchmarkCleanup
{
    public const string Help = """
        Usage: extractor benchmark cleanup [BENCH_DIR] [--repeat-to-mb N]

        Times the default cleaner alone, on this one thread, over the OCR texts (ID.ocr.txt) of a case-report set
        (default ../shared/benchmarks/case-reports-ocr): once over the set, then over the set repeated until at
        least N MB (default 10) have passed. Documents are read and cleaned one at a time (streaming), so peak memory
        should not grow with the amount of text. The cleaner's shared data (lexicons) is loaded by a warm-up on the
        first document, timed separately. Prints MB/s (wall clock, one thread), MB per CPU second, peak working set
        and managed heap after each pass.

        Example:
          extractor benchmark cleanup --repeat-to-mb 10
        """;

    public static int Run(Arguments args)
    {
        if (args.Positional.Count == 0 || args.Positional[0] != "cleanup") throw new UsageException("say what to benchmark: cleanup");
        int mb = args.IntOption("repeat-to-mb", 10);
        args.RejectUnknown();
        if (mb < 0) throw new UsageException("--repeat-to-mb must be >= 0");
        if (args.Positional.Count > 2) throw new UsageException("give at most one BENCH_DIR");
        string set = args.Positional.Count == 2 ? args.Positional[1]
            : BenchmarkLocator.FindSet(BenchmarkLocator.CaseReports) ?? throw new UsageException(BenchmarkLocator.MissingMessage(BenchmarkLocator.CaseReports));
        if (!Directory.Exists(set)) throw new UsageException($"{set}: no such folder");
        var files = Directory.EnumerateFiles(set, "*.ocr.txt").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new UsageException($"{set}: no ID.ocr.txt files");

        var cleaner = PipelineDefaults.CreateCleaner();
        Console.WriteLine($"cleaner: {cleaner.GetType().Name}, {files.Count} OCR texts in {set}");
        var warm = CleanupSpeed.Measure("warm-up (first document, loads shared data)", cleaner, [File.ReadAllText(files[0])]);
        Console.WriteLine(warm.Summary());
        var once = CleanupSpeed.Measure("set once", cleaner, files.Select(File.ReadAllText));
        Console.WriteLine(once.Summary());
        if (mb > 0)
        {
            var repeated = CleanupSpeed.Measure($"set repeated to {mb} MB", cleaner, CleanupSpeed.Repeat(files, mb * 1_000_000L));
            Console.WriteLine(repeated.Summary());
        }
        return ExitCodes.Ok;
    }
}
