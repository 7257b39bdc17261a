using System.Diagnostics;
using System.Runtime.InteropServices;
using Extractor.Export;
using static Extractor.Tests.Batch.BatchTestKit;

namespace Extractor.Tests.Batch;

/// <summary>
/// The real command line in a child process (<c>dotnet Extractor.Cli.dll run ...</c>), killed or stopped mid-run,
/// then resumed (in this process, like the uninterrupted run it is compared with): the tables must be byte-identical to an uninterrupted run's, and nothing half-written may be left.
/// A per-document pause (EXTRACTOR_TEST_DELAY_MS) makes the batch slow enough to interrupt on any machine.
/// Compared: every file the runs write (tables, cleaned texts, review files *.review.csv, report pages report/*.html),
/// the hidden work folder aside.
/// </summary>
public sealed class KillTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("extractor-kill-").FullName;
    private string Dir(string name) => Path.Combine(_root, name);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "Extractor.Cli.dll");
    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p && File.Exists(p) ? p : "dotnet";

    private Process Start(int delayMs, params string[] args)
    {
        // Through `env --default-signal=INT,TERM`: a test run started in the background by a non-interactive shell
        // (`scripts/test &`) inherits SIGINT as ignored, and the runtime rightly leaves an ignored signal ignored, so
        // the child would never see the Ctrl-C this test sends.
        var psi = new ProcessStartInfo("env") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("--default-signal=INT,TERM");
        psi.ArgumentList.Add(DotNet);
        psi.ArgumentList.Add(Cli);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["EXTRACTOR_TEST_DELAY_MS"] = delayMs.ToString();
        var process = Process.Start(psi)!;
        process.BeginOutputReadLine(); // drain both pipes so the child never blocks on them
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (Errors) Errors.Add(e.Data); };
        process.BeginErrorReadLine();
        return process;
    }

    private readonly List<string> Errors = []; // stderr lines of the child processes of this test

    /// <summary>A run that is not interrupted, in this process (same program, same files; the lexicons are already loaded, which keeps the test fast).</summary>
    private static (int Code, string Stderr) RunToEnd(params string[] args)
    {
        var (code, _, stderr) = Extractor.Tests.Evaluation.CliRunner.Run(args);
        return (code, stderr);
    }

    private (int Code, string Stderr) RunToEnd(int delayMs, params string[] args)
    {
        Errors.Clear();
        using var p = Start(delayMs, args);
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), "the CLI did not finish");
        p.WaitForExit();
        lock (Errors) return (p.ExitCode, string.Join("\n", Errors));
    }

    private static int Parts(string outDir)
    {
        var dir = Path.Combine(outDir, RunOutput.WorkFolderName, "parts");
        return Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.part").Count() : 0;
    }

    /// <summary>Starts a slowed run and waits until it has finished <paramref name="atParts"/> documents.</summary>
    private Process StartAndWait(string input, string outDir, int atParts, bool resume)
    {
        string[] args = ["run", input, "--out", outDir, "--jobs", "2", "--quiet", .. resume ? ["--resume"] : Array.Empty<string>()];
        var p = Start(300, args); // slow enough that the test sees the run before its end even on a loaded machine
        var clock = Stopwatch.StartNew();
        while (Parts(outDir) < atParts && !p.HasExited && clock.Elapsed < TimeSpan.FromMinutes(1)) Thread.Sleep(10);
        Assert.False(p.HasExited, $"the run ended before it could be interrupted: {string.Join(" ", Errors)}");
        return p;
    }

    /// <summary>Tables present after an interruption must be whole: a header, whole records, a final newline.</summary>
    private static void AssertNothingHalfWritten(string outDir)
    {
        foreach (var csv in RunOutput.TableNames.Select(t => Path.Combine(outDir, t + ".csv")).Where(File.Exists))
        {
            var text = File.ReadAllText(csv);
            Assert.EndsWith("\n", text);
            Assert.Equal(RunOutput.HeaderOf(Path.GetFileNameWithoutExtension(csv)), text[..text.IndexOf('\n')]);
        }
    }

    [Fact]
    public void A_batch_killed_twice_then_resumed_writes_the_tables_of_an_uninterrupted_run()
    {
        WriteDocuments(Dir("in"), 30);
        File.WriteAllBytes(Dir("in/empty.txt"), []);
        var full = RunToEnd("run", Dir("in"), "--out", Dir("full"), "--jobs", "2", "--quiet");
        Assert.Equal(1, full.Code); // the empty file failed
        Assert.Matches(@"documents\s+31 \(30 done, 1 failed\)", full.Stderr);

        foreach (var (atParts, resume) in new[] { (5, false), (15, true) })
        {
            using var p = StartAndWait(Dir("in"), Dir("killed"), atParts, resume);
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Assert.True(Parts(Dir("killed")) < 31);
            Assert.False(File.Exists(Path.Combine(Dir("killed"), "documents.csv")), "tables appeared before the end of the run");
            AssertNothingHalfWritten(Dir("killed"));
        }

        var resumed = RunToEnd("run", Dir("in"), "--out", Dir("killed"), "--jobs", "2", "--quiet", "--resume");
        Assert.Equal(1, resumed.Code);
        Assert.Matches(@"documents\s+31 \(30 done, (1[5-9]|2[0-9]|3[01]) resumed, 1 failed\)", resumed.Stderr);
        AssertSameOutputs(Dir("full"), Dir("killed"));
        Assert.Equal(30, Directory.EnumerateFiles(Path.Combine(Dir("killed"), "report"), "doc*.html").Count());
        Assert.True(File.Exists(Path.Combine(Dir("killed"), "corrections.review.csv")));
        Assert.Empty(Directory.EnumerateFiles(Dir("killed"), "*extractor-tmp", SearchOption.AllDirectories));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [Theory]
    [InlineData(15)] // SIGTERM
    [InlineData(2)]  // SIGINT, as Ctrl-C sends it
    public void A_signal_stops_after_the_documents_in_flight_with_whole_tables_and_exit_130(int signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        WriteDocuments(Dir("in"), 24);
        using var p = StartAndWait(Dir("in"), Dir("out"), 4, resume: false);
        Assert.Equal(0, kill(p.Id, signal));
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)), $"signal {signal} did not stop the run");
        p.WaitForExit();
        Assert.Equal(130, p.ExitCode);
        AssertNothingHalfWritten(Dir("out"));
        int done = File.ReadAllLines(Path.Combine(Dir("out"), "documents.csv")).Length - 1;
        Assert.InRange(done, 4, 23);
        Assert.Equal(done, Parts(Dir("out")));

        Assert.True(File.Exists(Path.Combine(Dir("out"), "medications.review.csv"))); // review files of the documents done

        var resumed = RunToEnd("run", Dir("in"), "--out", Dir("out"), "--quiet", "--resume");
        Assert.Equal(0, resumed.Code);
        var full = RunToEnd("run", Dir("in"), "--out", Dir("full"), "--quiet");
        Assert.Equal(0, full.Code);
        AssertSameOutputs(Dir("full"), Dir("out"));
    }

    [Fact]
    public void Documents_stuck_past_the_time_limit_fail_alone_and_do_not_delay_the_exit()
    {
        WriteDocuments(Dir("in"), 2);
        // The test pause ignores the deadline like a stage stuck in native code: each document would take ten minutes.
        var run = RunToEnd(600_000, "run", Dir("in"), "--out", Dir("out"), "--jobs", "1", "--timeout", "0.3", "--quiet", "--no-report");
        Assert.Equal(1, run.Code);
        var errors = ReadTable<Extractor.Extraction.ErrorRow>(Dir("out"), "errors");
        Assert.Equal(["timeout", "timeout"], errors.Select(e => e.Reason));
        foreach (var e in errors)
            Assert.Contains($"error: {e.SourcePath}: took longer than 0.3 s (--timeout) while in stage read [timeout]", run.Stderr);
        Assert.Matches(@"documents\s+2 \(0 done, 2 failed\)", run.Stderr);
    }
}
