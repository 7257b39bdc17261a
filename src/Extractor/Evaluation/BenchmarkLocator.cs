namespace Extractor.Evaluation;

/// <summary>
/// Finds the repository root (the folder holding Extractor.sln) and the shared benchmark data next to it
/// (../shared/benchmarks from the root). Benchmark data is never copied into the repository.
/// </summary>
public static class BenchmarkLocator
{
    public const string SolutionFile = "Extractor.sln";
    /// <summary>Environment variable that overrides where the benchmarks are.</summary>
    public const string EnvironmentVariable = "EXTRACTOR_BENCHMARKS";
    public const string CaseReports = "case-reports-ocr";
    public const string AclOcr = "acl-ocr";

    /// <summary>The repository root above the current directory or the running assembly, or null.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }
        return null;
    }

    /// <summary>The benchmarks folder (../shared/benchmarks from the repository root), or null when absent.</summary>
    public static string? FindBenchmarks()
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        var root = FindRepositoryRoot();
        if (root is null) return null;
        // ../shared/benchmarks from the root; a git worktree one level deeper (e.g. /work/wt/NAME) finds it further up.
        for (var dir = Directory.GetParent(root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "benchmarks");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>A named set below the benchmarks folder (e.g. <see cref="CaseReports"/>), or null when absent.</summary>
    public static string? FindSet(string name)
    {
        var root = FindBenchmarks();
        if (root is null) return null;
        var dir = Path.Combine(root, name);
        return Directory.Exists(dir) ? dir : null;
    }

    /// <summary>What to tell the user when the benchmarks are missing.</summary>
    public static string MissingMessage(string? what = null) =>
        $"benchmark data {(what is null ? "" : $"'{what}' ")}not found: expected ../shared/benchmarks next to the repository root " +
        $"(the folder holding {SolutionFile}), or set {EnvironmentVariable}";
}
