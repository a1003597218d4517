package dev.comanda.bench;

import dev.comanda.activities.inventory.InventoryActivitiesImpl;
import dev.comanda.activities.order.OrderReadModelActivitiesImpl;
import dev.comanda.inventory.InventoryActivities.Item;
import dev.comanda.inventory.InventoryActivities.ReserveStock;
import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.Actor;
import dev.comanda.order.Channel;
import dev.comanda.order.Customer;
import dev.comanda.order.Fulfilment;
import dev.comanda.order.Money;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderLine;
import dev.comanda.order.OrderPolicy;
import dev.comanda.order.OrderReadModelActivities.OrderProgress;
import dev.comanda.order.OrderState;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.Payment;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.PaymentState;
import dev.comanda.order.PaymentStatus;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.TimelineEntry;
import dev.comanda.persistence.notification.NotificationOutbox;
import dev.comanda.persistence.notification.NotificationRepository;
import dev.comanda.persistence.notification.NotificationRepository.Target;
import dev.comanda.persistence.payment.PaymentRepository;
import dev.comanda.persistence.payment.PaymentRepository.Kind;
import dev.comanda.persistence.payment.PaymentRepository.NewPayment;
import dev.comanda.persistence.payment.PaymentRepository.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The floor: an order's effects written by the production write paths themselves, with no API, no
 * Temporal and no payment provider or mail server. It calls what {@code OrderWorkflowImpl} calls, in the
 * same order and with the same arguments (keys, timeline entries, progress batches): the read-model and
 * inventory activity implementations, and for the charge and the notifications the repository calls
 * their activities make around the outbound call. So the floor writes the same rows, numbered in the
 * same per-tenant event sequence, and cannot drift from the activities. Its rate is what the database
 * and that code allow on this machine; the run's rate divided by it is the price of orchestration.
 */
final class JdbcFloor {

    private static final String EMAIL = "floor@example.com";
    private static final long UNIT_CENTS = 1000;
    private static final String CURRENCY = "BRL";
    /** How long a claimed notification is held; only a sender that died in between would notice it. */
    private static final Duration CLAIM_LEASE = Duration.ofSeconds(40);

