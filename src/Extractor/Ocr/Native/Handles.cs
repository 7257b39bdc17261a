using System.Runtime.InteropServices;

namespace Extractor.Ocr.Native;

/// <summary>A TessBaseAPI*; released with TessBaseAPIEnd + TessBaseAPIDelete.</summary>
internal sealed class TessApiHandle : SafeHandle
{
    public TessApiHandle() : base(IntPtr.Zero, ownsHandle: true) { }
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle()
    {
        TesseractApi.TessBaseAPIEnd(handle);
        TesseractApi.TessBaseAPIDelete(handle);
        return true;
    }
}

/// <summary>A TessResultIterator*; released with TessResultIteratorDelete.</summary>
internal sealed class TessResultIteratorHandle : SafeHandle
{
    public TessResultIteratorHandle() : base(IntPtr.Zero, ownsHandle: true) { }
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle()
    {
        TesseractApi.TessResultIteratorDelete(handle);
        return true;
    }
}

/// <summary>A char* Tesseract allocated (UTF-8); released with TessDeleteText.</summary>
internal sealed class TessTextHandle : SafeHandle
{
    public TessTextHandle() : base(IntPtr.Zero, ownsHandle: true) { }
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle()
    {
        TesseractApi.TessDeleteText(handle);
        return true;
    }

    /// <summary>The text, and the native copy freed; null for a null pointer.</summary>
    public string? TakeString()
    {
        using (this) return IsInvalid ? null : Marshal.PtrToStringUTF8(handle);
    }
}

/// <summary>A Leptonica PIX* (reference counted); released with pixDestroy, which drops one reference.</summary>
public sealed class PixHandle : SafeHandle
{
    public PixHandle() : base(IntPtr.Zero, ownsHandle: true) { }
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle()
    {
        IntPtr p = handle;
        Leptonica.pixDestroy(ref p);
        return true;
    }

    public int Width => Leptonica.pixGetWidth(this);
    public int Height => Leptonica.pixGetHeight(this);
    public int Depth => Leptonica.pixGetDepth(this);
    /// <summary>Horizontal resolution in pixels per inch as stored in the image; 0 when unknown.</summary>
    public int XResolution => Leptonica.pixGetXRes(this);
    public void SetResolution(int dpi) => Leptonica.pixSetResolution(this, dpi, dpi);
}

/// <summary>A Leptonica PIXA* (array of images); released with pixaDestroy.</summary>
internal sealed class PixaHandle : SafeHandle
{
    public PixaHandle() : base(IntPtr.Zero, ownsHandle: true) { }
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle()
    {
        IntPtr p = handle;
        Leptonica.pixaDestroy(ref p);
        return true;
    }
}
