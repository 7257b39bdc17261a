using System.Globalization;

namespace Extractor.Training;

/// <summary>
/// The OCR confusion counts file (Resources/cleanup/confusion.tsv, read by Cleanup.CleanupData): '#' comment lines,
/// then <c>observed TAB intended TAB count</c>; <c>""</c> is an empty side and <c>\s</c> a space (escaped when
/// written, unescaped when read). The same layout with observed = intended holds
/// correct-reading counts (confusion-reads.tsv).
/// </summary>
public static class ConfusionTable
{
    public const string ResourceName = "Extractor.Resources.cleanup.confusion.tsv";

    public static void Write(TextWriter writer, IEnumerable<string> headerLines, IEnumerable<ConfusionCount> counts)
    {
        foreach (var line in headerLines) writer.Write("# " + line + "\n");
        writer.Write("# observed\tintended\tcount\n");
        foreach (var c in counts)
        {
            if (c.Observed.Contains('\t') || c.Intended.Contains('\t') || c.Observed.Contains('\n') || c.Intended.Contains('\n')) continue;
            writer.Write($"{Escape(c.Observed)}\t{Escape(c.Intended)}\t{c.Count.ToString(CultureInfo.InvariantCulture)}\n");
        }
    }

    private static string Escape(string side) => side.Length == 0 ? "\"\"" : side.Replace(" ", "\\s");

    private static string Unescape(string side) => side == "\"\"" ? "" : side.Replace("\\s", " ");

    public static List<ConfusionCount> Read(TextReader reader)
    {
        var list = new List<ConfusionCount>();
        for (string? line; (line = reader.ReadLine()) is not null;)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split('\t');
            if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                throw new FormatException($"confusion table: bad line '{line}'");
            list.Add(new ConfusionCount(Unescape(parts[0]), Unescape(parts[1]), n));
        }
        return list;
    }

    /// <summary>The table embedded in this assembly; empty when it was not built in.</summary>
    public static List<ConfusionCount> LoadEmbedded()
    {
        // The csproj's LogicalName keeps the folder separator (Extractor.Resources.cleanup/confusion.tsv).
        var assembly = typeof(ConfusionTable).Assembly;
        var name = assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.Replace('/', '.').Replace('\\', '.') == ResourceName);
        using var stream = name is null ? null : assembly.GetManifestResourceStream(name);
        if (stream is null) return [];
        using var reader = new StreamReader(stream);
        return Read(reader);
    }
}
