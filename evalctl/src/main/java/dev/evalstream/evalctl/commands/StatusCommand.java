package dev.evalstream.evalctl.commands;

import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.render.StatusTable;
import dev.evalstream.stack.ComponentStatus;
import dev.evalstream.stack.LocalStack;
import dev.evalstream.stack.StackStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show which parts of the local stack run and are ready. Exit 0 when every running part is ready"
                + " and at least one runs, " + ExitCodes.UNAVAILABLE + " otherwise.")
public class StatusCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Override
    public Integer call() {
        StackStatus status = new LocalStack(stack.stackConfig()).status();
        StatusTable.print(System.out, status);
        boolean healthy = status.anyRunning()
                && status.components().stream().filter(ComponentStatus::running).allMatch(ComponentStatus::ready);
        return healthy ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
    }
}
