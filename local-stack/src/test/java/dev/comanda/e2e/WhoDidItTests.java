package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.Identity.NewStaffMember;
import dev.comanda.client.Identity.StaffRole;
import dev.comanda.client.Order;
import dev.comanda.client.ProblemException;
import dev.comanda.order.OrderStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * People, not roles, on the real stack: a cook invited by e-mail (the code goes through the workers'
 * relay to a real SMTP server) chooses a password and signs in, and the order's timeline and event
 * stream name them on every move they make; an API key's moves and cancellations carry the key's name;
 * a forgotten password is reset with an e-mailed code. A customer of the order never sees who of the
 * restaurant did what.
 */
@EndToEnd
class WhoDidItTests {

    private static final String SKU = "PIZZA";
    private static final String PASSWORD = "a long kitchen passphrase";

    private static E2eStack stack;
    private static ComandaClient api;
    private static Orders orders;
    private static TestTenant tenant;

    @BeforeAll
    static void restaurant(E2eStack shared) {
        stack = shared;
        api = stack.api();
        orders = new Orders(api);
        tenant = stack.newTenant("who").withProduct(SKU, 4_500, 50);
    }

    @Test
    void anInvitedCookSignsInWithTheEmailedCodeAndTheirMovesCarryTheirName() {
        var email = "carla-" + E2eStack.randomHex() + "@example.com";
        var cook = invite(email, "Carla Cook");
        var order = confirmedOrder();

        try (var stream = EventStreamClient.withHeader(stack.comanda().apiUrl(), tenant.kitchen(), null)) {
            stream.catchUp();
            api.withToken(cook).orders().transition(order, dev.comanda.client.OrderStatus.ACCEPTED);

            var accepted = stream.eventsUntil(order, "ACCEPTED").getLast().json();
            assertThat(accepted.path("by").path("kind").asString()).isEqualTo("STAFF");
            assertThat(accepted.path("by").path("name").asString()).isEqualTo("Carla Cook");
        }
        var entry = entry(api.withToken(tenant.admin()).orders().get(order), "ACCEPTED");
        assertThat(entry.by().kind()).isEqualTo("STAFF");
        assertThat(entry.by().name()).isEqualTo("Carla Cook");
        var staffId = api.withToken(tenant.admin()).staff().list().stream()
                .filter(member -> member.email().equals(email))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(entry.by().id()).isEqualTo(Long.toString(staffId));
    }

    @Test
    void aKeysMovesAndCancellationsCarryTheKeysName() {
        var order = confirmedOrder();

        api.withToken(tenant.kitchen()).orders().transition(order, dev.comanda.client.OrderStatus.ACCEPTED);
        api.withToken(tenant.ops()).orders().cancel(order, "the oven broke");

        var read = api.withToken(tenant.admin()).orders().get(order);
        assertThat(entry(read, "ACCEPTED").by().kind()).isEqualTo("API_KEY");
        assertThat(entry(read, "ACCEPTED").by().name()).isEqualTo("kitchen token");
        assertThat(entry(read, "CANCELLED").by().name()).isEqualTo("ops token");
        assertThat(entry(read, "PLACED").by())
                .as("the workflow's own steps name nobody")
                .isNull();
    }

    @Test
    void aGuestReadingItsOrderSeesNoneOfTheRestaurantsNames() {
        var storefront =
                api.withToken(tenant.admin()).apiKeys().issuePublishable("shop").token();
        var placed = api.withToken(storefront)
                .orders()
                .place(OrderRequest.takeaway().item(SKU, 1), "guest-" + E2eStack.randomHex());
        orders.awaitStatus(tenant.admin(), placed.id(), OrderStatus.CONFIRMED);
        api.withToken(tenant.kitchen()).orders().transition(placed.id(), dev.comanda.client.OrderStatus.ACCEPTED);

        JsonNode asGuest = orders.get(placed.trackingToken(), placed.id());
        JsonNode asStaff = orders.get(tenant.admin(), placed.id());

        assertThat(asStaff.toString()).contains("kitchen token");
        assertThat(asGuest.toString()).doesNotContain("kitchen token");
    }

    @Test
    void aForgottenPasswordIsResetWithTheEmailedCodeAndTheOldSessionsEnd() {
        var email = "dora-" + E2eStack.randomHex() + "@example.com";
        var before = invite(email, "Dora Ops");
        var sent = stack.mailbox().count(email);

        api.signIn().requestPasswordReset(tenant.id(), email);
        var code = stack.mailbox().awaitStaffCode(email, sent);
        api.signIn().resetPassword(tenant.id(), email, code, "a brand new passphrase");

        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                ProblemException.class, () -> api.withToken(before).products().list());
        assertThat(refused.status()).isEqualTo(401);
        var after = api.signIn().login(tenant.id(), email, "a brand new passphrase");
        assertThat(api.withToken(after.accessToken()).products().list()).isNotEmpty();
    }

    /** Invites a person as the tenant's admin, reads the code from their mailbox, and answers their access token. */
    private static String invite(String email, String name) {
        var sent = stack.mailbox().count(email);
        var member = api.withToken(tenant.admin()).staff().add(NewStaffMember.invited(email, name, StaffRole.KITCHEN));
        assertThat(member.passwordSet()).isFalse();
        var code = stack.mailbox().awaitStaffCode(email, sent);
        var tokens = api.signIn().acceptInvitation(tenant.id(), email, code, PASSWORD);
        return tokens.accessToken();
    }

    private static String confirmedOrder() {
        var order = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item(SKU, 1));
        orders.awaitStatus(tenant.admin(), order, OrderStatus.CONFIRMED);
        return order;
    }

    private static Order.TimelineEntry entry(Order order, String step) {
        return order.timeline().stream()
                .filter(entry -> entry.step().equals(step))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + step + " in " + order.timeline()));
    }
}
