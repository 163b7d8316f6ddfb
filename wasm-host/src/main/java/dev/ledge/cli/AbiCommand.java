package dev.ledge.cli;

import dev.ledge.abi.AbiSpec;
import dev.ledge.hostcalls.HostcallRegistry;
import dev.ledge.hostcalls.SupportTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledge abi}: what the ABI holds and what Ledge implements of it. */
@Command(name = "abi", mixinStandardHelpOptions = true,
        description = "Print the hostcall support table (Markdown) generated from abi/spec and the host's link table.")
final class AbiCommand implements Callable<Integer> {
    @Option(names = "--functions", description = "List every function with its core signature and status.")
    boolean functions;

    @Override
    public Integer call() {
        SupportTable t = new SupportTable(AbiSpec.bundled(), HostcallRegistry.standard());
        System.out.print(functions ? t.functionList() : t.markdown());
        return 0;
    }
}
