package dev.comanda.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The tests' one way to make a {@link PlaceOrder}: by name, from defaults that make a valid order — two
 * margheritas and a soda for Ana, to take away, paid by card — so a test states only what it is about. The
 * order ID is a fresh one of the contract's shape unless {@link #key(String)} or {@link #orderId(String)}
 * fixes it; the total is the lines' sum unless {@link #total(Money)} says otherwise. Shared with the other
 * modules' tests through this module's test jar.
 */
public final class PlaceOrderBuilder {

    public static final Customer ANA = new Customer("Ana Souza", "ana@example.com", "+55 11 99999-0000");
    public static final List<OrderLine> PIZZAS_AND_SODA = List.of(
            new OrderLine("PIZZA-MARG", "Margherita", 2, new Money(4500, "BRL")),
            new OrderLine("SODA", "Guaraná", 1, new Money(900, "BRL")));
    public static final String CARD_TOKEN = "tok_visa";

    private String tenantId;
    private String orderId;
    private Channel channel = Channel.WEB;
    private Customer customer = ANA;
    private List<OrderLine> lines = PIZZAS_AND_SODA;
    private Fulfilment fulfilment = Fulfilment.takeaway();
    private Payment payment = new Payment(PaymentMethod.CARD, CARD_TOKEN);
    private Money total;
    private List<String> marketplaces = List.of();
    private OrderPolicy policy = OrderPolicy.DEFAULT;
    private Instant placedAt;
    private OfflineOrigin offline;

    private PlaceOrderBuilder(String tenantId) {
        this.tenantId = tenantId;
    }

    /** An order of {@code tenantId} with the defaults. */
    public static PlaceOrderBuilder order(String tenantId) {
        return new PlaceOrderBuilder(tenantId);
    }

    /** A copy of {@code order} to change. */
    public static PlaceOrderBuilder from(PlaceOrder order) {
        var builder = new PlaceOrderBuilder(order.tenantId());
        builder.orderId = order.orderId();
        builder.channel = order.channel();
        builder.customer = order.customer();
        builder.lines = order.lines();
        builder.fulfilment = order.fulfilment();
        builder.payment = order.payment();
        builder.total = order.total();
        builder.marketplaces = order.marketplaces();
        builder.policy = order.policy();
        builder.placedAt = order.placedAt();
        builder.offline = order.offline();
        return builder;
    }

    /** The order ID the API derives from this idempotency key, so each run gives the same IDs. */
    public PlaceOrderBuilder key(String idempotencyKey) {
        this.orderId = OrderContract.orderId(tenantId, idempotencyKey);
        return this;
    }

    public PlaceOrderBuilder orderId(String orderId) {
        this.orderId = orderId;
        return this;
    }

    public PlaceOrderBuilder channel(Channel channel) {
        this.channel = channel;
        return this;
    }

    public PlaceOrderBuilder customer(Customer customer) {
        this.customer = customer;
        return this;
    }

    public PlaceOrderBuilder lines(OrderLine... lines) {
        this.lines = List.of(lines);
        return this;
    }

    public PlaceOrderBuilder fulfilment(Fulfilment fulfilment) {
        this.fulfilment = fulfilment;
        return this;
    }

    /** Paid with {@code method}: by card with {@link #CARD_TOKEN}, otherwise without a token. */
    public PlaceOrderBuilder payment(PaymentMethod method) {
        return payment(new Payment(method, method == PaymentMethod.CARD ? CARD_TOKEN : null));
    }

    public PlaceOrderBuilder payment(Payment payment) {
        this.payment = payment;
        return this;
    }

    public PlaceOrderBuilder total(Money total) {
        this.total = total;
        return this;
    }

    public PlaceOrderBuilder marketplaces(String... marketplaces) {
        this.marketplaces = List.of(marketplaces);
        return this;
    }

    public PlaceOrderBuilder policy(OrderPolicy policy) {
        this.policy = policy;
        return this;
    }

    public PlaceOrderBuilder placedAt(Instant placedAt) {
        this.placedAt = placedAt;
        return this;
    }

    public PlaceOrderBuilder offline(OfflineOrigin offline) {
        this.offline = offline;
        return this;
    }

    public PlaceOrder build() {
        return new PlaceOrder(
                tenantId,
                orderId != null
                        ? orderId
                        : OrderContract.orderId(tenantId, UUID.randomUUID().toString()),
                channel,
                customer,
                lines,
                fulfilment,
                payment,
                total != null ? total : sum(lines),
                marketplaces,
                policy,
                placedAt != null ? placedAt : Instant.now(),
                offline);
    }

    private static Money sum(List<OrderLine> lines) {
        return lines.stream()
                .map(OrderLine::lineTotal)
                .reduce(Money.zero(lines.getFirst().unitPrice().currency()), Money::plus);
    }
}
