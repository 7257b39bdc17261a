using System.Globalization;
using Extractor.Core;
using Extractor.Ingest;
using Extractor.Ingest.Images;
using Extractor.Ocr;
using Extractor.Pipeline;

namespace Extractor.Cli.Commands;

public sealed class OcrCommand : ICommand
{
    public string Name => "ocr";
    public string Summary => "the text of an image, PDF or folder of page images (OCR where needed), with word boxes";
    public string Help => """
        Usage: extractor ocr FILE|FOLDER [--words] [--hocr FILE.hocr] [--alto FILE.alto.xml]

        Prints the text as read: page images and scanned PDF pages are recognised by Tesseract (eng, --psm 3), PDF
        pages with a text layer are read without OCR. Pages are separated by form feeds. A FOLDER is read as the
        pages of one document (images in name order).

        Options:
          --words        print the words instead: page, left, top, right, bottom, confidence, start, end, text (TSV);
                         boxes are in pixels for OCR'd pages and in PDF points for text-layer pages
          --hocr FILE    also write the words as hOCR
          --alto FILE    also write the words as ALTO 4.4 XML, as read (no cleanup; `run --alto` writes the cleaned text)

        Tesseract uses one OpenMP thread per engine: ./extractor exports OMP_THREAD_LIMIT=1 before starting.

        Example:
          extractor ocr ../shared/benchmarks/case-reports-ocr/scans/18416479-p1.png --words
        """;

    public int Run(Arguments args)
    {
        bool words = args.Flag("words");
        string? hocr = args.Option("hocr");
        string? alto = args.Option("alto");
        args.RejectUnknown();
        if (args.Positional.Count != 1) throw new UsageException("give exactly one FILE or FOLDER");
        string path = args.Positional[0];
        var id = InputExpander.DocumentIdOf(path);
        SourceDocument source;
        if (Directory.Exists(path)) source = PageFolderReader.Instance.Read(path, id);
        else if (File.Exists(path)) source = InputReader.CreateDefault().Read(path, id);
        else throw new UsageException($"{path}: no such file or folder");

        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false));
        if (words)
        {
            stdout.WriteLine("page\tleft\ttop\tright\tbottom\tconfidence\tstart\tend\ttext");
            foreach (var w in source.Words)
                stdout.WriteLine(string.Join('\t', w.Page, w.Box.Left, w.Box.Top, w.Box.Right, w.Box.Bottom,
                    w.Confidence.ToString("0.##", CultureInfo.InvariantCulture), w.Start, w.End, w.Text));
        }
        else stdout.Write(source.Text);
        if (hocr is not null) File.WriteAllText(hocr, HocrWriter.Write(source), new System.Text.UTF8Encoding(false));
        if (alto is not null) File.WriteAllText(alto, AltoWriter.Write(source), new System.Text.UTF8Encoding(false));
        return ExitCodes.Ok;
    }
}
