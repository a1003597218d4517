package dev.comanda.order;

import dev.comanda.codec.DataKeys;
import dev.comanda.codec.PayloadEncryption;
import dev.comanda.codec.StaticDataKeys;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Replays a history on today's {@link OrderWorkflowImpl} through the payload codec, as the workers run it:
 * the committed histories are encrypted under the committed test key ({@link StaticDataKeys#testKeys()});
 * plain ones (the {@code before-*} fixtures, captured before encryption) pass through the codec as they are.
 */
final class Replays {

    private Replays() {}

    static void replay(WorkflowExecutionHistory history) throws Exception {
        replay(history, StaticDataKeys.testKeys());
    }

    static void replay(WorkflowExecutionHistory history, DataKeys keys) throws Exception {
        var environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(PayloadEncryption.dataConverter(keys))
                        .build())
                .build());
        try {
            WorkflowReplayer.replayWorkflowExecution(history, environment, OrderWorkflowImpl.class);
        } finally {
            environment.close();
        }
    }

    /** A committed history, by its path on the test classpath (e.g. {@code histories/before-…/x.json}). */
    static WorkflowExecutionHistory resource(String name) {
        try (var in = Objects.requireNonNull(Replays.class.getClassLoader().getResourceAsStream(name), name)) {
            return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many version markers of {@code changeId} the history holds. */
    static long versionMarkers(WorkflowExecutionHistory history, String changeId) {
        return history.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
                .filter(e -> namesTheChange(e, changeId))
                .count();
    }

    /** The local activities of {@code type} the history recorded: markers whose details name that type. */
    static long localActivities(WorkflowExecutionHistory history, String type) {
        var named = "\"" + type + "\"";
        return history.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
                .map(e -> e.getMarkerRecordedEventAttributes().getDetailsMap().get("type"))
                .filter(payloads -> payloads != null
                        && payloads.getPayloadsList().stream()
                                .anyMatch(payload -> payload.getData()
                                        .toString(StandardCharsets.UTF_8)
                                        .equals(named)))
                .count();
    }

    /** A version marker carries its change ID in the details (JSON payload) of the marker. */
    private static boolean namesTheChange(HistoryEvent event, String changeId) {
        return event.getMarkerRecordedEventAttributes().getDetailsMap().values().stream()
                .flatMap(payloads -> payloads.getPayloadsList().stream())
                .map(payload -> payload.getData().toString(StandardCharsets.UTF_8))
                .anyMatch(data -> data.contains(changeId));
    }
}
