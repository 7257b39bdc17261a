using System.Runtime.InteropServices;
using Extractor.Core;
using Extractor.Ocr.Native;

namespace Extractor.Ocr;

/// <summary>Settings of the OCR engine. Defaults match <c>tesseract IMAGE - -l eng --psm 3</c>.</summary>
public sealed record OcrOptions
{
    /// <summary>Tesseract language(s), e.g. "eng" or "eng+deu".</summary>
    public string Language { get; init; } = "eng";
    /// <summary>Folder holding LANG.traineddata; null = TESSDATA_PREFIX when set, else Debian's /usr/share/tesseract-ocr/5/tessdata (and older places).</summary>
    public string? DataPath { get; init; }
    /// <summary>Engines (and so pages recognised at once); one per core by default.</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>Tesseract page segmentation mode; 3 = fully automatic, as the command-line default.</summary>
    public int PageSegMode { get; init; } = TesseractApi.PSM_AUTO;

    public static readonly OcrOptions Default = new();

    internal static readonly string[] DataPathCandidates =
        ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata", "/usr/local/share/tessdata"];

    /// <summary>The folder with the language data, or a setup error naming the package to install.</summary>
    public string ResolveDataPath()
    {
        var candidates = new List<string>();
        // As the tesseract program: a given folder or TESSDATA_PREFIX is the only place looked at.
        if (DataPath is not null) candidates.Add(DataPath);
        else if (Environment.GetEnvironmentVariable("TESSDATA_PREFIX") is { Length: > 0 } env) candidates.Add(env);
        else candidates.AddRange(DataPathCandidates);
        var first = Language.Split('+')[0];
        foreach (var dir in candidates)
            if (File.Exists(Path.Combine(dir, first + ".traineddata"))) return dir;
        throw new OcrSetupException($"Tesseract language data {first}.traineddata not found in {string.Join(", ", candidates)}; run: sudo apt-get install -y tesseract-ocr-{first}");
    }
}

/// <summary>A word on one page: its text, box in page pixels, confidence 0..100 and its span in the page text.</summary>
public readonly record struct PageWord(string Text, BoundingBox Box, float Confidence, int Start, int End);

/// <summary>What the engine read on one page: the text as <c>tesseract IMAGE -</c> prints it, and its words.</summary>
public sealed record OcrPage(string Text, IReadOnlyList<PageWord> Words, int Width, int Height, int Dpi);

/// <summary>
/// One Tesseract engine (TessBaseAPI). Not thread-safe: use one per worker (see <see cref="OcrEnginePool"/>).
/// </summary>
public sealed class OcrEngine : IDisposable
{
    private static long _pagesRecognized;
    /// <summary>Pages recognised by all engines of this process (for checks that a text layer needed no OCR).</summary>
    public static long PagesRecognized => Interlocked.Read(ref _pagesRecognized);

    private readonly TessApiHandle _api;
    public OcrOptions Options { get; }

    public OcrEngine(OcrOptions? options = null)
    {
        Options = options ?? OcrOptions.Default;
        string dataPath = Options.ResolveDataPath();
        try
        {
            _api = TesseractApi.TessBaseAPICreate();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new OcrSetupException($"the OCR library libtesseract.so.5 could not be loaded ({ex.Message}); run: {NativeLibraries.InstallHint}", ex);
        }
        if (_api.IsInvalid) throw new OcrSetupException("TessBaseAPICreate failed");
        if (TesseractApi.TessBaseAPIInit3(_api, dataPath, Options.Language) != 0)
        {
            _api.Dispose();
            throw new OcrSetupException($"Tesseract could not load language '{Options.Language}' from {dataPath}; run: sudo apt-get install -y tesseract-ocr-{Options.Language.Split('+')[0]}");
        }
        TesseractApi.TessBaseAPISetPageSegMode(_api, Options.PageSegMode);
    }

    /// <summary>The linked Tesseract version, e.g. "5.3.0".</summary>
    public static string Version
    {
        get
        {
            NativeLibraries.EnsureRegistered();
            return Marshal.PtrToStringUTF8(TesseractApi.TessVersion()) ?? "";
        }
    }

    /// <summary>
    /// Recognises one page image. <paramref name="fallbackDpi"/> is used when the image carries no resolution (for a
    /// PDF page: image pixels over page inches); an image with its own resolution is read like the command line does.
    /// </summary>
    public OcrPage Recognize(PixHandle pix, int fallbackDpi = 0)
    {
        ObjectDisposedException.ThrowIf(_api.IsClosed, this);
        int dpi = pix.XResolution;
        if (dpi <= 0 && fallbackDpi > 0)
        {
            pix.SetResolution(fallbackDpi);
            dpi = fallbackDpi;
        }
        try
        {
            TesseractApi.TessBaseAPISetImage2(_api, pix);
            if (dpi > 0) TesseractApi.TessBaseAPISetSourceResolution(_api, dpi);
            if (TesseractApi.TessBaseAPIRecognize(_api, IntPtr.Zero) != 0)
                throw new InvalidOperationException("Tesseract could not recognise the page image");
            Interlocked.Increment(ref _pagesRecognized);
            string text = TesseractApi.TessBaseAPIGetUTF8Text(_api).TakeString() ?? "";
            var words = ReadWords(text);
            return new OcrPage(text, words, pix.Width, pix.Height, dpi);
        }
        finally
        {
            // Frees the engine's copy of the image and the page results, so memory does not grow page after page.
            TesseractApi.TessBaseAPIClear(_api);
        }
    }

    // Words from the result iterator, each placed in the page text: GetUTF8Text is built from the same words in
    // the same order, so a forward search from the previous word's end finds each one.
    private List<PageWord> ReadWords(string text)
    {
        var words = new List<PageWord>();
        using var it = TesseractApi.TessBaseAPIGetIterator(_api);
        if (it.IsInvalid) return words;
        IntPtr page = TesseractApi.TessResultIteratorGetPageIterator(it);
        int cursor = 0;
        do
        {
            string? w = TesseractApi.TessResultIteratorGetUTF8Text(it, TesseractApi.RIL_WORD).TakeString();
            if (string.IsNullOrWhiteSpace(w)) continue;
            float conf = TesseractApi.TessResultIteratorConfidence(it, TesseractApi.RIL_WORD);
            TesseractApi.TessPageIteratorBoundingBox(page, TesseractApi.RIL_WORD, out int l, out int t, out int r, out int b);
            int at = text.IndexOf(w, cursor, StringComparison.Ordinal);
            if (at < 0) continue; // not in the text (should not happen): keep the text authoritative
            words.Add(new PageWord(w, new BoundingBox(l, t, r, b), conf, at, at + w.Length));
            cursor = at + w.Length;
        }
        while (TesseractApi.TessResultIteratorNext(it, TesseractApi.RIL_WORD) != 0);
        return words;
    }

    public void Dispose() => _api.Dispose();
}
