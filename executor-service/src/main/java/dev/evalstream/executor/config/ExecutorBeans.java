package dev.evalstream.executor.config;

import dev.evalstream.events.Problem;
import dev.evalstream.events.Sample;
import dev.evalstream.executor.ExecutorStats;
import dev.evalstream.executor.Outbox;
import dev.evalstream.executor.ProcessorSettings;
import dev.evalstream.executor.SampleProcessor;
import dev.evalstream.executor.TimeoutCalibration;
import dev.evalstream.executor.problems.ProblemFeed;
import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.sandbox.SandboxEvaluator;
import dev.evalstream.harness.sandbox.SandboxOptions;
import dev.evalstream.schemas.serde.AvroCodec;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Builds the plain classes the transport delegates to, from configuration. */
@ApplicationScoped
public class ExecutorBeans {
    private static final Logger LOG = Logger.getLogger(ExecutorBeans.class);

    @Produces
    @Singleton
    @Named("instanceId")
    String instanceId(ExecutorConfig config) {
        return InstanceId.of(config.instanceId());
    }

    @Produces
    @Singleton
    ExecutorStats stats() {
        return new ExecutorStats();
    }

    /** Started with the application, so a host that cannot sandbox fails at startup, not on the first sample. */
    @Produces
    @Singleton
    @Startup
    Evaluator evaluator(ExecutorConfig config) {
        SandboxOptions options = SandboxSettings.of(config.sandbox());
        if (options.insecure()) {
            LOG.warn("******************************************************************************");
            LOG.warn("* INSECURE MODE: samples may run WITHOUT sandbox isolation (evalstream.executor.sandbox.insecure).");
            LOG.warn("* Untrusted model output can read, write and reach whatever this process can.");
            LOG.warn("******************************************************************************");
        }
        LOG.infof("sandbox options: %s", options);
        return SandboxEvaluator.create(options);
    }

    void closeEvaluator(@Disposes Evaluator evaluator) {
        evaluator.close();
    }

    @Produces
    @Singleton
    @Startup
    ProblemFeed problemFeed(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                            @ConfigProperty(name = "evalstream.topics.problems") String topic,
                            @ConfigProperty(name = "evalstream.registry.url") String registryUrl,
                            @Named("instanceId") String instanceId, Outbox outbox) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "evalstream-executor-problems-" + instanceId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // no group: every instance reads everything
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ProblemFeed feed = new ProblemFeed(
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                topic, AvroCodec.forValues(Problem.class, registryUrl), outbox);
        feed.start();
        return feed;
    }

    void closeFeed(@Disposes ProblemFeed feed) {
        feed.close();
    }

    @Produces
    @Singleton
    SampleProcessor processor(ExecutorConfig config, @ConfigProperty(name = "evalstream.registry.url") String registryUrl,
                              ProblemFeed problems, Evaluator evaluator, Outbox outbox, ExecutorStats stats,
                              @Named("instanceId") String instanceId) {
        int inFlight = config.maxInFlight().orElse(ProcessorSettings.defaultInFlight(evaluator.slots()));
        ProcessorSettings settings = new ProcessorSettings(instanceId, config.maxCompletionBytes(), inFlight,
                config.catalogWait(), config.registryPatience());
        LOG.infof("executor %s: %d sandbox slots, at most %d samples in flight", instanceId, evaluator.slots(), inFlight);
        ExecutorConfig.Calibration c = config.calibration();
        TimeoutCalibration calibration = new TimeoutCalibration(evaluator,
                new TimeoutCalibration.Settings(c.enabled(), c.factor(), c.floor(), c.runs()));
        if (c.enabled()) {
            LOG.infof("time limits calibrated per problem: max(%d ms, %.1f x canonical solution, slowest of %d runs)",
                    c.floor().toMillis(), c.factor(), c.runs());
        }
        SampleProcessor processor = new SampleProcessor(AvroCodec.forValues(Sample.class, registryUrl), problems,
                evaluator, outbox, settings, stats, calibration, config.scalePlusLimits());
        // a JVM hook, not a CDI event: the sandbox's own hook starts tearing slots down at the same moment
        Runtime.getRuntime().addShutdownHook(new Thread(processor::close, "executor-processor-close"));
        return processor;
    }
}
