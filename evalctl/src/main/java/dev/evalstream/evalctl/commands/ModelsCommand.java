package dev.evalstream.evalctl.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.evalstream.evalctl.ExitCodes;
import dev.evalstream.evalctl.options.StackOptions;
import dev.evalstream.evalctl.render.RunTables;
import dev.evalstream.evalctl.scorer.ModelView;
import dev.evalstream.evalctl.scorer.ScorerClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "models", mixinStandardHelpOptions = true, description = "List the models the scorer knows, with their latest run.")
public class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--json", description = "Print the scorer's list as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<ModelView> models = new ScorerClient(stack.scorerUrl()).models();
        spec.commandLine().getOut().print(json
                ? new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).writeValueAsString(models) + System.lineSeparator()
                : RunTables.modelsTable(models));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
