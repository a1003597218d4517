package dev.comanda.observability;

import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.Actor;
import dev.comanda.order.CancellationReason;
import dev.comanda.order.Channel;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.RejectionReason;
import dev.comanda.reconciliation.ReconciliationContract.FindingKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every business meter of Comanda, so names and tags live in one place. Label values are bounded:
 * enums, or free-form names (marketplace channels) passed through a {@link BoundedLabel}. No order,
 * tenant or token ID is ever a label — those go to the logs (see {@link LogContext}).
 *
 * <p>The counters and timers whose labels are enumerable are registered at zero when the facade is
 * built, so a rate or an alert has a series to work on before the first event happens.
 *
 * <p>Prometheus names: {@code comanda_orders_placed_total}, {@code comanda_orders_ended_total},
 * {@code comanda_orders_stage_latency_seconds}, {@code comanda_compensations_total},
 * {@code comanda_payment_provider_requests_seconds}, {@code comanda_reservations_expired_total},
 * {@code comanda_marketplace_sync_failures_total}, {@code comanda_marketplace_circuit_breakers},
 * {@code comanda_api_rate_limited_total}, {@code comanda_reconciliation_findings_total},
 * {@code comanda_reconciliation_repairs_total}, {@code comanda_reconciliation_last_run_timestamp_seconds},
 * {@code comanda_reconciliation_open_findings}, {@code comanda_orders_stuck},
 * {@code comanda_api_admission_shed_total}, {@code comanda_api_admission_in_flight},
 * {@code comanda_api_admission_expired_total}, {@code comanda_notifications_total}.
 */
public class ComandaMetrics {

    static final String ORDERS_PLACED = "comanda.orders.placed";
    static final String ORDERS_ENDED = "comanda.orders.ended";
    static final String STAGE_LATENCY = "comanda.orders.stage.latency";
    static final String COMPENSATIONS = "comanda.compensations";
    static final String PAYMENT_REQUESTS = "comanda.payment.provider.requests";
    static final String RESERVATIONS_EXPIRED = "comanda.reservations.expired";
    static final String SYNC_FAILURES = "comanda.marketplace.sync.failures";
    static final String CIRCUIT_BREAKERS = "comanda.marketplace.circuit.breakers";
    static final String RATE_LIMITED = "comanda.api.rate.limited";
    static final String RECONCILIATION_FINDINGS = "comanda.reconciliation.findings";
    static final String RECONCILIATION_REPAIRS = "comanda.reconciliation.repairs";
    static final String RECONCILIATION_LAST_RUN = "comanda.reconciliation.last.run.timestamp";
    static final String RECONCILIATION_OPEN = "comanda.reconciliation.open.findings";
    static final String ORDERS_STUCK = "comanda.orders.stuck";
    static final String ADMISSION_SHED = "comanda.api.admission.shed";
    static final String ADMISSION_IN_FLIGHT = "comanda.api.admission.in.flight";
    static final String ADMISSION_LIMIT = "comanda.api.admission.limit";
    static final String ADMISSION_EXPIRED = "comanda.api.admission.expired";
    static final String NOTIFICATIONS = "comanda.notifications";

    /** The label value of an absent reason (a COMPLETED order). */
    static final String NONE = "none";

    /** An undo the order saga ran that changed something. */
    public enum Compensation {
        STOCK_RELEASED,
        STOCK_RESTOCKED,
        PAYMENT_REFUNDED,
        PAYMENT_VOIDED
    }

    public enum PaymentOperation {
        CHARGE,
        REFUND
    }

    /** DECLINED is the customer's card, not the provider's fault; REJECTED (4xx) and UNAVAILABLE are errors. */
    public enum PaymentOutcome {
        SUCCESS,
        DECLINED,
        REJECTED,
        UNAVAILABLE
    }

    public enum SyncFailure {
        ERROR,
        CIRCUIT_OPEN,
        NOT_CONFIGURED
    }

