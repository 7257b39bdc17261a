using System.Globalization;
using Extractor.Cleanup;
using Extractor.Evaluation;
using Extractor.Pipeline;

namespace Extractor.Cli.Commands;

/// <summary>`extractor benchmark cleanup`: speed and memory of the cleaner alone (dispatched from <see cref="BenchmarkCommand"/>).</summary>
internal static class BenchmarkCleanup
{
    public const string Help = """
        Usage: extractor benchmark cleanup [BENCH_DIR] [--repeat-to-mb N] [--warmup N] [--cold-passes N] [--with-cache] [--baseline [N]]

        Times the default cleaner alone, on this one thread, over the OCR texts (ID.ocr.txt) of a case-report set
        (default ../shared/benchmarks/case-reports-ocr). Prints, in order:
          startup      loading the shared data (lexicons, gazetteer, confusion table): once per process, not per MB;
          first pass   the set once right after startup (the runtime is still compiling the code);
          cold pass    the set once with the candidate cache off and emptied, after warm-up passes (until two
                       passes in a row compiled no method, at most --warmup N, default 30) that let the runtime
                       finish compiling: the honest figure for distinct text. Timed --cold-passes N times (default
                       5; the caches emptied before each), the median pass is printed with the range: one pass
                       takes a fraction of a second, and a shared machine spreads single passes by a third;
                       then the share of each cleanup pass in three more passes, timed pass by pass;
          --baseline [N] right after the cold pass, the naive baseline of issue 3 (every word Debian's hunspell
                       -a -d en_US,en_med_glut rejects replaced by its first suggestion) over the same texts, or
                       the first N: KB of input per CPU second of the hunspell child (its dictionary loading
                       apart), and ours on exactly those texts (the cold pass; with N, the median of
                       --cold-passes passes over those N) with the ratio. Slow: about 4 KB/s, 75 CPU s for the set;
          repeated     the set repeated until at least N MB (default 10) have passed, cache off, with the working set
                       sampled ten times: documents stream through one at a time, so it stays flat;
          --with-cache the same repeated run with the per-process candidate cache on (OCR repeats its errors, so
                       a corpus runs faster than distinct text; repeated text flatters it).
        MB/s are MB of input text per CPU second of this process (one core; the wall-clock rate is printed too).

        Example:
          extractor benchmark cleanup --repeat-to-mb 10
          extractor benchmark cleanup --baseline 20 --repeat-to-mb 0
        """;

