using System.Diagnostics;
using System.Globalization;
using Extractor.Evaluation;
using Extractor.Ingest.Images;
using Extractor.Ocr;
using Extractor.Pipeline;

namespace Extractor.Cli.Commands;

/// <summary>`extractor benchmark ocr`: OCR speed against the tesseract program, and memory over a long batch.</summary>
public sealed class BenchmarkCommand : ICommand
{
    public string Name => "benchmark";
    public string Summary => "speed and memory figures (benchmark ocr: pages per minute vs the tesseract program; benchmark cleanup: MB/s)";
    public string Help => """
        Usage: extractor benchmark ocr [SCANS_DIR] [--pages N] [--batch N] [--workers N] [--no-cli]
                                       [--no-speed] [--no-document-run] [--no-batch-run] [--runtime-gc]

        Speed: recognises N page images (default: every image in SCANS_DIR, by default
        ../shared/benchmarks/case-reports-ocr/scans) with our pipeline (one engine per worker, pages in parallel,
        engines started inside the timing) and with `tesseract IMAGE - -l eng --psm 3` run page by page, serially,
        with the environment a user has (OpenMP not limited). Prints pages per minute of both, the wall-clock ratio
        and the ratio of CPU time per page (the idle-machine estimate) with the load average.
        Memory, sampled every 0.1 s in this process: resident memory (VmRSS), managed heap (memory the GC has
        committed: objects, uncollected garbage and the free space it keeps) and native memory (resident minus managed
        heap: Tesseract, Leptonica, glibc's heap, the runtime).
        For each run: the highest of each in stretches 0-12.5 %, 12.5-25 %, 25-50 %, 50-75 %, 75-100 % of the run
        (pages or documents 0-25, 25-50, 50-100, 100-150, 150-200 of 200) and in each tenth, and a verdict: flat when
        the last stretch is within 10 % of the second (every worker has warmed up by then), else GROWING.
          batch run: --batch single-page documents (default 200; the images repeated, as symbolic links in a
            temporary folder) through `extractor run IN --out OUT --jobs N --quiet` in this process: the batch path a
            librarian runs (batch workers, the shared OCR engines, cleanup, extraction, part files, review pages and
            files, tables). Stretches by documents finished; what follows the last document (tables merged, review
            files, index) is shown apart. Judged on resident memory.
          one-document run: one document of --batch pages (the images repeated) through the page-folder reader (OCR
            only). The document holds its text and word boxes to the end, so its managed heap grows with it (data, not
            a leak): judged on native memory, with the managed heap's growth stated.
          --workers N         OCR engines and batch jobs (default: the number of cores)
          --no-cli            skip the tesseract program
          --no-speed          skip the speed part
          --no-document-run   skip the one-document memory run
          --no-batch-run      skip the batch memory run
          --runtime-gc        batch run without the batch's heap limiter (ManagedHeapLimiter): the runtime's GC alone
          --batch 0           skip both memory runs

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
        bool noSpeed = args.Flag("no-speed");
        bool noOneDocument = args.Flag("no-document-run");
        bool noBatchRun = args.Flag("no-batch-run");
        bool runtimeGc = args.Flag("runtime-gc");
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
        var options = OcrOptions.Default with { Workers = workers };
        if (!noSpeed)
        {
            Console.WriteLine($"speed: {images.Count} pages from {dir}");
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
        }

        if (batch > 0)
        {
            if (!noOneDocument) MemoryOneDocument(images, batch, options, dir);
            if (!noBatchRun) MemoryBatch(images, batch, workers, runtimeGc);
            Console.WriteLine($"load average {LoadAverage()} on {Environment.ProcessorCount} cores");
        }
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

    private static string MB(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);

    private static string ArenaSetting() => Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is { Length: > 0 } v ? v : "(unset: 2 by mallopt)";

    /// <summary>
    /// One document of <paramref name="batch"/> pages through the page-folder reader. The document holds its own text
    /// and word boxes to the end, so the managed heap grows with it: that is data, not a leak. Flatness is judged on the
    /// native part (resident minus managed heap): OCR engines, image buffers, glibc's heap.
    /// </summary>
    private static void MemoryOneDocument(List<string> images, int batch, OcrOptions options, string dir)
    {
        var inv = CultureInfo.InvariantCulture;
        var pages = Enumerable.Range(0, batch).Select(i => images[i % images.Count]).ToList();
        Console.WriteLine($"memory, one document: {batch} pages ({images.Count} images repeated) through the page-folder reader (OCR only), {options.Workers} workers, MALLOC_ARENA_MAX={ArenaSetting()}");
        long start = OcrEngine.PagesRecognized;
        IReadOnlyList<MemorySample> samples;
        var sw = Stopwatch.StartNew();
        using (var sampler = new MemorySampler(() => OcrEngine.PagesRecognized - start))
        using (var pool = new OcrEnginePool(options))
        {
            var doc = new PageFolderReader(pool).Read(pages, dir, "memory");
            sw.Stop();
            samples = sampler.Stop();
            Console.WriteLine(string.Create(inv, $"  {doc.Pages} pages, {doc.Text.Length:N0} characters, {doc.Words.Count:N0} word boxes in {sw.Elapsed.TotalSeconds:0.0} s ({batch / sw.Elapsed.TotalMinutes:0.0} pages/min)"));
            GC.KeepAlive(doc);
        }
        var profile = MemoryProfile.Of(samples, batch);
        PrintStretches(profile, "pages");
        Console.WriteLine(string.Create(inv, $"  peak {MB(profile.PeakResident)} MB resident, {MB(profile.PeakNative)} MB native"));
        var first = profile.Stretches[0];
        var last = profile.Stretches[^1];
        Console.WriteLine(string.Create(inv,
            $"  native, last stretch vs pages {profile.Reference.From}-{profile.Reference.To}: {profile.Verdict(MemoryProfile.Native)}; resident {profile.Verdict(MemoryProfile.Resident)}, " +
            $"of which managed heap {MB(first.Managed)} -> {MB(last.Managed)} MB: the document's own text and word boxes, which a {batch}-page document holds to its end (data, not a leak)"));
    }

    /// <summary>
    /// What a librarian runs: <paramref name="batch"/> single-page documents (symbolic links to the scans, named
    /// 001-NAME, 002-NAME, ...) through `extractor run IN --out OUT --jobs N --quiet` in this process: the real batch
    /// path (BatchRunner's workers, the shared OCR pool, cleanup, extraction, part files, review pages and files,
    /// tables merged at the end). Flatness is judged on the resident set.
    /// </summary>
    private static void MemoryBatch(List<string> images, int batch, int jobs, bool runtimeGc)
    {
        var inv = CultureInfo.InvariantCulture;
        string root = Path.Combine(Path.GetTempPath(), $"extractor-benchmark-{Environment.ProcessId}");
        string input = Path.Combine(root, "in"), output = Path.Combine(root, "out");
        try
        {
            Directory.CreateDirectory(input);
            bool copied = false;
            for (int i = 0; i < batch; i++)
            {
                var image = Path.GetFullPath(images[i % images.Count]);
                var link = Path.Combine(input, $"{(i + 1).ToString("D3", inv)}-{Path.GetFileName(image)}");
                try { File.CreateSymbolicLink(link, image); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { File.Copy(image, link); copied = true; }
            }
            string[] argv = [input, "--out", output, "--jobs", jobs.ToString(inv), "--quiet"];
            Console.WriteLine($"memory, batch: {batch} single-page documents ({images.Count} images repeated, as {(copied ? "copies" : "symbolic links")} in {input})");
            Console.WriteLine($"  through `extractor run {string.Join(' ', argv)}` in this process: {jobs} jobs, {OcrEnginePool.Shared.Workers} OCR engines, cleanup, extraction, part files, review pages, tables; MALLOC_ARENA_MAX={ArenaSetting()}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
            // What the runs before left behind is not this batch's: a full collection first.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            using (var self = Process.GetCurrentProcess())
                Console.WriteLine($"  before the batch: {MB(self.WorkingSet64)} MB resident ({MB(MemorySampler.ManagedHeap())} MB managed)");

            var limiter = ManagedHeapLimiter.Shared;
            limiter.Enabled = !runtimeGc;
            int limiterBefore = limiter.Collections, gen2Before = GC.CollectionCount(2);
            long start = BatchRunner.DocumentsFinished;
            var stderr = new StringWriter();
            var savedErr = Console.Error;
            int exit;
            IReadOnlyList<MemorySample> samples;
            var sw = Stopwatch.StartNew();
            using (var sampler = new MemorySampler(() => BatchRunner.DocumentsFinished - start))
            {
                Console.SetError(stderr); // the run's summary table and error lines: shown below only when something failed
                try { exit = new RunCommand().Run(new Arguments(argv)); }
                finally { Console.SetError(savedErr); }
                sw.Stop();
                samples = sampler.Stop();
            }
            long done = BatchRunner.DocumentsFinished - start;
            int errors = File.Exists(Path.Combine(output, "errors.csv")) ? Math.Max(0, File.ReadLines(Path.Combine(output, "errors.csv")).Count() - 1) : 0;
            Console.WriteLine(string.Create(inv, $"  {done} documents finished, {errors} failed, in {sw.Elapsed.TotalSeconds:0.0} s ({done / sw.Elapsed.TotalMinutes:0.0} documents/min); exit code {exit}"));
            Console.WriteLine(runtimeGc
                ? $"  managed heap: the runtime's policy only (--runtime-gc); {GC.CollectionCount(2) - gen2Before} generation-2 collections"
                : $"  managed heap: {limiter.Collections - limiterBefore} full collections by the batch's heap limiter (heap above live size + max(32 MB, live / 2) after a document), {GC.CollectionCount(2) - gen2Before} generation-2 collections in all");
            limiter.Enabled = true;
            if (exit != ExitCodes.Ok) Console.WriteLine(string.Join('\n', stderr.ToString().Split('\n').Select(l => "    | " + l)));

            // Stretches by documents finished; what follows the last document (tables merged, review files, index) apart.
            var profile = MemoryProfile.Of([.. samples.Where(s => s.Done < batch)], batch);
            PrintStretches(profile, "documents");
            var tail = samples.Where(s => s.Done >= batch).ToList();
            if (tail.Count > 0)
                Console.WriteLine($"  after the last document (tables merged, review files and index written): highest {MB(tail.Max(s => s.Resident))} MB resident, {MB(tail.Max(s => s.Managed))} MB managed");
            Console.WriteLine(string.Create(inv, $"  peak {MB(Math.Max(profile.PeakResident, tail.Select(s => s.Resident).DefaultIfEmpty(0).Max()))} MB resident"));
            Console.WriteLine(string.Create(inv,
                $"  resident, last stretch vs documents {profile.Reference.From}-{profile.Reference.To}: {profile.Verdict(MemoryProfile.Resident)}; native {profile.Verdict(MemoryProfile.Native)}, managed {profile.Verdict(MemoryProfile.Managed)}"));
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"warning: {root} not removed: {ex.Message}"); }
        }
    }

    // The stretch table (resident, native, managed) and the highest resident and native memory of each tenth.
    private static void PrintStretches(MemoryProfile profile, string unit)
    {
        var inv = CultureInfo.InvariantCulture;
        int w = profile.Total.ToString(inv).Length;
        Console.WriteLine($"  highest memory in each stretch ({unit} done), MB:   resident   native (resident - managed heap)   managed heap");
        foreach (var s in profile.Stretches)
            Console.WriteLine(string.Create(inv, $"    {unit} {s.From.ToString(inv).PadLeft(w)}-{s.To.ToString(inv).PadLeft(w)}: {MB(s.Resident),8} {MB(s.Native),8} {MB(s.Managed),8}{(s.Samples == 0 ? "  (no sample)" : "")}"));
        Console.WriteLine($"  highest resident MB in each tenth: {string.Join(" ", profile.Tenths.Select(t => MB(t.Resident)))}");
        Console.WriteLine($"  highest native MB in each tenth:   {string.Join(" ", profile.Tenths.Select(t => MB(t.Native)))}");
    }
}
