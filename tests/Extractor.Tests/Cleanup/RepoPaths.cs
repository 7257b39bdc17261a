namespace Extractor.Tests.Cleanup;

/// <summary>Finds the repository root (the folder holding Extractor.sln) from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Extractor.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("Extractor.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Benchmarks => Path.GetFullPath(Path.Combine(Root, "..", "shared", "benchmarks"));
}
