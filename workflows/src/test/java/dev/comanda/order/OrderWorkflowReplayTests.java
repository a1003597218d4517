package dev.comanda.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.codec.DataKey;
import dev.comanda.codec.DataKeys;
import dev.comanda.codec.PayloadEncryption;
import dev.comanda.codec.Payloads;
import dev.comanda.codec.StaticDataKeys;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every committed history under {@code histories/} (found, not listed: a new file is covered
 * automatically) against today's workflow code. A change that alters the commands of a running order
 * (non-determinism) fails here, in {@code ./mvnw verify}, not on a worker after a deploy.
 *
 * <ul>
 *   <li>{@code histories/<path>.json}: one per {@link WorkflowPath}, captured from a real Temporal dev
 *       server by {@link OrderHistoryCaptureTests} and {@link
 *       CancellationHistoryCaptureTests}. Regenerate them (only with a change guarded by
 *       {@code Workflow.getVersion}, never to make this test pass) with
 *       <pre>
 * ./mvnw -B -pl workflows verify -Dworkflows.excludedGroups=none -Dgroups=capture \
 *     -Dcomanda.histories.dir=$PWD/workflows/src/test/resources/histories
 *       </pre>
 *   <li>{@code histories/before-<change-id>/}: the captures of the paths a {@code getVersion} change
 *       altered, as they were before it ({@code before-notices-outbox/}, before {@link
 *       OrderContract#NOTICES_OUTBOX_CHANGE}); never regenerated, they prove orders started before that
 *       change still replay ({@link OrderWorkflowNoticesTests}, {@link OrderWorkflowVersioningTests}). A
 *       folder goes, with its branch, once no such order can still run.
 * </ul>
 */
class OrderWorkflowReplayTests {

    private static final String FOLDER = "histories";

    @ParameterizedTest(name = "{0}")
    @MethodSource("committedHistories")
    void committedHistoryReplaysDeterministically(String name) throws Exception {
        var history = history(name);
        try {
            Replays.replay(history);
        } catch (Exception e) {
            // Surefire names parameterized cases by index: the message says which order path broke.
            throw new AssertionError(
                    FOLDER + "/" + name + " no longer replays on today's OrderWorkflowImpl: " + e.getMessage(), e);
        }
    }

    @Test
    void everyWorkflowPathHasACommittedHistory() throws Exception {
        var expected = Arrays.stream(WorkflowPath.values())
                .map(path -> path.fileName() + ".json")
                .toList();
        assertThat(committedHistories()).containsAll(expected);
    }

    /**
     * The histories captured today are encrypted under the committed test key: the customer of the
     * capture is in no payload left in clear (the SDK's own marker fields and the search attributes
     * stay clear and carry none); {@code before-*} ones predate encryption.
     */
    @Test
    void noCurrentHistoryHoldsTheCustomerInClear() throws Exception {
        var customer = PlaceOrderBuilder.ANA;
        var current = committedHistories().stream()
                .filter(name -> !name.startsWith("before-"))
                .toList();
        assertThat(current).isNotEmpty();
        for (var name : current) {
            var clear = new StringBuilder();
            var encrypted = new int[1];
            Payloads.map(history(name).getHistory(), payload -> {
                if (PayloadEncryption.isEncrypted(payload)) {
                    encrypted[0]++;
                } else {
                    clear.append(payload.getData().toStringUtf8()).append('\n');
                }
                return payload;
            });
            assertThat(encrypted[0]).as(name + ": encrypted payloads").isPositive();
            assertThat(clear.toString())
                    .as(name + ": payloads in clear")
                    .doesNotContain(customer.name())
                    .doesNotContain(customer.email())
                    .doesNotContain(customer.phone());
        }
    }

    /** Rotation: a new key encrypts, the key the history was captured with still decrypts it. */
    @Test
    void aHistoryCapturedWithKeyAReplaysAfterRotationToKeyB() throws Exception {
        var keyA = StaticDataKeys.testKeys();
        var keyB = StaticDataKeys.ephemeral();
        var rotated = new DataKeys() {
            @Override
            public DataKey current(String scope) {
                return keyB.current(scope);
            }

            @Override
            public DataKey byId(String id) {
                return id.equals(StaticDataKeys.TEST_KEY_ID) ? keyA.byId(id) : keyB.byId(id);
            }
        };

        Replays.replay(history(WorkflowPath.values()[0].fileName() + ".json"), rotated);
    }

    /** Paths relative to {@code histories/}; fails rather than passing vacuously when the folder is empty. */
    static List<String> committedHistories() throws IOException, URISyntaxException {
        var root = folder();
        try (Stream<Path> files = Files.walk(root)) {
            var names = files.filter(file -> file.toString().endsWith(".json"))
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no histories under " + root);
            }
            return names;
        }
    }

    private static Path folder() throws URISyntaxException {
        var url = Objects.requireNonNull(
                OrderWorkflowReplayTests.class.getClassLoader().getResource(FOLDER),
                "no " + FOLDER + " on the classpath");
        return Path.of(url.toURI());
    }

    private static WorkflowExecutionHistory history(String name) throws IOException, URISyntaxException {
        return WorkflowExecutionHistory.fromJson(Files.readString(folder().resolve(name)));
    }
}
