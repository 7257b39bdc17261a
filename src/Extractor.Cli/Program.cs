using Extractor.Cli;
using Extractor.Cli.Commands;

// Exit codes: 0 all done; 1 some documents failed; 2 usage or setup error.
return CommandLine.Main(args, CommandRegistry.All());
