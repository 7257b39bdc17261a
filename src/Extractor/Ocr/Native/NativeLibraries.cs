using System.Reflection;
using System.Runtime.InteropServices;

namespace Extractor.Ocr.Native;

/// <summary>
/// Finds Debian's libtesseract.so.5 and liblept.so.5 for the [LibraryImport] declarations of this assembly, and
/// fails with the apt-get command to run when they are missing.
/// </summary>
internal static partial class NativeLibraries
{
    internal const string Tesseract = "tesseract";
    internal const string Leptonica = "lept";
    internal const string LibC = "libc";
    internal const string TesseractOverride = "EXTRACTOR_LIBTESSERACT", LeptonicaOverride = "EXTRACTOR_LIBLEPT";
    internal const string InstallHint = "sudo apt-get install -y tesseract-ocr tesseract-ocr-eng libtesseract5 liblept5";

    private static readonly string[] TesseractNames = ["libtesseract.so.5", "libtesseract.so", "libtesseract.5.dylib", "tesseract53.dll", "tesseract50.dll"];
    private static readonly string[] LeptonicaNames = ["liblept.so.5", "libleptonica.so.6", "liblept.so", "libleptonica.so", "libleptonica.6.dylib", "leptonica-1.82.0.dll"];

    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>Registers the resolver once; called by every entry point before the first native call.</summary>
    internal static void EnsureRegistered()
    {
        if (_registered) return;
        lock (Gate)
        {
            if (_registered) return;
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            LimitOpenMpThreads();
            _registered = true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        string[] candidates = name switch
        {
            Tesseract => TesseractNames,
            Leptonica => LeptonicaNames,
            LibC => ["libc.so.6", "libc.dylib"],
            _ => [],
        };
        if (candidates.Length == 0) return IntPtr.Zero; // not ours: default probing
        // A library outside the usual places (a build of one's own): EXTRACTOR_LIBTESSERACT / EXTRACTOR_LIBLEPT name its file.
        string? overrideVar = name switch { Tesseract => TesseractOverride, Leptonica => LeptonicaOverride, _ => null };
        if (overrideVar is not null && Environment.GetEnvironmentVariable(overrideVar) is { Length: > 0 } file)
        {
            if (NativeLibrary.TryLoad(file, out var own)) return own;
            throw new OcrSetupException($"the OCR library {file} ({overrideVar}) could not be loaded; unset {overrideVar} to use the system's, or run: {InstallHint}");
        }
        foreach (var candidate in candidates)
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle)) return handle;
        if (name == LibC) return IntPtr.Zero;
        string what = name == Tesseract ? "libtesseract.so.5 (package libtesseract5)" : "liblept.so.5 (package liblept5)";
        throw new OcrSetupException($"the OCR library {what} was not found; run: {InstallHint}");
    }

    // Tesseract runs one page per engine and we run engines in parallel, so its OpenMP must use one thread.
    // libgomp reads OMP_THREAD_LIMIT once, when it is loaded, from the C environment. Environment.SetEnvironmentVariable
    // only changes .NET's own copy on Linux, so the scripts (./extractor, scripts/test) export it; when a host did
    // not, we set it in the C environment with setenv before libtesseract (and so libgomp) is loaded.
    private static void LimitOpenMpThreads()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OMP_THREAD_LIMIT"))) return;
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        try { _ = setenv("OMP_THREAD_LIMIT", "1", 0); }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { }
    }

    [LibraryImport(LibC, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}

/// <summary>The OCR engine cannot start: a missing library or language data. The message says what to install.</summary>
public sealed class OcrSetupException(string message, Exception? inner = null) : Exception(message, inner);
