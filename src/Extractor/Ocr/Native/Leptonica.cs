using System.Runtime.InteropServices;

namespace Extractor.Ocr.Native;

/// <summary>The part of Leptonica (liblept.so.5) we use: reading images, resolution, and building test images.</summary>
internal static partial class Leptonica
{
    static Leptonica()
    {
        NativeLibraries.EnsureRegistered();
        // Leptonica prints its own errors to stderr; we report failures ourselves with the file name.
        _ = setMsgSeverity(L_SEVERITY_NONE);
    }

    internal const int L_CLONE = 2;
    internal const int L_SEVERITY_NONE = 6;
    internal const int IFF_PNG = 3, IFF_TIFF_G4 = 8, IFF_TIFF_ZIP = 10;

    [LibraryImport(NativeLibraries.Leptonica)]
    private static partial int setMsgSeverity(int newsev);

    [LibraryImport(NativeLibraries.Leptonica, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial PixHandle pixRead(string fileName);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial PixHandle pixReadMem(ReadOnlySpan<byte> data, nuint size);

    /// <summary>Page <paramref name="n"/> (0-based) of a TIFF file; null past the last page.</summary>
    [LibraryImport(NativeLibraries.Leptonica, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial PixHandle pixReadTiff(string fileName, int n);

    [LibraryImport(NativeLibraries.Leptonica, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial PixaHandle pixaReadMultipageTiff(string fileName);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial int pixaGetCount(PixaHandle pixa);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial PixHandle pixaGetPix(PixaHandle pixa, int index, int accessType);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial void pixDestroy(ref IntPtr pix);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial void pixaDestroy(ref IntPtr pixa);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial int pixGetWidth(PixHandle pix);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial int pixGetHeight(PixHandle pix);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial int pixGetDepth(PixHandle pix);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial int pixGetXRes(PixHandle pix);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial int pixSetResolution(PixHandle pix, int xres, int yres);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial PixHandle pixCreate(int width, int height, int depth);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial int pixSetAll(PixHandle pix);

    [LibraryImport(NativeLibraries.Leptonica)]
    internal static partial int pixSetPixel(PixHandle pix, int x, int y, uint value);

    [LibraryImport(NativeLibraries.Leptonica, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int pixWrite(string fileName, PixHandle pix, int format);

    [LibraryImport(NativeLibraries.Leptonica, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int pixWriteTiff(string fileName, PixHandle pix, int compType, string modeString);
}
