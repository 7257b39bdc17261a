using Extractor.Cleanup;
using Extractor.Evaluation;
using Extractor.Pipeline;

namespace Extractor.Cli.Commands;

/// <summary>`extractor eval cleanup|entities`: scores the pipeline's stages against the shared benchmarks.</summary>
public sealed class EvalCommand : ICommand
{
    public string Name => "eval";
    public string Summary => "score cleanup (CER, damage) or entity extraction (F1) against benchmark gold data";
    public string Help => """
        Usage: extractor eval cleanup [PATH] [--details] [--limit N] [--no-corpus] [--dump DIR] [--intervals]
                                      [--baseline [--baseline-limit N] [--baseline-skip-digits]]
               extractor eval entities [BENCH_DIR] [--ocr-only | --gold-only] [--details] [--limit N]
               extractor eval ocr [BENCH_DIR] [--no-cli] [--details]

        eval cleanup: cleans every OCR text of a benchmark set with the default cleaner and scores it against the
        gold text. PATH is a folder of ID.ocr.txt + ID.gold.txt, a folder holding a line-aligned pair ocr.txt +
        gold.txt (one paragraph a line), or a folder of such sets. Default: every set under ../shared/benchmarks
        (next to the repository root). All texts are normalized first: Unicode NFC, whitespace runs -> one space.
        Prints one line per set: raw and clean CER (Levenshtein edits / gold characters), CER reduction, raw and
        clean WER, change precision (changed words that match gold / changed words), damage rate (correct OCR
        words the cleanup changed / correct OCR words), words changed, documents and seconds.
          --details   also list the worst changes: damaged words, then wrong changes, most frequent first
          --limit N   how many of each kind --details lists (default 25)
          --no-corpus clean each text alone (by default a first pass counts the set's words across its texts
                      and the cleaner takes them as batch evidence)
          --baseline  also run the naive baseline of issue 3 on the same texts: every word hunspell (Debian's
                      program, -a -d en_US,en_med_glut) rejects replaced by its first suggestion; prints its
                      line of figures after ours, then one comparing both: CER reduction, change precision, damage
                      rate, and speed (MB of input per CPU second: ours in this process, the baseline in the hunspell
                      child), with the ratio ours/baseline. Slow: hunspell cleans about 4 KB per CPU second
          --baseline-limit N
                      score ours and the baseline on the first N documents of each set only (lines of a
                      line-aligned set)
          --baseline-skip-digits
                      the baseline keeps words holding a digit (G3, mm3, 24h) instead of taking hunspell's
                      first suggestion for them: issue 3's figures were measured so (docs/cleanup.md)
          --dump DIR  also append the normalized raw, cleaned and gold texts to DIR/SET.{raw,clean,gold}.txt
                      (one line "=== ID" before each document) and every change and suggestion to
                      DIR/SET.corrections.tsv, for error analysis
          --intervals also print a 95 % interval for CER reduction, change precision and damage rate: the
                      documents resampled with replacement 1000 times (seeded): how far an unseen split of the
                      same kind could land from the set's figures

        eval entities: runs the default pipeline over each ID.gold.txt and ID.ocr.txt of a case-report set
        (default ../shared/benchmarks/case-reports-ocr) and scores mentions against the BRAT ID.ann annotations by
        overlap: Medication, Dosage, Frequency, Age, Sex, Lab_value. Offsets found in OCR text are mapped to the
        gold text through a character alignment. Prints precision, recall, F1 per type and the macro F1 for the
        gold text and the OCR text, and negation scores for findings and adverse events.
          --details   list missed gold mentions and wrong predictions per type

        Examples:
          extractor eval cleanup
          extractor eval cleanup ../shared/benchmarks/acl-ocr --details --limit 10
          extractor eval cleanup ../shared/benchmarks/case-reports-ocr --baseline --baseline-limit 20
          extractor eval entities ../shared/benchmarks/case-reports-ocr
          extractor eval ocr
        """ + "\n\n" + EvalOcr.Help;

    public int Run(Arguments args)
    {
        if (args.Positional.Count == 0) throw new UsageException("say what to evaluate: cleanup or entities");
        return args.Positional[0] switch
        {
            "cleanup" => RunCleanup(args),
            "entities" => EvalEntities.Run(args),
            "ocr" => EvalOcr.Run(args),
            var other => throw new UsageException($"unknown evaluation '{other}': use cleanup or entities"),
        };
    }

