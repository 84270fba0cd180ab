package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The system call table and the programs built from it, for both architectures. */
class SyscallTableTest {
    private static final Path X86_64_HEADER = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
    private static final Path GENERIC_HEADER = Path.of("/usr/include/asm-generic/unistd.h");
    private static final Pattern DEFINE = Pattern.compile("#define\\s+(__NR3264_\\w+|__NR_\\w+)\\s+(\\w+)");

    private static List<String> allNames() {
        return Stream.of(SyscallPolicy.sampleAllowed(), SyscallPolicy.sampleRefused(), List.of("clone3"))
                .flatMap(List::stream).toList();
    }

    @Test
    void numbersMatchTheKernelHeadersWhereInstalled() throws IOException {
        // Debian's linux-libc-dev; on a host without it the table is still what the headers said when it was written
        if (!Files.isReadable(X86_64_HEADER) || !Files.isReadable(GENERIC_HEADER)) {
            System.out.println("kernel headers not installed: numbers NOT checked against them");
            return;
        }
        Map<String, Integer> x86 = resolve(X86_64_HEADER);
        Map<String, Integer> generic = resolve(GENERIC_HEADER);
        for (String name : allNames()) {
            assertEquals(Optional.ofNullable(x86.get(name)), boxed(SyscallArch.X86_64.number(name)), "x86-64 " + name);
            assertEquals(Optional.ofNullable(generic.get(name)), boxed(SyscallArch.AARCH64.number(name)), "aarch64 " + name);
        }
    }

    @Test
    void noCallIsBothAllowedAndRefused() {
        Set<String> allowed = new HashSet<>(SyscallPolicy.sampleAllowed());
        assertEquals(SyscallPolicy.sampleAllowed().size(), allowed.size(), "a name twice in the allow list");
        for (String refused : SyscallPolicy.sampleRefused()) {
            assertTrue(!allowed.contains(refused), refused + " both allowed and refused");
        }
    }

    @Test
    void programsCheckTheArchitectureFirstAndFitTheKernelsLimit() {
        for (SyscallArch arch : SyscallArch.values()) {
            for (byte[] program : List.of(SeccompFilter.sandbox(arch), SeccompFilter.sample(arch))) {
                ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
                assertTrue(program.length % 8 == 0 && program.length / 8 <= 4096);
                assertEquals(0x20, b.getShort(0));            // load ...
                assertEquals(4, b.getInt(4));                 // ... seccomp_data.arch
                assertEquals(0x15, b.getShort(8));            // jump if equal to ...
                assertEquals(arch.auditArch(), b.getInt(12)); // ... this architecture's, else
                assertEquals(0x06, b.getShort(16));           // return ...
                assertEquals(0x80000000, b.getInt(20));       // ... kill the process
            }
        }
    }

    @Test
    void everyCallGetsItsPolicysAnswer() {
        for (SyscallArch arch : SyscallArch.values()) {
            byte[] sample = SeccompFilter.sample(arch);
            byte[] sandbox = SeccompFilter.sandbox(arch);
            for (String name : SyscallPolicy.sampleAllowed()) {
                if (!name.equals("clone")) {
                    arch.number(name).ifPresent(nr -> assertEquals(ALLOW, run(sample, arch, nr, 0), arch + " " + name));
                }
            }
            for (String name : SyscallPolicy.sampleRefused()) {
                arch.number(name).ifPresent(nr -> assertEquals(EPERM, run(sample, arch, nr, 0), arch + " " + name));
            }
            for (String name : SyscallPolicy.REFUSED) {
                arch.number(name).ifPresent(nr -> assertEquals(EPERM, run(sandbox, arch, nr, 0), arch + " " + name));
            }
            Set<Integer> listed = new HashSet<>();
            allNames().forEach(n -> arch.number(n).ifPresent(listed::add));
            for (int nr = 0; nr < 1024; nr++) {
                if (!listed.contains(nr) && nr != arch.number("clone").getAsInt()) {
                    assertEquals(ENOSYS, run(sample, arch, nr, 0), arch + " unlisted " + nr);
                    assertEquals(ALLOW, run(sandbox, arch, nr, 0), arch + " unlisted " + nr);
                }
            }
            int clone = arch.number("clone").getAsInt();
            int clone3 = arch.number("clone3").getAsInt();
            for (byte[] program : List.of(sample, sandbox)) {
                assertEquals(ALLOW, run(program, arch, clone, 0x01200011)); // fork's flags
                assertEquals(EPERM, run(program, arch, clone, 0x40000000 | 17)); // CLONE_NEWNET
                assertEquals(ENOSYS, run(program, arch, clone3, 0));
                assertEquals(KILL, run(program, SyscallArch.values()[1 - arch.ordinal()], 0, 0)); // another ABI
            }
        }
        assertEquals(EPERM, run(SeccompFilter.sample(SyscallArch.X86_64), SyscallArch.X86_64, 0x40000000, 0)); // x32
    }

