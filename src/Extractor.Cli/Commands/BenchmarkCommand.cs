using System.Diagnostics;
using System.Globalization;
using Extractor.Evaluation;
using Extractor.Ingest.Images;
using Extractor.Ocr;

namespace Extractor.Cli.Commands;

/// <summary>`extractor benchmark ocr`: OCR speed against the tesseract program, and memory over a long batch.</summary>
public sealed class BenchmarkCommand : ICommand
{
    public string Name => "benchmark";
    public string Summary => "speed and memory figures (benchmark ocr: pages per minute vs the tesseract program; benchmark cleanup: MB/s)";
    public string Help => """
        Usage: extractor benchmark ocr [SCANS_DIR] [--pages N] [--batch N] [--workers N] [--no-cli]

        Speed: recognises N page images (default: every image in SCANS_DIR, by default
        ../shared/benchmarks/case-reports-ocr/scans) with our pipeline (one engine per worker, pages in parallel,
        engines started inside the timing) and with `tesseract IMAGE - -l eng --psm 3` run page by page, serially,
        with the environment a user has (OpenMP not limited). Prints pages per minute of both and the ratio.
        Memory: reads a document of --batch pages (default 200; the images repeated) through the page-folder
        reader and prints the highest resident memory in pages 0-25, 25-50, 50-100, 100-150, 150-200 (scaled to
        --batch) and in each tenth, and the peak: flat means the last stretch is within 10 % of pages 25-50.
          --workers N   engines (default: the number of cores)
          --no-cli      skip the tesseract program
          --batch 0     skip the memory run

        Example:
          extractor benchmark ocr --pages 10 --batch 200
        """ + "\n\n" + BenchmarkCleanup.Help;

    public int Run(Arguments args)
    {
        if (args.Positional.Count > 0 && args.Positional[0] == "cleanup") return BenchmarkCleanup.Run(args);
        if (args.Positional.Count == 0 || args.Positional[0] != "ocr") throw new UsageException("say what to benchmark: ocr or cleanup");
        int pagesWanted = args.IntOption("pages", 0);
        int batch = args.IntOption("batch", 200);
        int workers = args.IntOption("workers", Environment.ProcessorCount);
        bool noCli = args.Flag("no-cli");
        args.RejectUnknown();
        if (workers < 1) throw new UsageException("--workers takes a number of at least 1");
        string dir = args.Positional.Count > 1 ? args.Positional[1]
            : BenchmarkLocator.FindSet(BenchmarkLocator.CaseReports) is { } set ? Path.Combine(set, "scans")
            : throw new UsageException(BenchmarkLocator.MissingMessage(BenchmarkLocator.CaseReports));
        if (!Directory.Exists(dir)) throw new UsageException($"{dir}: no such folder");
        var images = PageFolderReader.PageFiles(dir);
        if (images.Count == 0) throw new UsageException($"{dir}: no page images");
        if (pagesWanted > 0) images = images.Take(pagesWanted).ToList();
        var inv = CultureInfo.InvariantCulture;

        Console.WriteLine($"tesseract {OcrEngine.Version}; {Environment.ProcessorCount} cores; OMP_THREAD_LIMIT={Environment.GetEnvironmentVariable("OMP_THREAD_LIMIT") ?? "(unset)"} in this process");
        Console.WriteLine($"speed: {images.Count} pages from {dir}");
        var options = OcrOptions.Default with { Workers = workers };
        double ours;
        double oursCpu;
        using (var pool = new OcrEnginePool(options))
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var doc = new PageFolderReader(pool).Read(images, dir, "speed");
            sw.Stop();
            oursCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / images.Count;
            ours = images.Count / sw.Elapsed.TotalMinutes;
            Console.WriteLine(string.Create(inv, $"  ours ({workers} workers):            {sw.Elapsed.TotalSeconds,7:0.0} s  {ours,6:0.0} pages/min  {oursCpu,5:0.00} CPU s/page  ({doc.Words.Count} words)"));
        }
        if (!noCli)
        {
            double cpu = ChildrenCpuSeconds();
            var sw = Stopwatch.StartNew();
            foreach (var image in images) RunProgram(image);
            sw.Stop();
            double programCpu = (ChildrenCpuSeconds() - cpu) / images.Count;
            double program = images.Count / sw.Elapsed.TotalMinutes;
            Console.WriteLine(string.Create(inv, $"  tesseract program, page by page:  {sw.Elapsed.TotalSeconds,7:0.0} s  {program,6:0.0} pages/min  {programCpu,5:0.00} CPU s/page"));
            Console.WriteLine(string.Create(inv, $"  speed-up: {ours / program:0.00}x wall clock (target >= 1.7x)"));
            // Other processes share the cores, so wall-clock figures vary; CPU time per page does not. With the cores to
            // themselves the program needs at least its CPU time / cores per page (OpenMP threads), our workers about
            // our CPU time / workers: their ratio estimates the idle-machine speed-up (the program's OpenMP busy-waiting
            // counts as its CPU time, so this leans our way).
            if (programCpu > 0 && oursCpu > 0)
                Console.WriteLine(string.Create(inv, $"  CPU time per page: program {programCpu:0.00} s, ours {oursCpu:0.00} s: ratio {programCpu / oursCpu:0.00} (estimated idle-machine speed-up); load average {LoadAverage()} on {Environment.ProcessorCount} cores"));
        }

