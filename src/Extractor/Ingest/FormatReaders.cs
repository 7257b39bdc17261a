using Extractor.Ingest.Images;
using Extractor.Ingest.Pdf;

namespace Extractor.Ingest;

public static partial class DefaultReaders
{
    // PDFs and page images, before the plain-text fallback.
    static partial void AddFormatReaders(List<IDocumentReader> readers)
    {
        readers.Add(PdfDocumentReader.Instance);
        readers.Add(ImageDocumentReader.Instance);
    }
}