    private static final int ALLOW = 0x7fff0000;
    private static final int EPERM = 0x00050001;
    private static final int ENOSYS = 0x00050026;
    private static final int KILL = 0x80000000;

    /** A classic-BPF interpreter for the instructions the filters use, over seccomp_data {nr, arch, ip, args}. */
    private static int run(byte[] program, SyscallArch arch, int nr, int arg0) {
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        int a = 0;
        for (int pc = 0, steps = 0; steps < 4096; steps++) {
            int op = b.getShort(pc * 8) & 0xffff;
            int jt = b.get(pc * 8 + 2) & 0xff;
            int jf = b.get(pc * 8 + 3) & 0xff;
            int k = b.getInt(pc * 8 + 4);
            pc++;
            switch (op) {
                case 0x20 -> a = switch (k) {
                    case 0 -> nr;
                    case 4 -> arch.auditArch();
                    case 16 -> arg0;
                    default -> throw new AssertionError("load of offset " + k);
                };
                case 0x15 -> pc += a == k ? jt : jf;
                case 0x35 -> pc += Integer.compareUnsigned(a, k) >= 0 ? jt : jf;
                case 0x45 -> pc += (a & k) != 0 ? jt : jf;
                case 0x05 -> pc += k;
                case 0x06 -> {
                    return k;
                }
                default -> throw new AssertionError("opcode " + op);
            }
        }
        throw new AssertionError("no return");
    }

    @Test
    void otherArchitecturesHaveNoFilter() {
        assertEquals(Optional.of(SyscallArch.X86_64), SyscallArch.of("amd64"));
        assertEquals(Optional.of(SyscallArch.AARCH64), SyscallArch.of("aarch64"));
        assertEquals(Optional.empty(), SyscallArch.of("riscv64"));
        assertEquals(Optional.empty(), SyscallArch.of("ppc64le"));
    }

    private static Optional<Integer> boxed(OptionalInt n) {
        return n.isPresent() ? Optional.of(n.getAsInt()) : Optional.empty();
    }

    /** name -> number, following `#define __NR_x __NR3264_y` to the 64-bit numbers, as on any 64-bit architecture. */
    private static Map<String, Integer> resolve(Path header) throws IOException {
        Map<String, String> raw = new HashMap<>();
        for (String line : Files.readAllLines(header)) {
            Matcher m = DEFINE.matcher(line);
            if (m.lookingAt()) {
                raw.putIfAbsent(m.group(1), m.group(2));
            }
        }
        Map<String, Integer> numbers = new HashMap<>();
        for (String macro : raw.keySet()) {
            String value = macro;
            for (int hops = 0; value != null && !value.chars().allMatch(Character::isDigit) && hops < 5; hops++) {
                value = raw.get(value);
            }
            if (value != null && value.chars().allMatch(Character::isDigit)) {
                String name = macro.replaceFirst("^__NR(3264)?_", "");
                numbers.putIfAbsent(name.equals("fstatat") ? "newfstatat" : name, Integer.parseInt(value));
            }
        }
        return numbers;
    }
}
