using System.Text;

namespace Extractor.Tests.Support;

/// <summary>A minimal RFC 4180 reader for comparing expected and actual CSV files column by column.</summary>
public static class SimpleCsv
{
    public static List<Dictionary<string, string>> Parse(string csv)
    {
        var records = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < csv.Length; i++)
        {
            char c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n') i++;
                row.Add(field.ToString()); field.Clear();
                records.Add(row); row = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); records.Add(row); }
        if (records.Count == 0) return [];
        var header = records[0];
        return records.Skip(1).Where(r => r.Count > 1 || r[0].Length > 0)
            .Select(r => header.Select((h, k) => (h, v: k < r.Count ? r[k] : "")).ToDictionary(x => x.h, x => x.v))
            .ToList();
    }
}
