namespace Extractor.Cli;

/// <summary>A sub-command of the extractor program.</summary>
public interface ICommand
{
    string Name { get; }
    /// <summary>One line for the command list.</summary>
    string Summary { get; }
    /// <summary>Full help: usage, options, an example.</summary>
    string Help { get; }
    int Run(Arguments args);
}

/// <summary>Thrown for a bad command line; printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

public static class ExitCodes
{
    public const int Ok = 0, SomeFailed = 1, Usage = 2;
}

public static class CommandLine
{
    public static int Main(string[] argv, IReadOnlyList<ICommand> commands)
    {
        bool verbose = argv.Contains("--verbose");
        if (argv.Length == 0 || argv[0] is "-h" or "--help" or "help")
        {
            if (argv.Length > 1 && commands.FirstOrDefault(c => c.Name == argv[1]) is { } named) { Console.WriteLine(named.Help); return 0; }
            Console.WriteLine(Usage(commands));
            return argv.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        if (argv[0] == "--version") { Console.WriteLine(typeof(CommandLine).Assembly.GetName().Version); return 0; }
        var command = commands.FirstOrDefault(c => c.Name == argv[0]);
        if (command is null)
        {
            Console.Error.WriteLine($"extractor: unknown command '{argv[0]}'. Try 'extractor --help'.");
            return ExitCodes.Usage;
        }
        if (argv.Skip(1).Any(a => a is "-h" or "--help")) { Console.WriteLine(command.Help); return 0; }
        try
        {
            return command.Run(new Arguments(argv.Skip(1).Where(a => a != "--verbose").ToArray()));
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"extractor {command.Name}: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Extractor.Ocr.Native.OcrSetupException ex) when (!verbose)
        {
            Console.Error.WriteLine($"extractor {command.Name}: {ex.Message.ReplaceLineEndings(" ")}"); // says what to install
            return ExitCodes.Usage;
        }
        catch (Exception ex)
        {
            // One line for people and logs; --verbose adds the stack trace (and inner exceptions) for a bug report.
            Console.Error.WriteLine(verbose
                ? $"extractor {command.Name}: {ex}"
                : $"extractor {command.Name}: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")} (--verbose shows where)");
            return ExitCodes.Usage;
        }
    }

    public static string Usage(IReadOnlyList<ICommand> commands)
    {
        var lines = new List<string>
        {
            "extractor: turns scanned medical case reports into traceable data.",
            "",
            "Usage: extractor COMMAND [options]   (extractor COMMAND --help for details)",
            "",
            "Commands:",
        };
        int w = commands.Max(c => c.Name.Length) + 2;
        lines.AddRange(commands.Select(c => "  " + c.Name.PadRight(w) + c.Summary));
        lines.Add("");
        lines.Add("Example: extractor run corpus/hinyokika-kiyo-2009/report.txt --out out");
        return string.Join('\n', lines);
    }
}

/// <summary>Parsed command-line words: positional values, --name value options and --flags.</summary>
public sealed class Arguments
{
    private readonly List<string> _positional = [];
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public Arguments(string[] words, IReadOnlySet<string>? flags = null)
    {
        for (int i = 0; i < words.Length; i++)
        {
            var w = words[i];
            if (w == "--") { _positional.AddRange(words.Skip(i + 1)); break; }
            if (w.StartsWith("--") && w.Length > 2)
            {
                string name = w[2..];
                string? value = null;
                int eq = name.IndexOf('=');
                if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
                else if (i + 1 < words.Length && !words[i + 1].StartsWith("--")) { value = words[i + 1]; i++; }
                if (!_options.TryGetValue(name, out var list)) _options[name] = list = [];
                list.Add(value ?? "");
                // An option without a value followed by a positional must be declared a flag: handled by Flag().
            }
            else _positional.Add(w);
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    /// <summary>Value of --name; null when absent.</summary>
    public string? Option(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var v) ? v[^1] : null;
    }

    /// <summary>A boolean --name. If the parser took the next word as its value, that word is a positional argument.</summary>
    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return false;
        foreach (var value in v)
        {
            if (value is "" or "true") continue;
            if (value == "false") return false;
            _positional.Add(value);
        }
        _options[name] = [""];
        return true;
    }

    /// <summary>
    /// A --name that may be followed by a whole number: null when absent, 0 when given alone. As with
    /// <see cref="Flag"/>, a following word that is not a number is a positional argument.
    /// </summary>
    public int? FlagWithCount(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return null;
        int count = 0;
        foreach (var value in v)
        {
            if (value is "" or "true") continue;
            if (int.TryParse(value, out int n)) { count = n; continue; }
            _positional.Add(value);
        }
        _options[name] = [""];
        return count;
    }

    public int IntOption(string name, int fallback)
    {
        var v = Option(name);
        if (v is null) return fallback;
        return int.TryParse(v, out int n) ? n : throw new UsageException($"--{name} takes a whole number, not '{v}'");
    }

    /// <summary>Fails on options the command did not ask for (call after reading all options).</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException($"unknown option --{unknown[0]}");
    }
}
