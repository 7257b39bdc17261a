using Extractor.Evaluation;
using Extractor.Training;

namespace Extractor.Cli.Commands;

/// <summary>`extractor train confusion`: learns the OCR confusion counts the cleanup reads.</summary>
public sealed class TrainCommand : ICommand
{
    public string Name => "train";
    public string Summary => "learn the OCR character confusion counts from aligned OCR and gold text";
    public string Help => """
        Usage: extractor train confusion [BENCH_DIR...] [--out FILE] [--reads-out FILE] [--keep FILE] [--min-count N]

        Aligns the OCR text and the gold text of every document of a benchmark set (normalized: NFC, whitespace
        folded; words first, then characters inside differing words) and counts every edit of 1-2 observed
        characters for 1-2 intended ones (rn -> m, cl -> d, 1 -> l, 0 -> O, ...). Writes 'observed<TAB>intended<TAB>count'
        lines under a header that says how the file was made (the format Cleanup reads from confusion.tsv).
        BENCH_DIR defaults to ../shared/benchmarks/case-reports-ocr (the development split); several sets add up
        (e.g. case-reports-ocr acl-ocr: a modern engine on scanned case reports and an old one on scientific papers).
          --out FILE       where to write (default: stdout)
          --keep FILE      keep the entries of an existing (hand-made) table about which the corpus says little
                           (their observed side occurs < 5 times in its OCR text, like ¢ -> c), after the learned ones
          --reads-out FILE also write how often each intended string was read right ('s<TAB>s<TAB>count'),
                           for P(observed | intended)
          --min-count N    drop edits seen fewer than N times (default 2)

        Example:
          extractor train confusion --out src/Extractor/Resources/cleanup/confusion.tsv
        """;

    /// <summary>A hand-made entry stays when its observed string is this rare in the training OCR: the corpus cannot judge it.</summary>
    public const int KeepBelowOccurrences = 5;

    public int Run(Arguments args)
    {
        if (args.Positional.Count == 0 || args.Positional[0] != "confusion") throw new UsageException("say what to train: confusion");
        string? outPath = args.Option("out");
        string? readsPath = args.Option("reads-out");
        string? keepPath = args.Option("keep");
        int minCount = args.IntOption("min-count", 2);
        args.RejectUnknown();
        var sets = args.Positional.Count >= 2 ? args.Positional.Skip(1).ToList()
            : [BenchmarkLocator.FindSet(BenchmarkLocator.CaseReports) ?? throw new UsageException(BenchmarkLocator.MissingMessage(BenchmarkLocator.CaseReports))];
        foreach (var set in sets)
            if (!CleanupBenchmark.IsSet(set) && !File.Exists(set)) throw new UsageException($"{set}: not a benchmark set (ID.ocr.txt + ID.gold.txt, or ocr.txt + gold.txt)");

        var counter = new ConfusionCounter();
        foreach (var set in sets)
            foreach (var pair in CleanupBenchmark.Read(set)) counter.Add(pair.Ocr, pair.Gold);
        var result = counter.Result(minCount);
        // Read the table to keep before anything is written: it may be the file --out overwrites.
        var learned = result.Select(c => (c.Observed, c.Intended)).ToHashSet();
        var kept = keepPath is null ? [] : ReadTable(keepPath)
            .Where(c => !learned.Contains((c.Observed, c.Intended)) && c.Observed.Length is 1 or 2 && !c.Observed.Contains(' ') && counter.Occurrences(c.Observed) < KeepBelowOccurrences)
            .ToList();
        string name = string.Join(" ", sets.Select(CleanupBenchmark.NameOf));
        string[] header =
        [
            "OCR character confusions: observed<TAB>intended<TAB>count (how often OCR wrote 'observed' for 'intended').",
            $"Learned: extractor train confusion {name} --min-count {minCount}{(keepPath is null ? "" : " --keep " + Path.GetFileName(keepPath))}   on {DateTime.UtcNow:yyyy-MM-dd}",
            $"Corpus: {counter.Documents} documents of {name} (OCR of scanned pages vs gold text, normalized: NFC, whitespace folded),",
            "aligned by words then characters; edits of 1-2 characters inside words, lone insertions/deletions with a neighbour.",
            .. sets.Select(set => CleanupBenchmark.NameOf(set) switch
            {
                "acl-ocr" => "Source texts of acl-ocr: ACL anthology paragraphs, OCR and hand-corrected text (hertelm/ocr-postcorrection); derived counts only.",
                "case-reports-ocr" => "Source texts of case-reports-ocr: MACCROBAT corpus (Caufield et al., CC BY 4.0, doi:10.6084/m9.figshare.9764942); derived counts only.",
                var other => $"Source texts of {other}: see its README; derived counts only.",
            }),
        ];
        if (kept.Count > 0)
            header = [.. header, $"After the learned lines: {kept.Count} hand-made entries kept from the previous table (--keep): their observed side occurs < {KeepBelowOccurrences} times in this corpus."];
        if (outPath is null) ConfusionTable.Write(Console.Out, header, [.. result, .. kept]);
        else
        {
            WriteFile(outPath, header, [.. result, .. kept]);
            Console.Error.WriteLine($"{result.Count} learned confusions from {counter.Documents} documents, {kept.Count} kept -> {outPath}");
        }
        if (readsPath is not null)
        {
            var reads = counter.CorrectReadings(result);
            WriteFile(readsPath, [.. header[..1].Select(_ => "Correct readings: intended<TAB>intended<TAB>count for every intended string of confusion.tsv;"),
                "P(observed | intended) = count(observed, intended) / (this count + the counts of its confusions).", .. header[1..]], reads);
            Console.Error.WriteLine($"{reads.Count} correct-reading counts -> {readsPath}");
        }
        return ExitCodes.Ok;
    }

    private static List<ConfusionCount> ReadTable(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"{path}: no such file");
        using var r = new StreamReader(path);
        return ConfusionTable.Read(r);
    }

    private static void WriteFile(string path, IEnumerable<string> header, IEnumerable<ConfusionCount> rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        ConfusionTable.Write(w, header, rows);
    }
}
