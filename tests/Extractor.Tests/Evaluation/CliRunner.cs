using Extractor.Cli;
using Extractor.Cli.Commands;

namespace Extractor.Tests.Evaluation;

/// <summary>Runs a CLI command in-process and captures its output.</summary>
internal static class CliRunner
{
    private static readonly object Gate = new();

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] argv) => Run(CommandRegistry.All(), argv);

    /// <summary>Runs <paramref name="argv"/> against the given commands (a test's own, e.g. one that fails).</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(IReadOnlyList<ICommand> commands, params string[] argv)
    {
        lock (Gate)
        {
            var outWriter = new StringWriter();
            var errWriter = new StringWriter();
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            Console.SetOut(outWriter);
            Console.SetError(errWriter);
            try { return (CommandLine.Main(argv, commands), outWriter.ToString(), errWriter.ToString()); }
            finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
        }
    }
}
