package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fan-out figure of docs/benchmarks.md, not a test: 200 kitchen clients on two api-facade
 * instances follow one tenant while orders go through the kitchen, and each client measures every
 * live event from its publish (right after the workers' commit) to its arrival. Run by hand:
 *
 * <pre>
 * ./mvnw -B -pl local-stack -am verify -Dlocal-stack.excludedGroups=none -Dgroups=benchmark \
 *     -Dtest=FanOutBenchmarkTests -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EndToEnd
@Tag("benchmark")
class FanOutBenchmarkTests {

    private static final int CLIENTS = 200;
    private static final int DRIVERS = 4;
    private static final int ORDERS_PER_DRIVER = 10;
    private static final String SKU = "BENCH";
    private static final List<OrderStatus> MOVES =
            List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY);

    @Test
    void twoHundredClientsReceiveEveryEvent(E2eStack stack) throws Exception {
        var tenant = stack.newTenant("fanout-bench").withProduct(SKU, 1_000, 10_000);
        var orders = new Orders(stack.api());
        try (var second = ExtraApi.start(stack, Map.of())) {
            var clients = new ArrayList<EventStreamClient>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    var url = i % 2 == 0 ? stack.comanda().apiUrl() : second.url();
                    var client = EventStreamClient.withHeader(url, tenant.kitchen(), null);
                    client.catchUp();
                    clients.add(client);
                }
                var started = Instant.now();
                List<Callable<List<String>>> drivers = new ArrayList<>();
                for (int d = 0; d < DRIVERS; d++) {
                    drivers.add(() -> {
                        var placed = new ArrayList<String>();
                        for (int i = 0; i < ORDERS_PER_DRIVER; i++) {
                            var id = orders.placeNew(
                                    tenant.customer(), OrderRequest.takeaway().item(SKU, 1));
                            orders.awaitStatus(tenant.customer(), id, OrderStatus.CONFIRMED);
                            for (var move : MOVES) {
                                assertThat(orders.move(tenant.kitchen(), id, move)
                                                .status())
                                        .isEqualTo(200);
                            }
                            placed.add(id);
                        }
                        return placed;
                    });
                }
                List<String> lastOrders = new ArrayList<>();
                try (var pool = Executors.newFixedThreadPool(DRIVERS)) {
                    for (var done : pool.invokeAll(drivers)) {
                        lastOrders.add(done.get(10, TimeUnit.MINUTES).getLast());
                    }
                }
                var latencies = new ArrayList<Long>();
                long events = 0;
                for (var client : clients) {
                    var waitingFor = new HashSet<>(lastOrders);
                    var received =
                            client.until(m -> m.json().path("status").asString().equals("READY")
                                    && waitingFor.remove(
                                            m.json().path("orderId").asString())
                                    && waitingFor.isEmpty());
                    received.addAll(client.drained());
                    for (var message : received) {
                        var published = message.json().path("publishedAt").asString(null);
                        if (!message.type().equals("event")) {
                            continue;
                        }
                        events++;
                        if (published != null) {
                            latencies.add(message.arrivedMicros()
                                    - ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(published)));
                        }
                    }
                }
                var seconds = ChronoUnit.MILLIS.between(started, Instant.now()) / 1000.0;
                latencies.sort(null);
                System.out.printf(
                        "FAN-OUT: %d clients, %d orders, %d events delivered (%d live, measured) in %.1f s%n"
                                + "FAN-OUT: commit-to-receive p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        CLIENTS,
                        DRIVERS * ORDERS_PER_DRIVER,
                        events,
                        latencies.size(),
                        seconds,
                        percentile(latencies, 0.50),
                        percentile(latencies, 0.90),
                        percentile(latencies, 0.99),
                        latencies.getLast() / 1000.0);
                assertThat(latencies).isNotEmpty();
            } finally {
                clients.forEach(EventStreamClient::close);
            }
        }
    }

    private static double percentile(List<Long> sortedMicros, double p) {
        var index = (int) Math.ceil(p * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, index)) / 1000.0;
    }
}
