using Extractor.Export;
using Extractor.Tests.Evaluation;

namespace Extractor.Tests.Batch;

/// <summary>`extractor run` exits 2 for usage and setup errors, before any document is read (0, 1 and 130: KillTests).</summary>
public sealed class RunExitCodeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("extractor-exit-").FullName;
    private string Dir(string name) => Path.Combine(_root, name);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("no --out", "--out DIR is required")]
    [InlineData("--max-mb -3", "--max-mb takes a positive number")]
    [InlineData("--timeout soon", "--timeout takes a positive number")]
    [InlineData("--jobs 0", "--jobs takes a number of at least 1")]
    [InlineData("--frobnicate", "unknown option --frobnicate")]
    [InlineData("no input", "no INPUT given")]
    [InlineData("--out is a file", "is a file, not a folder")]
    public void Usage_errors_exit_2_with_one_line_saying_what_is_wrong(string kind, string message)
    {
        File.WriteAllText(Dir("doc.txt"), "Sorafenib 400 mg twice daily.\n");
        File.WriteAllText(Dir("a-file"), "");
        string[] args = kind switch
        {
            "no --out" => ["run", Dir("doc.txt")],
            "no input" => ["run", "--out", Dir("out")],
            "--out is a file" => ["run", Dir("doc.txt"), "--out", Dir("a-file")],
            _ => ["run", Dir("doc.txt"), "--out", Dir("out"), .. kind.Split(' ')],
        };
        var (code, _, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Dir("out/documents.csv")));
    }

    [Fact]
    public void An_output_folder_another_run_is_writing_to_exits_2()
    {
        File.WriteAllText(Dir("doc.txt"), "Sorafenib 400 mg twice daily.\n");
        using var other = new RunOutput(Dir("out"), CsvOptions.Default); // holds the lock
        var (code, _, stderr) = CliRunner.Run("run", Dir("doc.txt"), "--out", Dir("out"), "--quiet", "--no-report");
        Assert.Equal(2, code);
        Assert.Contains("another extractor run", stderr);
    }
}
