package dev.evalstream.harness.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The architectures the seccomp filters are built for, each with its audit arch (what a filter
 * checks first: a call made through another ABI is killed) and its system call numbers, read from
 * syscalls.txt. Any other architecture gets no filter, so the sandbox refuses to start there.
 */
enum SyscallArch {
    X86_64(0xc000003e, 1),
    AARCH64(0xc00000b7, 2);

    private final int auditArch;
    private final int column;

    SyscallArch(int auditArch, int column) {
        this.auditArch = auditArch;
        this.column = column;
    }

    int auditArch() {
        return auditArch;
    }

    /** The call's number here; empty where this architecture lacks it (aarch64 has no open, only openat). */
    OptionalInt number(String name) {
        String[] cols = TABLE.get(name);
        if (cols == null) {
            throw new IllegalArgumentException("system call " + name + " is not in syscalls.txt");
        }
        return "-".equals(cols[column]) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(cols[column]));
    }

    /** The JVM's os.arch as one of ours. */
    static Optional<SyscallArch> of(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            default -> Optional.empty();
        };
    }

    static Optional<SyscallArch> current() {
        return of(System.getProperty("os.arch"));
    }

    /** name -> {name, x86-64 number, aarch64 number} */
    private static final Map<String, String[]> TABLE = readTable();

    private static Map<String, String[]> readTable() {
        Map<String, String[]> table = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SyscallArch.class.getResourceAsStream("syscalls.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cols = line.trim().split("\\s+");
                    table.put(cols[0], cols);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read syscalls.txt", e);
        }
        return table;
    }
}