    /** What a reconciliation repair came to. */
    public enum RepairOutcome {
        REPAIRED,
        NOTHING_TO_DO,
        FAILED
    }

    /** Findings that wait for someone: a person (left for ops) or the next run (failed). */
    public enum OpenFinding {
        LEFT_FOR_OPS,
        FAILED
    }

    /** Why admission control shed a placement. */
    public enum ShedReason {
        /** The instance had its limit of orders in flight to their first answer. */
        ORDERS_IN_FLIGHT,
        /** The order's restaurant had its share of this instance's orders in flight (answered 429). */
        TENANT_ORDERS_IN_FLIGHT,
        /** The order's restaurant placed faster than its rate share while others placed too (answered 429). */
        TENANT_ORDER_RATE
    }

    /** What became of one attempt to send a notification the outbox holds. */
    public enum NotificationOutcome {
        SENT,
        /** Not delivered this time: tried again on a backoff. */
        FAILED,
        /** Not delivered within its time to live: nobody will try again. */
        GAVE_UP
    }

    /** The steps an order can get stuck at. */
    public enum StuckStep {
        NOT_ACCEPTED,
        PREPARING,
        PIX_PENDING
    }

    /**
     * What the reconciliation gauges read: the latest finished run, as the database has it, so every
     * replica exports the same values and a stale replica never keeps an alert firing.
     */
    public interface ReconciliationView {
        /** Epoch seconds of the latest finished run; NaN before the first. */
        double lastRunEpochSeconds();

        double open(OpenFinding status);

        double stuck(StuckStep step);
    }

    /** The breaker states a gauge is kept for; the rarer ones (disabled, forced) count as none of these. */
    public enum CircuitState {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private static final Set<String> REASONS = Stream.concat(
                    Arrays.stream(RejectionReason.values()), Arrays.stream(CancellationReason.values()))
            .map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private final MeterRegistry registry;
    private final BoundedLabel channels;
    private final ObservabilityProperties.Buckets buckets;
    private final Set<String> watchedChannels = ConcurrentHashMap.newKeySet();

    public ComandaMetrics(MeterRegistry registry, ObservabilityProperties properties) {
        this.registry = registry;
        this.channels = new BoundedLabel(properties.maxMarketplaceLabels());
        this.buckets = properties.buckets();
        registerKnownSeries();
    }

    /** A new order was recorded (once per order: the read model's insert decides). */
    public void orderPlaced(Channel channel, PaymentMethod method) {
        placed(channel, method).increment();
    }

    /** An order reached a terminal status; {@code reason} is a rejection or cancellation reason name. */
    public void orderEnded(OrderStatus status, String reason) {
        ended(status, reason).increment();
    }

    /** An order reached {@code stage} this long after it was placed (workflow time on both ends). */
    public void orderReachedStage(OrderStatus stage, Duration sincePlacement) {
        stageTimer(stage).record(sincePlacement.isNegative() ? Duration.ZERO : sincePlacement);
    }

    public void compensated(Compensation kind) {
        compensations(kind).increment();
    }

    public void paymentRequest(PaymentOperation operation, PaymentOutcome outcome, Duration took) {
        paymentTimer(operation, outcome).record(took);
    }

    /** The outbox's relay sent a notification of {@code kind}, failed an attempt, or gave it up. */
    public void notificationRelayed(NotificationKind kind, NotificationOutcome outcome) {
        notifications(kind, outcome).increment();
    }

    public void reservationsExpired(int count) {
        expired().increment(count);
    }

    /** A push to a marketplace failed; {@code channel} is the tenant-configured marketplace name. */
    public void marketplaceSyncFailed(String channel, SyncFailure failure) {
        Counter.builder(SYNC_FAILURES)
                .description("Marketplace pushes that failed, by channel and kind (retried by Temporal)")
                .tag("channel", channels.of(channel))
                .tag("failure", label(failure))
                .register(registry)
                .increment();
    }

