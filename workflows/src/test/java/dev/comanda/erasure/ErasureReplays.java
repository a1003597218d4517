package dev.comanda.erasure;

import dev.comanda.codec.PayloadEncryption;
import dev.comanda.codec.StaticDataKeys;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The committed histories of the erasure workflows ({@code erasure-histories/}, apart from the orders'
 * {@code histories/}, whose replay test takes every file it finds as an order), replayed on today's
 * {@link CustomerErasureWorkflowImpl} and {@link TenantOffboardingWorkflowImpl} through the payload codec
 * under the committed test key, as the workers run them.
 */
final class ErasureReplays {

    static final String FOLDER = "erasure-histories";

    private ErasureReplays() {}

    static void replay(WorkflowExecutionHistory history) throws Exception {
        var environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(PayloadEncryption.dataConverter(StaticDataKeys.testKeys()))
                        .build())
                .build());
        try {
            WorkflowReplayer.replayWorkflowExecution(
                    history, environment, CustomerErasureWorkflowImpl.class, TenantOffboardingWorkflowImpl.class);
        } finally {
            environment.close();
        }
    }

    /** File names under {@link #FOLDER}; fails rather than passing vacuously when there are none. */
    static List<String> committed() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder())) {
            var names = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no histories under " + folder());
            }
            return names;
        }
    }

    static WorkflowExecutionHistory history(String name) throws IOException, URISyntaxException {
        return WorkflowExecutionHistory.fromJson(Files.readString(folder().resolve(name)));
    }

    private static Path folder() throws URISyntaxException {
        var url = Objects.requireNonNull(
                ErasureReplays.class.getClassLoader().getResource(FOLDER), "no " + FOLDER + " on the classpath");
        return Path.of(url.toURI());
    }
}