        if (batch > 0) Memory(images, batch, options, dir);
        return ExitCodes.Ok;
    }

    // User + system time of finished child processes (cutime + cstime of /proc/self/stat), in seconds.
    private static double ChildrenCpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17.
            return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException) { return 0; }
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }

    // `tesseract IMAGE - -l eng --psm 3` as a user runs it: OpenMP not limited by our own setting.
    private static void RunProgram(string image)
    {
        var psi = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { image, "-", "-l", "eng", "--psm", "3" }) psi.ArgumentList.Add(a);
        psi.Environment.Remove("OMP_THREAD_LIMIT");
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("tesseract did not start");
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"tesseract failed on {image}: {err.Result.Trim()}");
    }

    private static void Memory(List<string> images, int batch, OcrOptions options, string dir)
    {
        var inv = CultureInfo.InvariantCulture;
        var pages = Enumerable.Range(0, batch).Select(i => images[i % images.Count]).ToList();
        Console.WriteLine($"memory: one document of {batch} pages ({images.Count} images repeated), {options.Workers} workers, MALLOC_ARENA_MAX={Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") ?? "(unset: set by mallopt)"}");
        var self = Process.GetCurrentProcess();
        long start = OcrEngine.PagesRecognized;
        // Resident memory when the batch passes these page counts (25, 50, 100, 150, 200 for 200 pages).
        long[] marks = [.. new[] { 0.125, 0.25, 0.5, 0.75, 1.0 }.Select(f => Math.Max(1, (long)Math.Round(batch * f))).Distinct()];
        var atMark = new (long Rss, long Managed)[marks.Length];
        var samples = new List<(long Pages, long Rss)>();
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (true)
            {
                self.Refresh();
                long rss = self.WorkingSet64, done = OcrEngine.PagesRecognized - start;
                peak = Math.Max(peak, rss);
                lock (samples) samples.Add((done, rss));
                for (int m = 0; m < marks.Length; m++)
                    if (done >= marks[m] && atMark[m].Rss == 0) atMark[m] = (rss, GC.GetTotalMemory(false));
                if (stop.IsCancellationRequested) break;
                try { await Task.Delay(100, stop.Token); } catch (TaskCanceledException) { }
            }
        });
        var sw = Stopwatch.StartNew();
        using (var pool = new OcrEnginePool(options))
        {
            var doc = new PageFolderReader(pool).Read(pages, dir, "memory");
            sw.Stop();
            stop.Cancel();
            sampler.Wait();
            Console.WriteLine(string.Create(inv, $"  {doc.Pages} pages, {doc.Text.Length:N0} characters, {doc.Words.Count:N0} words in {sw.Elapsed.TotalSeconds:0.0} s ({batch / sw.Elapsed.TotalMinutes:0.0} pages/min)"));
        }
        // Per stretch of the batch (pages 0-25, 25-50, 50-100, ...) the highest resident memory seen in it: a point
        // sample depends on whether the workers are inside a page (~50 MB each) or between pages, the highest does not.
        Console.WriteLine("  highest resident memory in each stretch of the batch (managed heap when the stretch ended):");
        var highs = new long[marks.Length];
        for (int m = 0; m < marks.Length; m++)
        {
            long lo = m == 0 ? 0 : marks[m - 1], hi = marks[m];
            highs[m] = samples.Where(x => x.Pages >= lo && (x.Pages < hi || (m == marks.Length - 1 && x.Pages >= hi))).Select(x => x.Rss).DefaultIfEmpty(0).Max();
            Console.WriteLine(string.Create(inv, $"    pages {lo,3}-{hi,3}: {highs[m] / 1048576.0,5:0} MB  ({atMark[m].Managed / 1048576.0:0} MB managed)"));
        }
        // Highest resident memory in each tenth of the batch.
        var tenths = new List<string>();
        for (int t = 1; t <= 10; t++)
        {
            long lo = batch * (t - 1) / 10, hi = batch * t / 10;
            var inTenth = samples.Where(s => s.Pages >= lo && s.Pages < hi || (t == 10 && s.Pages >= hi)).Select(s => s.Rss).DefaultIfEmpty(0).Max();
            tenths.Add(string.Create(inv, $"{inTenth / 1048576.0:0}"));
        }
        Console.WriteLine($"  highest resident MB in each tenth of the batch: {string.Join(" ", tenths)}");
        // Flat: the last stretch is no more than 10 % above the second (every worker has done pages by then).
        double warm = highs[Math.Min(1, highs.Length - 1)], last = highs[^1];
        Console.WriteLine(string.Create(inv, $"  peak {peak / 1048576.0:0} MB; last stretch vs pages {(marks.Length > 1 ? marks[0] : 0)}-{marks[Math.Min(1, marks.Length - 1)]}: {(warm > 0 ? last / warm : 0):0.00}x ({(last <= warm * 1.1 ? "flat" : "GROWING")})"));
    }
}
