using System.Text.RegularExpressions;
using Extractor.Export;
using Extractor.Tests.Properties;

namespace Extractor.Tests.Batch;

/// <summary>docs/output.md documents every table and every column the program writes.</summary>
public class OutputContractTests
{
    [Fact]
    public void Every_column_of_every_table_is_documented()
    {
        var doc = File.ReadAllText(Path.Combine(PipelineProperties.RepoRoot(), "docs", "output.md"));
        foreach (var table in RunOutput.TableNames)
        {
            Assert.Contains($"### {table}.csv", doc);
            var section = doc[doc.IndexOf($"### {table}.csv", StringComparison.Ordinal)..];
            int next = section.IndexOf("\n### ", 5, StringComparison.Ordinal);
            if (next > 0) section = section[..next];
            var missing = RunOutput.HeaderOf(table).Split(',').Where(c => !Regex.IsMatch(section, $@"(?<![\w]){Regex.Escape(c)}(?![\w])")).ToList();
            Assert.True(missing.Count == 0, $"docs/output.md, section {table}.csv, does not describe: {string.Join(", ", missing)}");
        }
    }
}
