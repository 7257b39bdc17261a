using System.Runtime.InteropServices;

namespace Extractor.Ocr.Native;

/// <summary>The part of Tesseract's C API (capi.h, libtesseract.so.5) we use. Source-generated marshalling.</summary>
internal static partial class TesseractApi
{
    static TesseractApi() => NativeLibraries.EnsureRegistered();

    // TessPageIteratorLevel
    internal const int RIL_BLOCK = 0, RIL_PARA = 1, RIL_TEXTLINE = 2, RIL_WORD = 3, RIL_SYMBOL = 4;
    // TessPageSegMode
    internal const int PSM_AUTO = 3;

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial IntPtr TessVersion();

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial TessApiHandle TessBaseAPICreate();

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial void TessBaseAPIDelete(IntPtr handle);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial void TessBaseAPIEnd(IntPtr handle);

    [LibraryImport(NativeLibraries.Tesseract, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TessBaseAPIInit3(TessApiHandle handle, string? dataPath, string language);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial void TessBaseAPISetPageSegMode(TessApiHandle handle, int mode);

    [LibraryImport(NativeLibraries.Tesseract, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TessBaseAPISetVariable(TessApiHandle handle, string name, string value);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial void TessBaseAPISetImage2(TessApiHandle handle, PixHandle pix);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial void TessBaseAPISetSourceResolution(TessApiHandle handle, int ppi);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial int TessBaseAPIRecognize(TessApiHandle handle, IntPtr monitor);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial TessTextHandle TessBaseAPIGetUTF8Text(TessApiHandle handle);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial void TessBaseAPIClear(TessApiHandle handle);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial void TessDeleteText(IntPtr text);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial TessResultIteratorHandle TessBaseAPIGetIterator(TessApiHandle handle);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial void TessResultIteratorDelete(IntPtr handle);

    /// <summary>The page iterator view of a result iterator; owned by it (not freed separately).</summary>
    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial IntPtr TessResultIteratorGetPageIterator(TessResultIteratorHandle handle);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial int TessResultIteratorNext(TessResultIteratorHandle handle, int level);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial TessTextHandle TessResultIteratorGetUTF8Text(TessResultIteratorHandle handle, int level);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial float TessResultIteratorConfidence(TessResultIteratorHandle handle, int level);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial int TessPageIteratorBoundingBox(IntPtr pageIterator, int level, out int left, out int top, out int right, out int bottom);

    [LibraryImport(NativeLibraries.Tesseract)]
    internal static partial int TessPageIteratorIsAtBeginningOf(IntPtr pageIterator, int level);
}
