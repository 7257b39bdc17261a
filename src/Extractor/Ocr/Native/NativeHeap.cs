using System.Runtime.InteropServices;

namespace Extractor.Ocr.Native;

/// <summary>
/// Keeps the C heap Tesseract and Leptonica allocate from flat over long batches (glibc only; a no-op elsewhere).
/// glibc gives each thread that allocates an arena of its own, up to 8 per core, and returns little of a freed
/// arena to the system: with many threads a page's ~50 MB of temporary buffers end up spread over many arenas.
/// <c>./extractor</c> sets MALLOC_ARENA_MAX=2 before the runtime starts; for other hosts <see cref="Configure"/> sets
/// the same limit with mallopt (it applies to arenas created from then on). After each page <see cref="AfterPage"/>
/// gives freed pages back with malloc_trim.
/// </summary>
internal static partial class NativeHeap
{
    private const int M_ARENA_MAX = -8;
    private static int _configured;
    private static bool _available = OperatingSystem.IsLinux();

    /// <summary>Arena limit for this process when the environment did not set one.</summary>
    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) != 0 || !_available) return;
        NativeLibraries.EnsureRegistered();
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX"))) return;
        try { _ = mallopt(M_ARENA_MAX, 2); }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { _available = false; }
    }

    /// <summary>Returns the free memory of every arena to the system (a few milliseconds; a page takes seconds).</summary>
    public static void AfterPage()
    {
        if (!_available || Volatile.Read(ref _configured) == 0) return;
        try { _ = malloc_trim(0); }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { _available = false; }
    }

    [LibraryImport(NativeLibraries.LibC)]
    private static partial int mallopt(int param, int value);

    [LibraryImport(NativeLibraries.LibC)]
    private static partial int malloc_trim(nuint pad);
}
