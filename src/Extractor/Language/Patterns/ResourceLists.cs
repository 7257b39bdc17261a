using System.Reflection;

namespace Extractor.Language.Patterns;

/// <summary>
/// Reads our curated tab-separated lists embedded under src/Extractor/Resources (lines starting with '#' are notes).
/// Each line: a canonical value, then a tab, then '|'-separated surface forms (the canonical value is one too).
/// </summary>
public static class ResourceLists
{
    public static IEnumerable<string> Lines(string relativePath)
    {
        var asm = typeof(ResourceLists).Assembly;
        string suffix = relativePath.Replace('/', '.').Replace('\\', '.');
        string? name = asm.GetManifestResourceNames().FirstOrDefault(n =>
            n.Replace('/', '.').Replace('\\', '.').EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
        if (name is null) throw new InvalidOperationException($"embedded resource not found: {relativePath}");
        using var stream = asm.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0 || line[0] == '#') continue;
            lines.Add(line.TrimEnd('\r'));
        }
        return lines;
    }

    /// <summary>Rows of a list as columns split on tabs.</summary>
    public static IEnumerable<string[]> Rows(string relativePath) =>
        Lines(relativePath).Select(l => l.Split('\t'));

    /// <summary>A gazetteer from a "canonical TAB form|form|..." list; every form (and the canonical value) maps to the canonical value.</summary>
    public static Gazetteer<string> Gazetteer(string relativePath, int formsColumn = 1)
    {
        var g = new Gazetteer<string>();
        foreach (var row in Rows(relativePath))
        {
            string canonical = row[0].Trim();
            g.Add(canonical, canonical);
            if (row.Length > formsColumn)
                foreach (var form in row[formsColumn].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    g.Add(form, canonical);
        }
        return g;
    }
}
