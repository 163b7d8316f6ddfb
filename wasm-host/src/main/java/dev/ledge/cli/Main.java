package dev.ledge.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ledge} command: serve a handler, run one once, compile ahead, or describe the ABI. */
@Command(name = "ledge", mixinStandardHelpOptions = true, version = "ledge 0.1.0",
        description = "Runs Fastly Compute Wasm handlers on the JVM.",
        subcommands = {ServeCommand.class, RunCommand.class, CompileCommand.class, AbiCommand.class, BenchCommand.class})
public final class Main {
    public static void main(String[] args) {
        dev.ledge.engine.StartupTimings.mainEntered();
        if (args.length > 0 && args[0].equals("serve")) {
            // The module file is read while the command line is parsed.
            dev.ledge.engine.ModuleDigests.readAhead(args);
        }
        LogSetup.configure();
        PrintWriter err = new PrintWriter(System.err, true);
        ServeCommand quick = QuickServeArgs.parse(args);
        if (quick != null) {
            System.exit(serve(quick, err));
        }
        System.exit(run(args, new PrintWriter(System.out, true), err));
    }

    /** Runs a serve command read without picocli; errors as {@link #run} reports them. */
    static int serve(ServeCommand cmd, PrintWriter err) {
        try {
            return cmd.call();
        } catch (dev.ledge.engine.LedgeException e) {
            err.println("ledge: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Runs the command line; Ledge's own errors become one line on {@code err} and exit code 2. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        // Everything after run's MODULE.wasm belongs to the guest, options included (go test -exec).
        cli.getSubcommands().get("run").setStopAtPositional(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof dev.ledge.engine.LedgeException) {
                cmd.getErr().println("ledge: " + ex.getMessage());
                cmd.getErr().flush();
                return 2;
            }
            throw ex;
        });
        return cli.execute(args);
    }
}
