package dev.ledge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ledge} command: serve a handler, run one once, or describe the ABI. */
@Command(name = "ledge", mixinStandardHelpOptions = true, version = "ledge 0.1.0",
        description = "Runs Fastly Compute Wasm handlers on the JVM.",
        subcommands = {ServeCommand.class, RunCommand.class, CompileCommand.class, AbiCommand.class, BenchCommand.class})
public final class Main {
    public static void main(String[] args) {
        LogSetup.configure();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof dev.ledge.engine.LedgeException) {
                cmd.getErr().println("ledge: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        System.exit(cli.execute(args));
    }
}
