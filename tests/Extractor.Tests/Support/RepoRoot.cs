namespace Extractor.Tests.Support;

/// <summary>The repository root (the folder holding Extractor.sln), found by walking up from the test binaries.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Extractor.sln"))) return dir.FullName;
        throw new InvalidOperationException("Extractor.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>../shared/benchmarks/NAME next to the repository, or null when it is absent.</summary>
    public static string? Benchmark(string name)
    {
        var p = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared", "benchmarks", name));
        return Directory.Exists(p) ? p : null;
    }
}
