using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using Extractor.Extraction;

namespace Extractor.Export;

/// <summary>
/// JSON Lines output for pipelines: one JSON object per row, the same fields as the CSV columns (snake_case keys in
/// column order), numbers and booleans as JSON numbers and booleans, one file per table (<c>&lt;table&gt;.jsonl</c>).
/// </summary>
public static class JsonlExport
{
    /// <summary>Serializer options: snake_case names as in the CSV headers, readable non-ASCII text.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = new CsvNames(),
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // files, not HTML: keep α and × as they are
        WriteIndented = false,
    };

    private sealed class CsvNames : JsonNamingPolicy
    {
        public override string ConvertName(string name) => CsvExport.SnakeCase(name);
    }

    public static void Write<T>(TextWriter writer, IEnumerable<T> rows)
    {
        foreach (var row in rows)
        {
            writer.Write(JsonSerializer.Serialize(row, Options));
            writer.Write('\n');
        }
    }

    public static string Line<T>(T row) => JsonSerializer.Serialize(row, Options);

    /// <summary>
    /// Converts the run's <c>&lt;table&gt;.csv</c> (written without formula escapes) into <c>&lt;table&gt;.jsonl</c>
    /// beside it (temporary file, then rename), streaming row by row. Returns false when the CSV is absent.
    /// </summary>
    public static bool ConvertTable(string outDir, string table)
    {
        string csv = Path.Combine(outDir, table + ".csv");
        if (!File.Exists(csv)) return false;
        string target = Path.Combine(outDir, table + ".jsonl");
        string temp = Path.Combine(outDir, $".{table}.jsonl.{Environment.ProcessId}.tmp");
        try
        {
            using (var w = new StreamWriter(temp, false, new UTF8Encoding(false)))
            {
                switch (table)
                {
                    case "documents": Write(w, Rows<DocumentInfo>(csv)); break;
                    case "corrections": Write(w, Rows<CorrectionRow>(csv)); break;
                    case "medications": Write(w, Rows<Medication>(csv)); break;
                    case "trial_arms": Write(w, Rows<TrialArm>(csv)); break;
                    case "outcomes": Write(w, Rows<Outcome>(csv)); break;
                    case "adverse_events": Write(w, Rows<AdverseEvent>(csv)); break;
                    case "staging": Write(w, Rows<Staging>(csv)); break;
                    case "findings": Write(w, Rows<Finding>(csv)); break;
                    case "errors": Write(w, Rows<ErrorRow>(csv)); break;
                    default: throw new ArgumentException($"unknown table {table}");
                }
                w.Flush();
                w.BaseStream.Flush();
            }
            File.Move(temp, target, overwrite: true);
            return true;
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
    }

    private static IEnumerable<T> Rows<T>(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var options = CsvReaderOptions.Default with { NormalizeHeaderName = n => n.Replace("_", "") };
        using var csv = CsvReader.Create(reader, options);
        foreach (var row in csv.GetRecords<T>()) yield return row;
    }
}
