using System.Diagnostics;
using System.Text.RegularExpressions;
using Extractor.Cli;
using Extractor.Cli.Commands;
using Extractor.Tests.Evaluation;

namespace Extractor.Tests.Report;

/// <summary>
/// The command line as people meet it: the real program in a child process (<c>dotnet Extractor.Cli.dll</c>) for the
/// progress output and the summary table, and every command's help and error lines.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-output").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "Extractor.Cli.dll");
    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p && File.Exists(p) ? p : "dotnet";

    /// <summary>Runs the real program with stderr on a pipe (as in a log or CI) unless EXTRACTOR_PROGRESS says otherwise.</summary>
    private static (int Exit, string Stdout, string Stderr) Real(string? progress, params string[] args)
    {
        var psi = new ProcessStartInfo(DotNet) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(Cli);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["EXTRACTOR_PROGRESS"] = progress ?? "";
        psi.Environment["OMP_THREAD_LIMIT"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), "the CLI did not finish");
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private string[] Inputs()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_dir, "in")).FullName;
        File.WriteAllText(Path.Combine(folder, "a.txt"), "A 61-year-old woman received cisplatin 20 mg daily.\fGrade 2 nausea followed.\n");
        File.WriteAllText(Path.Combine(folder, "b.txt"), "The tumour measured 4 cm; pT2N0M0.\n");
        File.WriteAllText(Path.Combine(folder, "c.txt"), "");
        return [folder];
    }

    private static void AssertSummary(string err, string documents)
    {
        // The table at the end: one row each, name then value.
        if (documents.Length > 0) Assert.Matches($"(?m)^  documents +{Regex.Escape(documents)}$", err);
        Assert.Matches("(?m)^  pages +3$", err);
        Assert.Matches("(?m)^  corrections +\\d+$", err);
        Assert.Matches("(?m)^  facts +[1-9]\\d*$", err);
        Assert.Matches("(?m)^  errors +1 \\(1 empty; see .*errors\\.csv\\)$", err);
        Assert.Matches("(?m)^  time +\\d.*pages/min\\)$", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void A_batch_shows_one_bar_with_documents_pages_per_minute_and_time_left_errors_and_the_summary_table()
    {
        var inputs = Inputs();
        var (exit, stdout, raw) = Real("bar", ["run", .. inputs, "--out", Path.Combine(_dir, "out"), "--jobs", "1"]);
        Assert.Equal(ExitCodes.SomeFailed, exit);
        Assert.Equal("", stdout);
        string err = raw.Replace("\u001b[K", "");                   // the bar erases to the end of its line
        var frames = err.Split('\r').Where(f => f.StartsWith('[')).ToList();
        Assert.NotEmpty(frames);
        Assert.Contains(frames, f => Regex.IsMatch(f, "^\\[[#-]{10,}\\] [123]/3  [\\d.]+ pages/min  (ETA \\S+|done)"));
        err = err.Replace('\r', '\n');
        Assert.DoesNotMatch("(?m)^\\[\\d/3\\] ", err); // no per-document lines besides the bar
        Assert.Matches("(?m)^error: .*c\\.txt: .*\\[empty\\]$", err);
        AssertSummary(err, "3 (2 done, 1 failed)");
    }

    [Fact]
    public void Elsewhere_progress_is_a_line_per_document_and_quiet_keeps_only_errors_and_the_summary()
    {
        var inputs = Inputs();
        var (exit, _, err) = CliRunner.Run(["run", .. inputs, "--out", Path.Combine(_dir, "out"), "--jobs", "1", "--no-report"]);
        Assert.Equal(ExitCodes.SomeFailed, exit);
        Assert.Matches("(?m)^\\[\\d/3\\] a$", err);
        Assert.Matches("(?m)^\\[\\d/3\\] b$", err);
        Assert.Matches("(?m)^error: .*c\\.txt: .*\\[empty\\]$", err);
        AssertSummary(err, "3 (2 done, 1 failed)");

        var (exit2, _, quiet) = CliRunner.Run(["run", .. inputs, "--out", Path.Combine(_dir, "out"), "--jobs", "1", "--no-report", "--quiet", "--resume"]);
        Assert.Equal(ExitCodes.SomeFailed, exit2);
        Assert.DoesNotMatch("(?m)^\\[\\d/3\\]", quiet);
        Assert.Matches("(?m)^error: .*c\\.txt: ", quiet);
        Assert.Matches("(?m)^  documents +3 \\(2 done, [23] resumed, 1 failed\\)$", quiet);
        AssertSummary(quiet, "");
    }

    [Fact]
    public void Every_command_has_help_with_usage_options_and_examples()
    {
        var (exit, all, _) = CliRunner.Run("--help");
        Assert.Equal(0, exit);
        foreach (var command in CommandRegistry.All())
        {
            Assert.Matches($"(?m)^  {command.Name} +\\S", all);
            foreach (var form in new[] { new[] { command.Name, "--help" }, new[] { "help", command.Name }, new[] { command.Name, "-h" } })
            {
                var (code, help, err) = CliRunner.Run(form);
                Assert.True(code == 0, $"{string.Join(' ', form)}: {err}");
                Assert.Contains($"Usage: extractor {command.Name}", help);
                Assert.Matches("(?m)^ *Examples?:", help);
                Assert.Matches($"(?m)^ +extractor {command.Name}\\b", help); // at least one example command line
            }
        }
    }

    private sealed class Failing : ICommand
    {
        public string Name => "fail";
        public string Summary => "fails";
        public string Help => "Usage: extractor fail";
        public int Run(Arguments args) => throw new InvalidOperationException("the index is\nbroken", new IOException("disk gone"));
    }

    [Fact]
    public void Errors_are_one_line_without_a_stack_trace_unless_verbose()
    {
        var (exit, _, err) = Real(null, "run", "--out", Path.Combine(_dir, "o"), "--jobs", "many", "x.txt");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("extractor run: --jobs takes a whole number, not 'many'", err.TrimEnd('\n'));
        var (exit2, _, err2) = CliRunner.Run("frobnicate");
        Assert.Equal(ExitCodes.Usage, exit2);
        Assert.Single(err2.TrimEnd('\n').Split('\n'));

        // An unexpected failure: one line, type and message; --verbose adds the stack trace and the inner exception.
        var (code, _, quiet) = CliRunner.Run([new Failing()], "fail");
        var (code2, _, verbose) = CliRunner.Run([new Failing()], "fail", "--verbose");
        Assert.Equal((ExitCodes.Usage, ExitCodes.Usage), (code, code2));
        Assert.Equal("extractor fail: InvalidOperationException: the index is broken (--verbose shows where)", quiet.TrimEnd('\n', '\r'));
        Assert.Contains("   at ", verbose);
        Assert.Contains("disk gone", verbose);
    }
}
