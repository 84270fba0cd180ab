package dev.evalstream.stack;

import dev.evalstream.stack.process.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds installed JDKs (JAVA_HOME, /usr/lib/jvm/*, java on PATH, the running JVM) and picks one
 * new enough for a component: Apicurio 3.3 needs 21, everything else 17.
 */
public final class Jdks {
    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"([^\"]+)\"", Pattern.MULTILINE);
    private static final Pattern VERSION_OUTPUT = Pattern.compile("version \"([^\"]+)\"");
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

    /** One installed JDK: its home, its java binary and its feature version (17, 21, 25, ...). */
    public record Jdk(Path home, Path java, int feature) {
    }

    private final List<Jdk> found;

    private Jdks(List<Jdk> found) {
        this.found = found;
    }

    public static Jdks discover() {
        Map<Path, Jdk> byHome = new LinkedHashMap<>();
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            jvms.sorted().forEach(homes::add);
        } catch (IOException e) {
            // no /usr/lib/jvm: the other sources still count
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                Path java = Path.of(dir, "java");
                if (Files.isExecutable(java)) {
                    try {
                        homes.add(java.toRealPath().getParent().getParent());
                    } catch (IOException ignored) {
                        // a dangling link is not a JDK
                    }
                }
            }
        }
        for (Path home : homes) {
            try {
                Path real = home.toRealPath();
                if (!byHome.containsKey(real)) {
                    Jdk jdk = probe(real);
                    if (jdk != null) {
                        byHome.put(real, jdk);
                    }
                }
            } catch (IOException ignored) {
                // a JAVA_HOME that does not exist is not a JDK
            }
        }
        return new Jdks(List.copyOf(byHome.values()));
    }

    public List<Jdk> all() {
        return found;
    }

    /**
     * The oldest JDK of at least this feature version (older ones are usually the distribution's
     * default and the best tested); fails naming what was found.
     */
    public Jdk atLeast(int feature, String purpose) {
        return found.stream().filter(j -> j.feature() >= feature)
                .min(Comparator.comparingInt(Jdk::feature))
                .orElseThrow(() -> new StackException(StackException.Kind.ENVIRONMENT,
                        purpose + " needs Java " + feature + "+, but the JDKs found are " + describe()
                                + "; install one (e.g. apt-get install openjdk-" + Math.max(feature, 21)
                                + "-jre-headless) or set JAVA_HOME"));
    }

    private String describe() {
        if (found.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        for (Jdk j : found) {
            s.append(s.length() == 0 ? "" : ", ").append(j.home()).append(" (").append(j.feature()).append(')');
        }
        return s.toString();
    }

    private static Jdk probe(Path home) {
        Path java = home.resolve("bin/java");
        if (!Files.isExecutable(java)) {
            return null;
        }
        String version = releaseVersion(home);
        if (version == null) {
            version = runVersion(java);
        }
        return version == null ? null : new Jdk(home, java, feature(version));
    }

    private static String releaseVersion(Path home) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Fallback for JDKs without a release file: ask the binary itself. */
    private static String runVersion(Path java) {
        try {
            ToolRun.Result r = ToolRun.run(List.of(java.toString(), "-version"), VERSION_TIMEOUT);
            Matcher m = VERSION_OUTPUT.matcher(r.output());
            return r.ok() && m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** "1.8.0_392" -> 8, "17.0.15" -> 17, "25" -> 25. */
    static int feature(String version) {
        String[] parts = version.split("[.+_-]");
        int first = Integer.parseInt(parts[0]);
        return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    }
}
