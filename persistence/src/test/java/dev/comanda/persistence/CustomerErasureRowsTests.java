package dev.comanda.persistence;

import static dev.comanda.testing.ReadModelOrders.entry;
import static dev.comanda.testing.ReadModelOrders.placed;
import static dev.comanda.testing.ReadModelOrders.progress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.ActingParty;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.TimelineEntry;
import dev.comanda.persistence.identity.CustomerAccounts;
import dev.comanda.persistence.identity.OneTimeCodes;
import dev.comanda.persistence.notification.NotificationRepository;
import dev.comanda.persistence.notification.NotificationRepository.AccountEmailKind;
import dev.comanda.persistence.notification.NotificationRepository.Target;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.order.OrderReadModelRepository;
import dev.comanda.persistence.order.PlacementReceipts;
import dev.comanda.persistence.payment.PaymentRepository;
import dev.comanda.persistence.payment.PaymentRepository.Kind;
import dev.comanda.persistence.payment.PaymentRepository.NewPayment;
import dev.comanda.persistence.payment.PaymentRepository.Status;
import dev.comanda.persistence.pos.PosDevices;
import dev.comanda.persistence.pos.PosSyncRecords;
import dev.comanda.persistence.pos.PosSyncRecords.Recorded;
import dev.comanda.testing.DataTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A customer's erasure (docs/personal-data.md), table by table through each table's one writer: the
 * customer's name, e-mail, phone and address leave every row of its orders — read model, timeline,
 * notifications, charge requests, placement receipts, POS upload records — and its account, codes and
 * account e-mails; the money, the lines and every other customer's rows stay. Asking twice changes nothing.
 */
class CustomerErasureRowsTests extends DataTestSupport {

    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");
    private static final String EMAIL = "ana@example.com";

    @Autowired
    OrderReadModelRepository readModel;

    @Autowired
    OrderQueries queries;

    @Autowired
    NotificationRepository notifications;

    @Autowired
    PaymentRepository payments;

    @Autowired
    PlacementReceipts receipts;

    @Autowired
    PosDevices devices;

    @Autowired
    PosSyncRecords posSyncRecords;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    OneTimeCodes codes;

    @Test
    void theCustomersDataLeavesEveryRowOfItsOrdersAndTheBooksStay() {
        var tenant = newTenant();
        var erased = cancelledBySignedInCustomer(tenant);
        var kept = cancelledBySignedInCustomer(tenant);
        var ids = List.of(erased.orderId());

        assertThat(queries.byCustomerEmail(tenant, "ANA@Example.com"))
                .extracting(OrderQueries.CustomerOrder::orderId)
                .contains(erased.orderId(), kept.orderId());
        assertThat(readModel.anonymizeCustomer(tenant, ids)).isOne();
        assertThat(notifications.anonymizeEmailRecipients(tenant, ids)).isOne();
        assertThat(payments.anonymizeReceiptEmails(tenant, ids)).isOne();
        receipts.anonymizeCustomers(tenant, ids);
        assertThat(posSyncRecords.eraseFingerprints(tenant, ids)).isOne();

        assertThat(row(
                        "SELECT CONCAT_WS('|', customer_name, customer_email, customer_phone, address_street)"
                                + " FROM orders WHERE order_id = ?",
                        erased.orderId()))
                .isEmpty();
        assertThat(row("SELECT CONCAT(status, ' ', total_cents) FROM orders WHERE order_id = ?", erased.orderId()))
                .isEqualTo("CANCELLED " + erased.total().cents());
        assertThat(row(
                        "SELECT CONCAT_WS('|', by_kind, by_id, by_name) FROM order_events WHERE order_id = ? AND seq = 1",
                        erased.orderId()))
                .isEqualTo("CUSTOMER|7");
        assertThat(row("SELECT recipient FROM notifications WHERE order_id = ?", erased.orderId()))
                .startsWith("erased:");
        assertThat(row("SELECT request_body FROM payments WHERE order_id = ?", erased.orderId()))
                .doesNotContain(EMAIL)
                .contains("\"amount\"");
        assertThat(receipts.find(tenant, erased.orderId()).orElseThrow()).satisfies(order -> {
            assertThat(order.customer().email()).isNull();
            assertThat(order.customer().name()).isNull();
            assertThat(order.fulfilment().address()).isNull();
            assertThat(order.total()).isEqualTo(erased.total());
            assertThat(order.lines()).isEqualTo(erased.lines());
        });
        assertThat(row("SELECT fingerprint FROM pos_sync_orders WHERE order_id = ?", erased.orderId()))
                .isEqualTo(PosSyncRecords.ERASED_FINGERPRINT);
        // The other order of the same e-mail was not named: it is untouched.
        assertThat(row("SELECT customer_email FROM orders WHERE order_id = ?", kept.orderId()))
                .isEqualTo(EMAIL);
        assertThat(row("SELECT by_name FROM order_events WHERE order_id = ? AND seq = 1", kept.orderId()))
                .isEqualTo(EMAIL);
        assertThat(row("SELECT request_body FROM payments WHERE order_id = ?", kept.orderId()))
                .contains(EMAIL);
        assertThat(receipts.find(tenant, kept.orderId())
                        .orElseThrow()
                        .customer()
                        .email())
                .isEqualTo(EMAIL);
        // Twice is once.
        assertThat(readModel.anonymizeCustomer(tenant, ids)).isZero();
        assertThat(notifications.anonymizeEmailRecipients(tenant, ids)).isZero();
        assertThat(payments.anonymizeReceiptEmails(tenant, ids)).isZero();
        assertThat(posSyncRecords.eraseFingerprints(tenant, ids)).isZero();
    }

