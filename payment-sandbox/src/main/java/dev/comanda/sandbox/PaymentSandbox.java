package dev.comanda.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Stripe-like payment provider over HTTP: card charges, PIX charges confirmed later by a signed
 * webhook, refunds and voids, idempotency keys, and simulated faults. Run it on its own with
 * {@link #main} or embed it: {@code start(config)} returns the bound port, {@code close()} stops it.
 */
public final class PaymentSandbox implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PaymentSandbox.class.getName());
    /** The newest requests kept for {@link #receivedRequests()}; older ones are dropped. */
    private static final int REQUEST_LOG_SIZE = 10_000;

    private final AtomicReference<SandboxConfig> config = new AtomicReference<>();
    private final ConcurrentLinkedDeque<ReceivedRequest> received = new ConcurrentLinkedDeque<>();
    private HttpServer server;
    private ExecutorService requests;
    private ScheduledExecutorService background;
    private LedgerJournal journal;
    private Ledger ledger;
    private WebhookSender webhooks;

    public static void main(String[] args) throws IOException {
        var sandbox = new PaymentSandbox();
        var port = sandbox.start(SandboxConfig.fromEnv(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        LOG.info("payment sandbox listening on port " + port);
    }

    /**
     * Binds and starts serving; returns the port (the free one picked when the config says 0). With a data
     * file the books are first rebuilt from it, pending PIX charges get their automatic confirmation
     * scheduled again and webhooks still owed are sent again.
     */
    public synchronized int start(SandboxConfig initial) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        config.set(initial);
        var json = new ObjectMapper();
        var clock = Clock.systemUTC();
        journal = openJournal(initial.dataFile(), json);
        // Virtual threads: simulated latency and timeouts sleep without tying up a pool.
        requests = Executors.newVirtualThreadPerTaskExecutor();
        background = Executors.newScheduledThreadPool(1, Thread.ofVirtual().factory());
        webhooks = new WebhookSender(json, clock, config::get, background, requests);
        ledger = new Ledger(json, clock, journal, () -> config.get().pixConfirmDelayMillis(), this::confirmLater);
        try {
            server = HttpServer.create(new InetSocketAddress(initial.host(), initial.port()), 0);
        } catch (IOException e) {
            closeJournal();
            throw new UncheckedIOException("cannot bind " + initial.host() + ':' + initial.port(), e);
        }
        server.createContext("/", new SandboxApi(json, config, ledger, this::announcePaid, this::remember));
        server.setExecutor(requests);
        server.start();
        ledger.resume().forEach(this::announcePaid);
        return server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://" + config.get().host() + ':' + port();
    }

    public SandboxConfig config() {
        return config.get();
    }

    /** Changes the simulation while running, as {@code POST /v1/sandbox/config} does. */
    public void reconfigure(SandboxConfig changed) {
        config.set(changed);
    }

    /** The API calls received so far, oldest first (the last {@value #REQUEST_LOG_SIZE}). */
    public List<ReceivedRequest> receivedRequests() {
        return new ArrayList<>(received);
    }

    /** How many charges the provider has made (declined ones included): what a double charge would show. */
    public int chargeCount() {
        return ledger.chargeCount();
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        background.shutdownNow();
        requests.shutdownNow();
        try {
            requests.awaitTermination(5, TimeUnit.SECONDS);
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeJournal();
        server = null;
    }

    private static LedgerJournal openJournal(Path dataFile, ObjectMapper json) {
        if (dataFile == null) {
            return null;
        }
        try {
            return LedgerJournal.open(dataFile, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the sandbox's data file " + dataFile, e);
        }
    }

    private void closeJournal() {
        if (journal == null) {
            return;
        }
        try {
            journal.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the sandbox's data file failed", e);
        }
        journal = null;
    }

    private void remember(ReceivedRequest request) {
        received.addLast(request);
        while (received.size() > REQUEST_LOG_SIZE) {
            received.pollFirst();
        }
    }

    /** Pays a pending PIX charge after {@code delayMillis}; the ledger knows which charges and when. */
    private void confirmLater(String chargeId, long delayMillis) {
        background.schedule(
                () -> {
                    try {
                        ledger.confirm(chargeId).ifPresent(this::announcePaid);
                    } catch (SandboxError e) {
                        // Voided before it was paid (400): nothing to confirm. Anything else is worth a line.
                        if (e.status != 400) {
                            LOG.log(Level.WARNING, "automatic confirmation of " + chargeId + " failed", e);
                        }
                    }
                },
                delayMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Sends the charge.succeeded webhook of a charge just paid; the ledger records when it has gone out. */
    private void announcePaid(ObjectNode charge) {
        var id = charge.get("id").asText();
        webhooks.send("charge.succeeded", charge, () -> ledger.announced(id));
    }
}
