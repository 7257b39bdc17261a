using Extractor.Export;
using Extractor.Extraction;
using Extractor.Ingest;

namespace Extractor.Pipeline;

/// <summary>One input of a run: a file and its document id, or an input that failed before reading (<see cref="Error"/>).</summary>
public sealed record InputItem(string Path, string DocumentId)
{
    public InputException? Error { get; init; }
}

/// <summary>
/// Expands the inputs of a run, in the order given, into files with unique document ids: a folder becomes every
/// file below it (sorted by name, hidden files and the run's own output folder skipped, each folder once even
/// through symbolic links); the same file named twice is read once; a missing input or an unreadable folder becomes
/// an item with an error so it is reported in its place.
/// </summary>
public static class InputExpander
{
    public static List<InputItem> Expand(IEnumerable<string> inputs, out List<ErrorRow> errors)
    {
        var all = Plan(inputs);
        errors = all.Where(i => i.Error is not null)
            .Select(i => new ErrorRow { DocumentId = i.DocumentId, SourcePath = i.Path, Stage = "read", Error = i.Error!.Message, Reason = InputException.Code(i.Error.Reason) })
            .ToList();
        return all.Where(i => i.Error is null).ToList();
    }

    /// <summary>Every input in order, failed ones included; <paramref name="excludeDirectory"/> (the output folder) is never read.</summary>
    /// <param name="foldersAsDocuments">each folder given is one document (its page images), not expanded into files</param>
    public static List<InputItem> Plan(IEnumerable<string> inputs, string? excludeDirectory = null, bool foldersAsDocuments = false)
    {
        string? exclude = excludeDirectory is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(excludeDirectory));
        var entries = new List<(string Path, InputException? Error)>();
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        var seenDirs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (Directory.Exists(input) && foldersAsDocuments) entries.Add((input, null));
            else if (Directory.Exists(input)) AddFolder(input, entries, seenFiles, seenDirs, exclude);
            else if (File.Exists(input) || new FileInfo(input).LinkTarget is not null)
            {
                if (seenFiles.Add(Path.GetFullPath(input))) entries.Add((input, null));
            }
            else entries.Add((input, new InputException(InputErrorReason.Missing, "no such file or folder")));
        }
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var items = new List<InputItem>(entries.Count);
        foreach (var (path, error) in entries)
        {
            string id = DocumentIdOf(path), unique = id;
            for (int n = 2; !used.Add(unique); n++) unique = $"{id}-{n}";
            items.Add(new InputItem(path, unique) { Error = error });
        }
        return items;
    }

    private static void AddFolder(string dir, List<(string, InputException?)> entries, HashSet<string> seenFiles, HashSet<string> seenDirs, string? exclude)
    {
        string real;
        try { real = Path.TrimEndingDirectorySeparator(Path.GetFullPath(new DirectoryInfo(dir).ResolveLinkTarget(true)?.FullName ?? dir)); }
        catch (IOException) { real = Path.GetFullPath(dir); }
        if (exclude is not null && (Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)) == exclude || real == exclude)) return;
        if (!seenDirs.Add(real)) return; // a loop or a second way to the same folder
        string[] names;
        try { names = Directory.GetFileSystemEntries(dir); }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            entries.Add((dir, new InputException(InputErrorReason.Unreadable, $"folder cannot be listed: {(ex is UnauthorizedAccessException ? "permission denied" : ex.Message)}", ex)));
            return;
        }
        Array.Sort(names, StringComparer.Ordinal);
        foreach (var path in names)
        {
            if (Path.GetFileName(path).StartsWith('.')) continue;
            if (Directory.Exists(path)) AddFolder(path, entries, seenFiles, seenDirs, exclude);
            else if (seenFiles.Add(Path.GetFullPath(path))) entries.Add((path, null)); // files, dangling links, pipes: the reader says what is wrong
        }
    }

    /// <summary>The file name up to its first dot, reduced to a name that is safe as a file name everywhere (see <see cref="OutputNames.SafeId"/>).</summary>
    public static string DocumentIdOf(string path)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        int dot = name.IndexOf('.');
        if (dot > 0) name = name[..dot];
        return OutputNames.SafeId(name);
    }
}