    @Test
    void theSignedInCustomersAccountCodesAndAccountEmailsLoseTheAddress() {
        var tenant = newTenant();
        var other = newTenant();
        var account = accounts.signedIn(tenant, "Ana@Example.com");
        var elsewhere = accounts.signedIn(other, EMAIL);
        codes.issue(tenant, OneTimeCodes.Purpose.CUSTOMER_SIGN_IN, EMAIL, "{noop}123456", Duration.ofMinutes(10));
        codes.issue(other, OneTimeCodes.Purpose.CUSTOMER_SIGN_IN, EMAIL, "{noop}123456", Duration.ofMinutes(10));
        var pending = notifications.queueAccountEmail(
                tenant, AccountEmailKind.SIGN_IN_CODE, EMAIL, "Your code", "Code 123456", T0.plusSeconds(600));

        assertThat(accounts.anonymize(tenant, "ANA@example.com")).isOne();
        assertThat(codes.deleteFor(tenant, EMAIL)).isOne();
        assertThat(notifications.anonymizeAccountEmails(tenant, EMAIL)).isOne();

        assertThat(accounts.find(tenant, account.id()).orElseThrow().email()).isEqualTo("erased:" + account.id());
        assertThat(accounts.find(other, elsewhere.id()).orElseThrow().email()).isEqualTo(EMAIL);
        assertThat(count("SELECT COUNT(*) FROM one_time_codes WHERE email = ? AND tenant_id = ?", EMAIL, tenant))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM one_time_codes WHERE email = ? AND tenant_id = ?", EMAIL, other))
                .isOne();
        assertThat(row(
                        "SELECT CONCAT_WS('|', recipient, status, COALESCE(body, '-')) FROM notifications"
                                + " WHERE message_id = ?",
                        pending))
                .matches("erased:\\d+\\|EXPIRED\\|-");
        // A new sign-in with the address makes a new account.
        assertThat(accounts.signedIn(tenant, EMAIL).id()).isNotEqualTo(account.id());
        assertThat(accounts.anonymize(tenant, "nobody@example.com")).isZero();
    }

    /**
     * An order placed by a signed-in customer, charged, cancelled by the customer (the timeline names it by
     * its e-mail), e-mailed about and synced by a POS device: every kind of row an erasure touches.
     */
    private PlaceOrder cancelledBySignedInCustomer(String tenant) {
        var order = placed(tenant, T0, 2_000);
        receipts.record(order);
        readModel.insertPlaced(order, entry(0, OrderStatus.PENDING, T0));
        readModel.applyProgress(progress(
                order,
                OrderStatus.CANCELLED,
                List.of(new TimelineEntry(
                        1,
                        "cancelled",
                        OrderStatus.CANCELLED,
                        T0.plusSeconds(60),
                        "by CUSTOMER",
                        new ActingParty(ActingParty.Kind.CUSTOMER, "7", EMAIL)))));
        var target = new Target(tenant, order.orderId(), "CANCELLED", EMAIL, "EMAIL");
        notifications.claim(target, Duration.ofMinutes(1));
        notifications.markSent(target);
        var key = order.orderId() + ":charge";
        payments.insertRequested(new NewPayment(
                tenant,
                order.orderId(),
                Kind.CHARGE,
                key,
                null,
                "CARD",
                order.total().cents(),
                "BRL",
                "{\"amount\":" + order.total().cents() + ",\"receipt_email\":\"" + EMAIL + "\"}"));
        payments.recordOutcome(key, Status.SUCCEEDED, "ch_" + order.orderId(), null);
        var device = devices.register(tenant, "counter " + order.orderId());
        posSyncRecords.insert(
                tenant,
                device.device().id(),
                new Recorded("local-" + order.orderId(), order.orderId(), "a".repeat(64), "created", "{}"),
                T0);
        return order;
    }

    private String row(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(String.class).optional().orElse("");
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
