package dev.comanda.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.codec.Payloads;
import dev.comanda.order.OrderSearchAttributes;
import dev.comanda.testing.TemporalDevServer;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.GrpcCompression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server floor against a real dev server: one short run of its four shapes (2 s each at 4 clients),
 * then what it wrote. Nothing here asserts a speed: on a loaded machine only presence and positivity hold.
 */
@Tag("devserver")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerFloorTests {

    private static final List<String> SHAPES = List.of("start", "one-task", "order-shaped", "order-before");

    @TempDir
    static Path out;

    private TemporalDevServer server;
    private WorkflowClient client;
    private JsonNode report;
    private String markdown;

    @BeforeAll
    void runTheFloorOnce() throws Exception {
        server = TemporalDevServer.start(OrderSearchAttributes.registrations());
        client = server.client();
        var options = ServerFloorOptions.parse(
                "--temporal",
                server.target(),
                "--namespace",
                TemporalDevServer.NAMESPACE,
                "--server-pid",
                Long.toString(server.pid()),
                "--duration",
                "2s",
                "--warmup",
                "2s",
                "--concurrency",
                "4",
                "--out",
                out.toString());
        new ServerFloor(options).run();
        report = JsonMapper.builder()
                .build()
                .readTree(out.resolve("server-floor.json").toFile());
        markdown = Files.readString(out.resolve("server-floor.md"));
    }

    @AfterAll
    void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyShapeCompletesItemsInItsMeasuredPart() {
        assertThat(shapes().keySet()).containsExactlyElementsOf(SHAPES);
        shapes().forEach((name, shape) -> {
            assertThat(shape.get("completed").asLong()).as(name).isPositive();
            assertThat(shape.get("per_s").asDouble()).as(name).isPositive();
            assertThat(shape.get("concurrency").asInt()).as(name).isEqualTo(4);
        });
    }

    @Test
    void theServersCpuPerItemIsMeasuredForEveryShape() {
        shapes().forEach((name, shape) -> {
            assertThat(shape.has("server_cpu_missing")).as(name).isFalse();
            assertThat(shape.get("server_cpu_ms_per_item").asDouble()).as(name).isPositive();
            assertThat(shape.get("server_cores_busy").asDouble()).as(name).isPositive();
        });
    }

    @Test
    void thisJvmsCpuIsGivenOnlyForTheShapesWhoseWorkflowsItRuns() {
        assertThat(shapes().get("start").has("this_jvm_cpu_ms_per_item")).isFalse();
        for (var name : List.of("one-task", "order-shaped", "order-before")) {
            assertThat(shapes().get(name).get("this_jvm_cpu_ms_per_item").asDouble())
                    .as(name)
                    .isPositive();
        }
    }

    @Test
    void everyShapeRecordsTheLoadAverageAroundIt() {
        shapes().forEach((name, shape) -> {
            assertThat(shape.get("load_average_before")).as(name).hasSize(3);
            assertThat(shape.get("load_average_after")).as(name).hasSize(3);
        });
    }

    @Test
    void theMarkdownHasOneRowPerShapeWithItsServerCpu() {
        for (var name : SHAPES) {
            var row = markdown.lines()
                    .filter(l -> l.startsWith("| " + name + " |"))
                    .toList();
            assertThat(row).as(name).hasSize(1);
            assertThat(row.getFirst())
                    .contains(shapes().get(name).get("server_cpu_ms_per_item").asString());
        }
    }

    @Test
    void anOrderShapedWorkflowHasTodaysOrdersHistoryAndWaitsOnItsTimer() {
        var history = firstHistory(FloorWorkflows.ORDER_SHAPED);
        var events = countByType(history);

        assertThat(events.get(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isEqualTo(1);
        assertThat(events).doesNotContainKey(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
        assertThat(events.get(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED))
                .isEqualTo(1);
        assertThat(events.get(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED))
                .isEqualTo(1);
        assertThat(events.get(EventType.EVENT_TYPE_MARKER_RECORDED)).isEqualTo(5); // five local activities
        assertThat(events.get(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES))
                .isEqualTo(1);
        assertThat(events.get(EventType.EVENT_TYPE_TIMER_STARTED)).isEqualTo(1);
        assertThat(events).doesNotContainKey(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
        assertThat(history).hasSize(13); // a card order's waiting for the kitchen (docs/architecture.md)
        // The order's bytes: its input, the placement's write and the CONFIRMED write with its notice.
        assertThat(payloadBytes(history)).isGreaterThan(FloorWorkflows.ORDER * 2 + FloorWorkflows.CONFIRMED_WRITE_IN);
    }

    @Test
    void anOrderBeforeWorkflowHasTheEarlierOrdersTasksAndWaitsOnItsTimer() {
        var history = firstHistory(FloorWorkflows.ORDER_BEFORE);
        var events = countByType(history);

        assertThat(events.get(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isEqualTo(3);
        assertThat(events.get(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).isEqualTo(2);
        assertThat(events.get(EventType.EVENT_TYPE_MARKER_RECORDED)).isEqualTo(5); // a version, four local activities
        assertThat(events.get(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES))
                .isEqualTo(1);
        assertThat(events.get(EventType.EVENT_TYPE_TIMER_STARTED)).isEqualTo(1);
        assertThat(events).doesNotContainKey(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
        assertThat(history).hasSize(23); // an order's, kitchen off, in the build issue 24 measured
    }

    /** The history of the first workflow of this type the run started: done long before the run ended. */
    private List<HistoryEvent> firstHistory(String workflowType) {
        var first = client.listExecutions("WorkflowType = '" + workflowType + "'")
                .map(execution -> execution.getExecution().getWorkflowId())
                .min(Comparator.comparingLong(id -> Long.parseLong(id.substring(id.lastIndexOf('-') + 1))))
                .orElseThrow();
        return client.fetchHistory(first).getEvents();
    }

    private static Map<EventType, Long> countByType(List<HistoryEvent> history) {
        return history.stream().collect(Collectors.groupingBy(HistoryEvent::getEventType, Collectors.counting()));
    }

    /** Every payload's data in the history, in bytes (encrypted, so a little more than their JSON). */
    private static long payloadBytes(List<HistoryEvent> history) {
        var total = new long[1];
        history.forEach(event -> Payloads.map(event, payload -> {
            total[0] += payload.getData().size();
            return payload;
        }));
        return total[0];
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> ServerFloorOptions.parse("--rate", "5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option --rate")
                .hasMessageContaining("--server-pid");
    }

    @Test
    void theClientTalksWithoutGzipAsTheAppsDoUnlessTold() {
        assertThat(ServerFloorOptions.parse().grpcCompression()).isEqualTo(GrpcCompression.NONE);
        assertThat(ServerFloorOptions.parse("--grpc-compression", "gzip").grpcCompression())
                .isEqualTo(GrpcCompression.GZIP);
        assertThatThrownBy(() -> ServerFloorOptions.parse("--grpc-compression", "zstd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--grpc-compression must be NONE or GZIP");
        assertThat(report.get("environment").get("grpc_compression").asString()).isEqualTo("NONE");
    }

    private Map<String, JsonNode> shapes() {
        return StreamSupport.stream(report.get("shapes").spliterator(), false)
                .collect(Collectors.toMap(
                        s -> s.get("shape").asString(), s -> s, (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