    private static final List<OrderStatus> KITCHEN_MOVES =
            List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PICKED_UP);

    /** The floor's outcome: orders written, how long it took, and orders per second. */
    record Result(int orders, double seconds, double ordersPerSecond) {}

    private final String url;
    private final String user;
    private final String password;
    private final String tenant;
    private final List<String> skus;
    private final boolean kitchen;
    private final Map<String, Object> settings;

    /** A floor whose context takes its other settings (Redis, topic prefix) from the environment, as the apps do. */
    JdbcFloor(String url, String user, String password, String tenant, List<String> skus, boolean kitchen) {
        this(url, user, password, tenant, skus, kitchen, Map.of());
    }

    /** {@code settings} for the context (e.g. {@code comanda.redis.url}), under what the environment sets. */
    JdbcFloor(
            String url,
            String user,
            String password,
            String tenant,
            List<String> skus,
            boolean kitchen,
            Map<String, Object> settings) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.tenant = tenant;
        this.skus = List.copyOf(skus);
        this.kitchen = kitchen;
        this.settings = Map.copyOf(settings);
    }

    /** Writes {@code orders} orders on {@code threads} threads; IllegalStateException when the floor could not run. */
    Result run(int orders, int threads) throws InterruptedException {
        ConfigurableApplicationContext started;
        try {
            started = FloorContext.start(url, user, password, threads, settings);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the floor's write side did not start: " + e.getMessage(), e);
        }
        try (var context = started) {
            var writer = new Writer(
                    context.getBean(OrderReadModelActivitiesImpl.class),
                    context.getBean(InventoryActivitiesImpl.class),
                    context.getBean(PaymentRepository.class),
                    context.getBean(NotificationRepository.class),
                    context.getBean(NotificationOutbox.class));
            var next = new AtomicInteger();
            var failure = new AtomicReference<String>();
            var startedAt = System.nanoTime();
            var workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = Thread.ofPlatform().name("floor-" + t).start(() -> {
                    try {
                        while (failure.get() == null && next.getAndIncrement() < orders) {
                            writer.order();
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, String.valueOf(e.getMessage()));
                    }
                });
            }
            for (var worker : workers) {
                worker.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a floor order failed: " + failure.get());
            }
            var seconds = (System.nanoTime() - startedAt) / 1e9;
            return new Result(orders, seconds, Math.round(orders / seconds * 10) / 10.0);
        }
    }

    /** One card takeaway order, call by call as the workflow makes them; every call is its own transaction. */
    private final class Writer {

        private final OrderReadModelActivitiesImpl readModel;
        private final InventoryActivitiesImpl inventory;
        private final PaymentRepository payments;
        private final NotificationRepository notifications;
        private final NotificationOutbox outbox;

        Writer(
                OrderReadModelActivitiesImpl readModel,
                InventoryActivitiesImpl inventory,
                PaymentRepository payments,
                NotificationRepository notifications,
                NotificationOutbox outbox) {
            this.readModel = readModel;
            this.inventory = inventory;
            this.payments = payments;
            this.notifications = notifications;
            this.outbox = outbox;
        }

        void order() {
            var order = newOrder();
            var timeline = new Timeline();
            // Written with CONFIRMED, in one transaction, as the workflow writes an order that waits for nothing.
            timeline.append(
                    "PLACED",
                    OrderStatus.PENDING,
                    order.channel() + ", " + order.lines().size() + " line(s), total "
                            + order.total().cents());

            var reservation = inventory.reserve(new ReserveStock(
                    tenant,
                    order.orderId(),
                    OrderContract.effectKey(order.orderId(), "reservation"),
                    order.lines().stream()
                            .map(line -> new Item(line.sku(), line.quantity()))
                            .toList(),
                    order.policy().reservationTtl()));
            timeline.append("STOCK_RESERVED", OrderStatus.PENDING, "until " + reservation.expiresAt());

            var payment = charge(order);
            timeline.append("PAYMENT_CHARGED", OrderStatus.PENDING, payment.providerChargeId());

            inventory.commit(tenant, reservation.reservationKey());
            timeline.append("STOCK_COMMITTED", OrderStatus.PENDING, null);
            timeline.append(OrderStatus.CONFIRMED.name(), OrderStatus.CONFIRMED, null);
            // The CONFIRMED notice is queued in the outbox with this write, then sent by the relay.
            var notice = notice(order, timeline, payment);
            readModel.recordPlacedWithProgress(order, timeline.progress(order, OrderStatus.CONFIRMED, payment, notice));
            relay(order);

            if (kitchen) {
                for (var move : KITCHEN_MOVES) {
                    timeline.append(move.name(), move, "by " + Actor.KITCHEN);
                    readModel.recordProgress(timeline.progress(order, move, payment));
                    if (move == OrderStatus.READY) {
                        notify(order, "READY");
                    }
                }
                timeline.append(OrderStatus.COMPLETED.name(), OrderStatus.COMPLETED, null);
                readModel.recordProgress(timeline.progress(order, OrderStatus.COMPLETED, payment));
            }
        }

        private PlaceOrder newOrder() {
            var random = ThreadLocalRandom.current();
            var bytes = new byte[16];
            random.nextBytes(bytes);
            var lineCount = random.nextInt(1, 4);
            var lines = new ArrayList<OrderLine>(lineCount);
            for (int i = 0; i < lineCount; i++) {
                lines.add(new OrderLine(sku(i), "Floor item", 1, new Money(UNIT_CENTS, CURRENCY)));
            }
            return new PlaceOrder(
                    tenant,
                    HexFormat.of().formatHex(bytes),
                    Channel.WEB,
                    new Customer("Floor Customer", EMAIL, null),
                    List.copyOf(lines),
                    Fulfilment.takeaway(),
                    new Payment(PaymentMethod.CARD, "tok_visa"),
                    new Money(UNIT_CENTS * lineCount, CURRENCY),
                    List.of(),
                    OrderPolicy.DEFAULT,
                    Instant.now());
        }

        /** The charge activity's writes: REQUESTED before the provider call, its outcome after (here, approved). */
        private PaymentState charge(PlaceOrder order) {
            var key = OrderContract.effectKey(order.orderId(), "charge");
            var providerId = "ch_floor_" + order.orderId();
            payments.insertRequested(new NewPayment(
                    tenant,
                    order.orderId(),
                    Kind.CHARGE,
                    key,
                    null,
                    PaymentMethod.CARD.name(),
                    order.total().cents(),
                    CURRENCY,
                    "{}"));
            payments.recordOutcome(key, Status.SUCCEEDED, providerId, null);
            return new PaymentState(
                    PaymentMethod.CARD, PaymentStatus.SUCCEEDED, providerId, null, order.total(), Money.zero(CURRENCY));
        }

        private static Notification notice(PlaceOrder order, Timeline timeline, PaymentState payment) {
            var state = OrderState.of(
                    order, OrderStatus.CONFIRMED, null, null, payment, null, List.of(), timeline.entries());
            return new Notification(
                    OrderContract.effectKey(order.orderId(), "notify-confirmed"), NotificationKind.CONFIRMED, state);
        }

        /** The outbox relay's writes: the row claimed, the customer's e-mail sent, the row marked SENT. */
        private void relay(PlaceOrder order) {
            var key = new NotificationOutbox.Key(tenant, order.orderId(), NotificationKind.CONFIRMED.name());
            if (outbox.claim(key, CLAIM_LEASE).isEmpty()) {
                throw new IllegalStateException("outbox row of " + order.orderId() + " not claimable");
            }
            notify(order, NotificationKind.CONFIRMED.name());
            outbox.markSent(key);
        }

        /** The notification activity's writes for the customer's e-mail: claimed, then sent. */
        private void notify(PlaceOrder order, String kind) {
            var target = new Target(tenant, order.orderId(), kind, EMAIL, "EMAIL");
            if (!notifications.claim(target, CLAIM_LEASE)) {
                throw new IllegalStateException("notification " + kind + " of " + order.orderId() + " claimed twice");
            }
            notifications.markSent(target);
        }
    }

    private String sku(int line) {
        return skus.get(line % skus.size());
    }

    /** The order's timeline as the workflow's ledger keeps it: numbered from 0, recorded in batches. */
    private static final class Timeline {

        private final List<TimelineEntry> entries = new ArrayList<>();
        private int recorded;

        TimelineEntry append(String step, OrderStatus status, String detail) {
            var entry = new TimelineEntry(entries.size(), step, status, Instant.now(), detail);
            entries.add(entry);
            return entry;
        }

        void recorded() {
            recorded = entries.size();
        }

        OrderProgress progress(PlaceOrder order, OrderStatus status, PaymentState payment) {
            return progress(order, status, payment, null);
        }

        OrderProgress progress(PlaceOrder order, OrderStatus status, PaymentState payment, Notification notice) {
            var batch = List.copyOf(entries.subList(recorded, entries.size()));
            recorded();
            return new OrderProgress(
                    order.tenantId(), order.orderId(), status, null, payment, List.of(), batch, notice);
        }

        List<TimelineEntry> entries() {
            return List.copyOf(entries);
        }
    }
}
