namespace Extractor.Cli.Commands;

/// <summary>`extractor eval entities`: see <see cref="EvalCommand"/>.</summary>
internal static class EvalEntities
{
    public static int Run(Arguments args) => throw new UsageException("eval entities is not available yet");
}
