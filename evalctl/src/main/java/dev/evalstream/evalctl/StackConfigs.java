package dev.evalstream.evalctl;

import dev.evalstream.stack.StackConfig;

/** The local stack's configuration as the command line options describe it. */
public final class StackConfigs {
    private StackConfigs() {
    }

    /** Project defaults, the chosen run dir, and the ports a previous up recorded there. */
    public static StackConfig from(StackOptions options) {
        return StackConfig.defaults(options.projectDir()).withRunDir(options.runDir()).withRecordedPorts();
    }
}