    public static int Run(Arguments args)
    {
        bool withCache = args.Flag("with-cache");
        int mb = args.IntOption("repeat-to-mb", 10);
        int warmup = args.IntOption("warmup", 30);
        int coldPasses = args.IntOption("cold-passes", 5);
        int? baselineDocs = args.FlagWithCount("baseline");
        args.RejectUnknown();
        if (baselineDocs < 0) throw new UsageException("--baseline N: N must be >= 1 (or leave it out for every document)");
        if (args.Positional.Count == 0 || args.Positional[0] != "cleanup") throw new UsageException("say what to benchmark: cleanup");
        if (mb < 0) throw new UsageException("--repeat-to-mb must be >= 0");
        if (warmup < 0) throw new UsageException("--warmup must be >= 0");
        if (coldPasses < 1) throw new UsageException("--cold-passes must be >= 1");
        if (args.Positional.Count > 2) throw new UsageException("give at most one BENCH_DIR");
        string set = args.Positional.Count == 2 ? args.Positional[1]
            : BenchmarkLocator.FindSet(BenchmarkLocator.CaseReports) ?? throw new UsageException(BenchmarkLocator.MissingMessage(BenchmarkLocator.CaseReports));
        if (!Directory.Exists(set)) throw new UsageException($"{set}: no such folder");
        var files = Directory.EnumerateFiles(set, "*.ocr.txt").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new UsageException($"{set}: no ID.ocr.txt files");

        var inv = CultureInfo.InvariantCulture;
        var (startCpu, startWall, startRss) = CleanupSpeed.MeasureStartup();
        Console.WriteLine(string.Create(inv, $"startup (lexicons, gazetteer, confusion table; once per process): {startCpu:0.00} CPU s (wall {startWall:0.00} s), working set {startRss / 1048576.0:0} MB"));
        var cleaner = PipelineDefaults.CreateCleaner();
        var options = (cleaner as OcrCleaner)?.Options ?? CleanupOptions.Default;
        var cold = new OcrCleaner(options with { CacheCandidates = false });
        Console.WriteLine($"cleaner: {cleaner.GetType().Name}, {files.Count} OCR texts in {set}");

        IEnumerable<string> Set() => files.Select(File.ReadAllText);
        Console.WriteLine(CleanupSpeed.Measure("first pass (cache off, code still compiling)", cold, Set()).Summary());
        // The runtime recompiles hot code in the background (tiered compilation, then again with the profile it
        // gathered); on a busy machine that takes many passes, and slow passes can agree in time. Warm up until two
        // passes in a row compiled no method (at most --warmup passes).
        int passes = 0, quiet = 0;
        long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (; passes < warmup && quiet < 2; passes++)
        {
            CleanupSpeed.Measure("warm-up", cold, Set());
            long now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quiet = now == compiled ? quiet + 1 : 0;
            compiled = now;
        }
        Console.WriteLine($"warm-up: {passes} more passes (cache off) until the compiled code settled{(quiet < 2 ? " (still compiling: figures may be low)" : "")}");
        var once = ColdPasses("cold pass (set once, candidate cache off)", cold, Set);
        if (baselineDocs is { } n) Baseline(n);
        Console.WriteLine(CleanupSpeed.PassShares(cold, Set));
        if (mb > 0)
        {
            long bytes = mb * 1_000_000L;
            var repeated = CleanupSpeed.Measure($"set repeated to {mb} MB (cache off)", cold, CleanupSpeed.Repeat(files, bytes), bytes / 10);
            Console.WriteLine(repeated.Summary());
            Console.WriteLine(repeated.RssLine());
            if (withCache)
            {
                Speller.ClearCandidateCache();
                var cached = CleanupSpeed.Measure($"set repeated to {mb} MB (candidate cache on)", cleaner, CleanupSpeed.Repeat(files, bytes), bytes / 10);
                Console.WriteLine(cached.Summary());
                Console.WriteLine(cached.RssLine());
            }
        }
        // `run` and `eval cleanup` clean a batch with its word counts (BatchEvidence): mechanisms that weigh the batch
        // run then and cost time of their own, so that cleaner is timed too, with the counting pass before it.
        Dictionary<string, int> counts = [];
        double countCpu = CpuSeconds(() => counts = CleanupContext.DocumentFrequencies(Set()));
        var batchCleaner = new OcrCleaner(options with { CacheCandidates = false, CorpusCounts = counts });
        compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (passes = 0, quiet = 0; passes < warmup && quiet < 2; passes++)
        {
            CleanupSpeed.Measure("warm-up", batchCleaner, Set());
            long now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quiet = now == compiled ? quiet + 1 : 0;
            compiled = now;
        }
        var batchOnce = ColdPasses("cold pass with the batch's word counts (as `run` cleans a batch)", batchCleaner, Set);
        Console.WriteLine(CleanupSpeed.PassShares(batchCleaner, Set));
        // The first count above ran while its code was still compiling; time it again warm, as the cleaner's passes
        // are timed (the median of --cold-passes counts).
        var countRuns = Enumerable.Range(0, coldPasses).Select(_ => CpuSeconds(() => CleanupContext.DocumentFrequencies(Set()))).Order().ToList();
        double countWarm = countRuns[countRuns.Count / 2];
        double withCounting = batchOnce.Bytes / 1e6 / (batchOnce.CpuSeconds + countWarm);
        Console.WriteLine(string.Create(inv, $"  counting the batch's words first: {countWarm:0.000} CPU s (median of {countRuns.Count}; the first count, code still compiling, {countCpu:0.000} s); both together {withCounting:0.00} MB/s on one core"));
        Console.WriteLine(string.Create(inv, $"target >= 2 MB/s on one core (median cold pass): {(once.MegaBytesPerCpuSecond >= 2 ? "met" : "not met")} ({once.MegaBytesPerCpuSecond:0.00} MB/s; with the batch's counts {batchOnce.MegaBytesPerCpuSecond:0.00} MB/s)"));
        return ExitCodes.Ok;

        // CPU seconds of this process while the action runs.
        static double CpuSeconds(Action action)
        {
            var cpu0 = Environment.CpuUsage.TotalTime;
            action();
            return (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds;
        }

        // The set cleaned coldPasses times, the caches emptied before each: the median pass, and the range.
        SpeedPass ColdPasses(string name, ICleaner c, Func<IEnumerable<string>> texts)
        {
            var runs = new List<SpeedPass>();
            for (int k = 0; k < coldPasses; k++)
            {
                Speller.ClearCandidateCache();
                runs.Add(CleanupSpeed.Measure(name, c, texts()));
            }
            runs.Sort((a, b) => a.MegaBytesPerCpuSecond.CompareTo(b.MegaBytesPerCpuSecond));
            var median = runs[runs.Count / 2];
            Console.WriteLine(median.Summary());
            if (runs.Count > 1)
                Console.WriteLine(string.Create(inv, $"  median of {runs.Count} cold passes; range {runs[0].MegaBytesPerCpuSecond:0.00}-{runs[^1].MegaBytesPerCpuSecond:0.00} MB/s"));
            return median;
        }

        // The naive baseline of issue 3 (hunspell, first suggestion) over the same texts, in the same run: its
        // child's CPU time after the dictionaries are loaded. Ours is the median cold pass over exactly those texts.
        void Baseline(int docs)
        {
            var subset = docs > 0 && docs < files.Count ? files.Take(docs).ToList() : files;
            IEnumerable<string> Subset() => subset.Select(File.ReadAllText);
            var ours = subset.Count == files.Count ? once
                : ColdPasses($"cold pass over the first {subset.Count} texts (for the baseline's ratio)", cold, Subset);
            using var hunspell = new HunspellBaseline();
            var wall = System.Diagnostics.Stopwatch.StartNew();
            foreach (var text in Subset()) hunspell.Clean(text);
            wall.Stop();
            double kbPerCpu = hunspell.CpuSeconds <= 0 ? 0 : hunspell.Bytes / 1e3 / hunspell.CpuSeconds;
            double ratio = hunspell.CpuSeconds <= 0 ? double.NaN : ours.MegaBytesPerCpuSecond * 1e3 / kbPerCpu;
            Console.WriteLine(string.Create(inv,
                $"baseline (hunspell, first suggestion): {kbPerCpu:0.0} KB/s on one core ({hunspell.Texts} texts, {hunspell.Bytes / 1e3:0} KB in " +
                $"{hunspell.CpuSeconds:0.00} CPU s of the hunspell child, wall {wall.Elapsed.TotalSeconds:0.00} s; loading its dictionaries {hunspell.StartupCpuSeconds:0.00} CPU s more); " +
                $"ours {ours.MegaBytesPerCpuSecond:0.00} MB/s on the same texts = {ratio:0}x"));
        }
    }
}
