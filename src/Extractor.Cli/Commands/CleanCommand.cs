using Extractor.Export;
using Extractor.Extraction;
using Extractor.Ingest;
using Extractor.Pipeline;

namespace Extractor.Cli.Commands;

public sealed class CleanCommand : ICommand
{
    public string Name => "clean";
    public string Summary => "the cleaned text of one file to stdout (and its corrections log)";
    public string Help => """
        Usage: extractor clean FILE [--corrections FILE.csv]

        Prints the cleaned text. Every applied change and every unapplied suggestion goes to the corrections
        log when --corrections is given (columns as in corrections.csv: offsets are in the input text).

        Example:
          extractor clean corpus/hinyokika-kiyo-2009/report.txt --corrections corrections.csv
        """;

    public int Run(Arguments args)
    {
        string? log = args.Option("corrections");
        args.RejectUnknown();
        if (args.Positional.Count != 1) throw new UsageException("give exactly one FILE");
        string path = args.Positional[0];
        if (!File.Exists(path)) throw new UsageException($"{path}: no such file");
        var source = InputReader.CreateDefault().Read(path, InputExpander.DocumentIdOf(path));
        var cleaner = PipelineDefaults.CreateCleaner();
        var result = cleaner is Extractor.Review.IDocumentCleaner byDocument ? byDocument.Clean(source) : cleaner.Clean(source.Text); // OCR confidences as evidence
        using (var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)))
            stdout.Write(result.Text);
        if (log is not null)
        {
            using var w = new StreamWriter(log, false, new System.Text.UTF8Encoding(false));
            CsvExport.Write(w, result.Corrections.Select(c => new CorrectionRow
            {
                DocumentId = source.DocumentId, Start = c.Start, End = c.End, Original = c.Original, Corrected = c.Corrected,
                Kind = c.Kind, Confidence = Math.Round(c.Confidence, 3), Applied = c.Applied, Page = source.PageAt(c.Start), Reason = c.Reason, EvidenceBox = Extractor.Ocr.EvidenceBoxes.Box(source, c.Start, c.End),
            }));
        }
        return ExitCodes.Ok;
    }
}
