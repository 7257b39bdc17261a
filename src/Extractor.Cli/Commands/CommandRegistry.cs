namespace Extractor.Cli.Commands;

public static class CommandRegistry
{
    /// <summary>Every command, in the order --help lists them. Each command adds itself here with one line.</summary>
    public static IReadOnlyList<ICommand> All() =>
    [
        new RunCommand(),
        new CleanCommand(),
        new EvalCommand(),
        new OcrCommand(),
        new TrainCommand(),
        new BenchmarkCommand(),
    ];
}
