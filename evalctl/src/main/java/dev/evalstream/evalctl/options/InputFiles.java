package dev.evalstream.evalctl.options;

import dev.evalstream.evalctl.EvalctlException;
import dev.evalstream.evalctl.ProjectDir;
import dev.evalstream.evalctl.catalog.DatasetFiles;
import dev.evalstream.evalctl.catalog.DatasetRef;
import dev.evalstream.harness.data.DataFileException;
import dev.evalstream.harness.data.Problem;
import dev.evalstream.harness.data.Problems;
import dev.evalstream.harness.data.SampleLine;
import dev.evalstream.harness.data.Samples;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Reads the user's files, turning a bad line into the data exit status with file:line: field. */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * A --problems argument as a file: the file itself, or the verified cached file a catalog
     * name NAME[@VERSION] stands for (cached under the run directory's datasets folder).
     */
    public static Path problemsFile(Path argument, Supplier<Path> runDir) {
        return DatasetRef.of(argument).map(ref -> DatasetFiles.fromEnvironment(runDir.get()).resolve(ref)).orElse(argument);
    }

    /** The problems of a file or a catalog name (see {@link #problemsFile}). */
    public static Map<String, Problem> problems(Path argument) {
        Path file = problemsFile(argument, ProjectDir::defaultRunDir);
        try {
            return Problems.read(file);
        } catch (DataFileException e) {
            throw EvalctlException.data(e.getMessage());
        }
    }

    /** Samples read on their own (no problem set to check them against): each line needs task_id and completion. */
    public static List<SampleLine> samples(Path file) {
        try {
            return Samples.read(file);
        } catch (DataFileException e) {
            throw EvalctlException.data(e.getMessage());
        }
    }

    /** Samples checked against the problems: unknown tasks and unattempted problems are errors. */
    public static List<SampleLine> samples(Path file, Map<String, Problem> problems) {
        try {
            List<SampleLine> samples = Samples.read(file, problems);
            Samples.requireEveryProblem(file, samples, problems);
            return samples;
        } catch (DataFileException e) {
            throw EvalctlException.data(e.getMessage());
        }
    }
}