    /**
     * Keeps one gauge per state for the breakers of {@code channel}; {@code breakersIn} counts that
     * channel's breakers (one per tenant) in a state. Registering a channel again is a no-op.
     */
    public void watchCircuitBreakers(String channel, ToDoubleFunction<CircuitState> breakersIn) {
        var label = channels.of(channel);
        if (!watchedChannels.add(label)) {
            return;
        }
        for (var state : CircuitState.values()) {
            Gauge.builder(CIRCUIT_BREAKERS, () -> breakersIn.applyAsDouble(state))
                    .description("Marketplace circuit breakers (one per tenant endpoint) in each state")
                    .tag("channel", label)
                    .tag("state", label(state))
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** The marketplace label {@code channel} is exported under (itself, or "other" past the cap). */
    public String channelLabel(String channel) {
        return channels.of(channel);
    }

    /** The reconciliation found something no earlier run had found. */
    public void reconciliationFound(FindingKind kind) {
        findings(kind).increment();
    }

    public void reconciliationRepair(FindingKind kind, RepairOutcome outcome) {
        repairs(kind, outcome).increment();
    }

    /** Registers the reconciliation's gauges once, on {@code view}. */
    public void watchReconciliation(ReconciliationView view) {
        Gauge.builder(RECONCILIATION_LAST_RUN, view::lastRunEpochSeconds)
                .description("When the latest reconciliation run finished (epoch)")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        for (var status : OpenFinding.values()) {
            Gauge.builder(RECONCILIATION_OPEN, () -> view.open(status))
                    .description("Reconciliation findings waiting for a person (left_for_ops) or the next run (failed)")
                    .tag("status", label(status))
                    .strongReference(true)
                    .register(registry);
        }
        for (var step : StuckStep.values()) {
            Gauge.builder(ORDERS_STUCK, () -> view.stuck(step))
                    .description(
                            "Orders at one step longer than the configured time, as of the latest reconciliation run")
                    .tag("step", label(step))
                    .strongReference(true)
                    .register(registry);
        }
    }

    public void rateLimited(Actor role) {
        rateLimitedCounter(role).increment();
    }

    /** A placement answered 503 by admission control before anything of it was written. */
    public void placementShed(ShedReason reason) {
        shed(reason).increment();
    }

    /** Admission slots given back because their order's answer was never heard within the timeout. */
    public void admissionExpired(int slots) {
        admissionExpired().increment(slots);
    }

    /**
     * Registers the gauges of the orders in flight to their first answer on this API instance and of the
     * limit admission control holds them to now.
     */
    public void watchAdmission(IntSupplier inFlight, IntSupplier limit) {
        Gauge.builder(ADMISSION_IN_FLIGHT, inFlight::getAsInt)
                .description("Orders this API instance acknowledged and has not yet seen answered (admission control)")
                .strongReference(true)
                .register(registry);
        Gauge.builder(ADMISSION_LIMIT, limit::getAsInt)
                .description(
                        "Orders in flight this API instance shares among the restaurants placing now (admission control)")
                .strongReference(true)
                .register(registry);
    }

    private void registerKnownSeries() {
        for (var channel : Channel.values()) {
            for (var method : PaymentMethod.values()) {
                placed(channel, method);
            }
        }
        ended(OrderStatus.COMPLETED, null);
        for (var reason : RejectionReason.values()) {
            ended(OrderStatus.REJECTED, reason.name());
        }
        for (var reason : CancellationReason.values()) {
            ended(OrderStatus.CANCELLED, reason.name());
        }
        stageTimer(OrderStatus.CONFIRMED);
        stageTimer(OrderStatus.COMPLETED);
        for (var kind : Compensation.values()) {
            compensations(kind);
        }
        for (var operation : PaymentOperation.values()) {
            for (var outcome : PaymentOutcome.values()) {
                paymentTimer(operation, outcome);
            }
        }
        expired();
        for (var role : Actor.values()) {
            rateLimitedCounter(role);
        }
        for (var reason : ShedReason.values()) {
            shed(reason);
        }
        admissionExpired();
        for (var kind : NotificationKind.values()) {
            for (var outcome : NotificationOutcome.values()) {
                notifications(kind, outcome);
            }
        }
        for (var kind : FindingKind.values()) {
            findings(kind);
            for (var outcome : RepairOutcome.values()) {
                repairs(kind, outcome);
            }
        }
    }

    private Counter notifications(NotificationKind kind, NotificationOutcome outcome) {
        return Counter.builder(NOTIFICATIONS)
                .description("Sends of the notifications the outbox holds, by kind and outcome (failed is retried)")
                .tag("kind", label(kind))
                .tag("outcome", label(outcome))
                .register(registry);
    }

    private Counter findings(FindingKind kind) {
        return Counter.builder(RECONCILIATION_FINDINGS)
                .description("Things the reconciliation found left behind (each counted once), by kind")
                .tag("kind", label(kind))
                .register(registry);
    }

    private Counter repairs(FindingKind kind, RepairOutcome outcome) {
        return Counter.builder(RECONCILIATION_REPAIRS)
                .description("Reconciliation repairs, by kind and outcome")
                .tag("kind", label(kind))
                .tag("outcome", label(outcome))
                .register(registry);
    }

    private Counter placed(Channel channel, PaymentMethod method) {
        return Counter.builder(ORDERS_PLACED)
                .description("Orders placed, by channel and payment method")
                .tag("channel", label(channel))
                .tag("payment_method", label(method))
                .register(registry);
    }

    private Counter ended(OrderStatus status, String reason) {
        var known = reason == null ? NONE : REASONS.contains(reason) ? reason.toLowerCase(Locale.ROOT) : "other";
        return Counter.builder(ORDERS_ENDED)
                .description("Orders that reached a terminal status, by status and reason")
                .tag("status", label(status))
                .tag("reason", known)
                .register(registry);
    }

    private Timer stageTimer(OrderStatus stage) {
        return Timer.builder(STAGE_LATENCY)
                .description("Time from placement until an order reached a status")
                .tag("stage", label(stage))
                .serviceLevelObjectives(buckets.orderStages().toArray(Duration[]::new))
                .register(registry);
    }

    private Counter compensations(Compensation kind) {
        return Counter.builder(COMPENSATIONS)
                .description("Saga compensations that undid something, by kind")
                .tag("kind", label(kind))
                .register(registry);
    }

    private Timer paymentTimer(PaymentOperation operation, PaymentOutcome outcome) {
        return Timer.builder(PAYMENT_REQUESTS)
                .description("Calls to the payment provider, by operation and outcome")
                .tag("operation", label(operation))
                .tag("outcome", label(outcome))
                .serviceLevelObjectives(buckets.paymentProvider().toArray(Duration[]::new))
                .register(registry);
    }

    private Counter expired() {
        return Counter.builder(RESERVATIONS_EXPIRED)
                .description("Stock reservations released by the sweeper because their order stopped progressing")
                .register(registry);
    }

    private Counter rateLimitedCounter(Actor role) {
        return Counter.builder(RATE_LIMITED)
                .description("API requests refused with 429 by the per-token rate limit, by the token's role")
                .tag("role", label(role))
                .register(registry);
    }

    private Counter shed(ShedReason reason) {
        return Counter.builder(ADMISSION_SHED)
                .description(
                        "Placements shed by admission control (503, or 429 for one tenant over its share or rate), by reason")
                .tag("reason", label(reason))
                .register(registry);
    }

    private Counter admissionExpired() {
        return Counter.builder(ADMISSION_EXPIRED)
                .description("Admission slots given back after the timeout: their order's first answer was never heard")
                .register(registry);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
