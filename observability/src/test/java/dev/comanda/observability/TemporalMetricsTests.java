package dev.comanda.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Temporal starter, actuator and the Prometheus registry, wired as the apps wire them, against the
 * SDK's in-memory service over real gRPC: after one workflow with one activity, the SDK's client and
 * worker series are on {@code /actuator/prometheus}, through the scope this jar auto-configures, which
 * drops the per-RPC timers nobody reads. (On Spring Boot 4 the starter's metrics scope was once silently
 * a no-op; this is the guard against that coming back.)
 */
class TemporalMetricsTests {

    /** The starter's scope reports to Micrometer every 10 s; the series appear after its first report. */
    private static final Duration REPORT_DEADLINE = Duration.ofSeconds(45);

    private static TestServicesStarter services;
    private static Server server;

    @BeforeAll
    static void startTemporal() throws IOException {
        services = new TestServicesStarter(true, 0);
        var builder = NettyServerBuilder.forAddress(
                new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        server = builder.build().start();
    }

    @AfterAll
    static void stopTemporal() {
        server.shutdownNow();
        services.close();
    }

    @Test
    void sdkClientAndWorkerSeriesReachThePrometheusEndpoint() throws Exception {
        try (var app = new SpringApplicationBuilder(App.class)
                .properties(
                        "server.port=0",
                        "spring.temporal.connection.target=127.0.0.1:" + server.getPort(),
                        "management.endpoints.web.exposure.include=prometheus",
                        "management.metrics.tags.application=metrics-test")
                .run()) {
            runOneWorkflow(app);

            var scrape = scrapeUntilPresent(
                    app,
                    List.of(
                            "temporal_request_total{",
                            "temporal_workflow_completed_total{",
                            "temporal_activity_schedule_to_start_latency_seconds_bucket{",
                            "temporal_workflow_task_schedule_to_start_latency_seconds_bucket{",
                            "temporal_worker_task_slots_available{",
                            "temporal_sticky_cache_size{"));

            assertThat(scrape)
                    .as("series carry the app's common tags and the SDK's own")
                    .containsPattern("temporal_workflow_completed_total\\{[^}]*application=\"metrics-test\"")
                    .containsPattern(
                            "temporal_workflow_completed_total\\{[^}]*task_queue=\"" + Greeting.TASK_QUEUE + "\"")
                    .containsPattern("temporal_activity_schedule_to_start_latency_seconds_bucket\\{[^}]*le=\"0\\.005\"")
                    .as("the per-RPC timer is dropped by the auto-configured scope; its counter stays")
                    .doesNotContain("temporal_request_latency")
                    .contains("temporal_request_total{");
        }
    }

    @Test
    void theServiceStubsTalkWithoutGzipUnlessTold() {
        try (var app = app("comanda.temporal.grpc-compression=NONE")) {
            assertThat(app.getBean(WorkflowServiceStubs.class).getOptions().getGrpcCompression())
                    .isEqualTo(GrpcCompression.NONE);
        }
        try (var app = app("comanda.temporal.grpc-compression=GZIP")) {
            assertThat(app.getBean(WorkflowServiceStubs.class).getOptions().getGrpcCompression())
                    .isEqualTo(GrpcCompression.GZIP);
        }
    }

    private static ConfigurableApplicationContext app(String property) {
        return new SpringApplicationBuilder(App.class)
                .properties(
                        "server.port=0", "spring.temporal.connection.target=127.0.0.1:" + server.getPort(), property)
                .run();
    }

    private static void runOneWorkflow(ConfigurableApplicationContext app) {
        var client = app.getBean(WorkflowClient.class);
        // Built from the client, as the workers app builds its factory: worker metrics follow the stubs' scope.
        var factory = WorkerFactory.newInstance(client);
        var worker = factory.newWorker(Greeting.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(Greeting.GreetingWorkflowImpl.class);
        worker.registerActivitiesImplementations(new Greeting.RecordingActivities());
        factory.start();
        try {
            var workflow = client.newWorkflowStub(
                    Greeting.GreetingWorkflow.class,
                    WorkflowOptions.newBuilder()
                            .setTaskQueue(Greeting.TASK_QUEUE)
                            .setWorkflowId("metrics-test")
                            .build());
            assertThat(workflow.greet("metrics")).isEqualTo("hello metrics");
        } finally {
            // The scope keeps what the worker reported; the endpoint still shows it after shutdown.
            factory.shutdownNow();
        }
    }

    private static String scrapeUntilPresent(ConfigurableApplicationContext app, List<String> series)
            throws IOException, InterruptedException {
        var port = ((WebServerApplicationContext) app).getWebServer().getPort();
        var http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .build();
        var deadline = Instant.now().plus(REPORT_DEADLINE);
        List<String> missing;
        do {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            var body = response.body();
            missing = series.stream().filter(s -> !body.contains(s)).toList();
            if (missing.isEmpty()) {
                return body;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("missing on /actuator/prometheus after " + REPORT_DEADLINE + ": " + missing);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}
}