    private static int RunCleanup(Arguments args)
    {
        bool details = args.Flag("details");
        int limit = args.IntOption("limit", 25);
        string? dump = args.Option("dump");
        bool noCorpus = args.Flag("no-corpus");
        bool intervals = args.Flag("intervals");
        bool baseline = args.Flag("baseline");
        int baselineLimit = args.IntOption("baseline-limit", 0);
        bool skipDigits = args.Flag("baseline-skip-digits");
        args.RejectUnknown();
        if (args.Option("baseline-limit") is not null && !baseline) throw new UsageException("--baseline-limit goes with --baseline");
        if (skipDigits && !baseline) throw new UsageException("--baseline-skip-digits goes with --baseline");
        if (args.Option("baseline-limit") is not null && baselineLimit < 1) throw new UsageException("--baseline-limit must be >= 1");
        if (args.Positional.Count > 2) throw new UsageException("give at most one PATH");
        string path = args.Positional.Count == 2 ? args.Positional[1]
            : BenchmarkLocator.FindBenchmarks() ?? throw new UsageException(BenchmarkLocator.MissingMessage());
        if (!File.Exists(path) && !Directory.Exists(path)) throw new UsageException($"{path}: no such file or folder");
        var sets = CleanupBenchmark.FindSets(path);
        if (sets.Count == 0) throw new UsageException($"{path}: no ID.ocr.txt + ID.gold.txt files and no ocr.txt + gold.txt pair");

        var cleaner = PipelineDefaults.CreateCleaner();
        Console.WriteLine($"cleaner: {cleaner.GetType().Name}");
        if (baseline)
            Console.WriteLine($"baseline: hunspell -a -d {HunspellBaseline.DefaultDictionaries}, every rejected word replaced by its first suggestion" +
                              (skipDigits ? " except words holding a digit (--baseline-skip-digits)" : "") +
                              (baselineLimit > 0 ? $"; both scored on the first {baselineLimit} documents of each set only (--baseline-limit)" : ""));
        foreach (var set in sets)
        {
            IEnumerable<OcrGoldPair> Pairs() => baselineLimit > 0 ? CleanupBenchmark.Read(set).Take(baselineLimit) : CleanupBenchmark.Read(set);
            // A first pass over the set's OCR texts counts in how many texts each word occurs (the batch as corpus
            // evidence; the same works on any unseen set), unless --no-corpus.
            var setCleaner = cleaner;
            if (cleaner is OcrCleaner ocr && !noCorpus)
                setCleaner = new OcrCleaner(ocr.Options with { CorpusCounts = CleanupContext.DocumentFrequencies(Pairs().Select(p => p.Ocr)) }, ocr.Lexicon);
            var timed = new CpuTimedCleaner(setCleaner);
            var total = new CleanupCounts();
            var examples = new List<ChangeExample>();
            var perDocument = new List<CleanupCounts>();
            foreach (var pair in Pairs())
            {
                var score = CleanupEvaluator.Evaluate(pair, timed, details);
                if (dump is not null) DumpCleaned(dump, set, pair, setCleaner);
                total += score.Counts;
                perDocument.Add(score.Counts);
                examples.AddRange(score.Examples);
            }
            string name = CleanupBenchmark.NameOf(set);
            Console.WriteLine($"{name}: {total.Summary()}");
            if (intervals) Console.WriteLine(CleanupIntervals.Line(CleanupIntervals.Of(perDocument)));
            if (details) PrintDetails(examples, limit);
            if (baseline) RunBaseline(name, Pairs(), total, timed, details, limit, skipDigits);
        }
        return ExitCodes.Ok;
    }

    // The naive baseline of issue 3 on the same documents, scored the same way (it has no batch word counts), and
    // one line comparing it with ours; speed is MB of input per CPU second: ours in this process, hunspell's in its child.
    private static void RunBaseline(string name, IEnumerable<OcrGoldPair> pairs, CleanupCounts ours, CpuTimedCleaner timed, bool details, int limit, bool skipDigits)
    {
        using var hunspell = new HunspellBaseline { SkipWordsWithDigits = skipDigits };
        var total = new CleanupCounts();
        var examples = new List<ChangeExample>();
        foreach (var pair in pairs)
        {
            var score = CleanupEvaluator.Evaluate(pair, hunspell, details);
            total += score.Counts;
            examples.AddRange(score.Examples);
        }
        Console.WriteLine($"{name} baseline (hunspell, first suggestion): {total.Summary()}");
        if (details) PrintDetails(examples, limit);
        Console.WriteLine("  " + new BaselineComparison(ours, total, timed.Bytes, timed.CpuSeconds, hunspell.CpuSeconds).Summary());
    }

    // Writes the raw, cleaned and gold texts (one file each per set, documents separated by a line "=== ID") for
    // error analysis with other tools.
    private static void DumpCleaned(string dir, string set, OcrGoldPair pair, Extractor.Cleanup.ICleaner cleaner)
    {
        Directory.CreateDirectory(dir);
        string name = CleanupBenchmark.NameOf(set);
        string header = $"=== {pair.Id}\n";
        File.AppendAllText(Path.Combine(dir, name + ".raw.txt"), header + TextNormalizer.Normalize(pair.Ocr) + "\n");
        var cleaned = cleaner.Clean(pair.Ocr);
        File.AppendAllText(Path.Combine(dir, name + ".clean.txt"), header + TextNormalizer.Normalize(cleaned.Text) + "\n");
        // Every logged change and suggestion, one a line: ID, applied, original, corrected, kind, confidence, reason.
        File.AppendAllLines(Path.Combine(dir, name + ".corrections.tsv"), cleaned.Corrections.Select(c =>
            string.Join('\t', pair.Id, c.Applied ? "applied" : "suggested", c.Original.ReplaceLineEndings(" "), c.Corrected.ReplaceLineEndings(" "), c.Kind,
                c.Confidence.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), c.Reason)));
        File.AppendAllText(Path.Combine(dir, name + ".gold.txt"), header + TextNormalizer.Normalize(pair.Gold) + "\n");
    }

    private static void PrintDetails(List<ChangeExample> examples, int limit)
    {
        foreach (var kind in new[] { ChangeKind.Damaged, ChangeKind.WrongChange, ChangeKind.RightChange })
        {
            var groups = examples.Where(e => e.Kind == kind)
                .GroupBy(e => (e.Raw, e.Cleaned, e.Gold))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Raw, StringComparer.Ordinal)
                .ToList();
            string title = kind switch { ChangeKind.Damaged => "damaged (correct OCR words changed)", ChangeKind.WrongChange => "wrong changes", _ => "right changes" };
            Console.WriteLine($"  {title}: {groups.Sum(g => g.Count())}");
            foreach (var g in groups.Take(limit))
            {
                var first = g.First();
                Console.WriteLine($"    {g.Count(),4} x  '{g.Key.Raw}' -> '{g.Key.Cleaned}'  gold '{g.Key.Gold}'   [{first.DocumentId}: {first.Context}]");
            }
        }
    }
}
