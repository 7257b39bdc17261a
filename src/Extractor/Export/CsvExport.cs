using System.Globalization;
using System.Reflection;
using System.Text;
using CsvHelper;

namespace Extractor.Export;

/// <summary>Options for the CSV files a run writes.</summary>
public sealed record CsvOptions
{
    /// <summary>
    /// Put an apostrophe in front of text cells that a spreadsheet would run as a formula (cells starting with
    /// = + - @, tab or CR: CsvHelper's <see cref="CsvInjection.Escape"/>). Off for pipelines that read the values.
    /// </summary>
    public bool NeutralizeFormulas { get; init; } = true;
    public static readonly CsvOptions Default = new();
}

/// <summary>
/// Writes result records (types marked [CsvRecord], written by CsvHelper's generated record writers) as CSV with
/// snake_case headers in property order, invariant culture, LF line ends.
/// </summary>
public static class CsvExport
{
    public static CsvWriterOptions WriterOptions(CsvOptions options) => CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        TrueValue = "true",
        FalseValue = "false",
        Injection = options.NeutralizeFormulas ? CsvInjection.Escape : CsvInjection.None,
    };

    public static void Write<T>(TextWriter writer, IEnumerable<T> rows, CsvOptions? options = null, bool header = true)
    {
        using var csv = CsvWriter.Create(writer, WriterOptions(options ?? CsvOptions.Default), leaveOpen: true);
        if (header)
        {
            foreach (var name in Columns<T>()) csv.WriteField(name);
            csv.EndRecord();
        }
        foreach (var row in rows) csv.WriteRecord(row);
        csv.Flush();
    }

    /// <summary>Column names of a record type: its public properties, snake_case, in declaration order.</summary>
    public static IReadOnlyList<string> Columns<T>() => ColumnCache<T>.Names;

    public static string Header<T>() => string.Join(',', Columns<T>());

    private static class ColumnCache<T>
    {
        public static readonly string[] Names = typeof(T)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .OrderBy(p => p.MetadataToken)
            .Select(p => SnakeCase(p.Name))
            .ToArray();
    }

    /// <summary>Reads rows written by <see cref="Write{T}"/> (snake_case headers map back to the properties).</summary>
    public static List<T> Read<T>(TextReader reader)
    {
        var options = CsvReaderOptions.Default with { NormalizeHeaderName = n => n.Replace("_", "") };
        using var csv = CsvReader.Create(reader, options);
        return csv.GetRecords<T>().ToList();
    }

    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
