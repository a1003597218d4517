package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.Identity.NewStaffMember;
import dev.comanda.client.Identity.StaffRole;
import dev.comanda.client.ProductRequests.StockChange;
import dev.comanda.order.OrderStatus;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The kitchen board page in a real headless Chromium, against the whole stack; a cook signs in with e-mail and password. */
@EndToEnd
class KitchenBoardTests {

    private static final String SKU = "BURGER";
    private static final String COOKS_PASSWORD = "onions and garlic";

    private static E2eStack stack;
    private static Orders orders;
    private static Rows rows;
    private Browser browser;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
        rows = new Rows(stack.jdbc());
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void anOrderPlacedOverRestAppearsWithoutReloadAndAClickMovesIt() {
        var tenant = stack.newTenant("board").withProduct(SKU, 3_000, 50);
        signIn(stack.comanda().apiUrl(), tenant);

        var orderId = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item(SKU, 2));
        // The card appears with the event and fills in when the order's details arrive.
        browser.await(
                "the card with its lines and customer",
                driver -> driver.findElements(By.cssSelector(card("CONFIRMED", orderId))).stream()
                        .anyMatch(shown -> shown.getText().contains("2× Product " + SKU)
                                && shown.getText().contains("Ana")));

        browser.click(card("CONFIRMED", orderId) + " .advance");

        browser.await(card("ACCEPTED", orderId));
        // Who moved it, by name: the signed-in cook (the header names them too).
        browser.await(
                "the cook's name on the card",
                driver -> driver.findElements(By.cssSelector(card("ACCEPTED", orderId) + " .by")).stream()
                        .anyMatch(by -> by.getText().equals("Accepted by Cook")));
        assertThat(browser.find("#person").getText()).isEqualTo("Cook");
        awaitReadModel(orderId, OrderStatus.ACCEPTED);
        browser.click(card("ACCEPTED", orderId) + " .advance");
        browser.await(card("PREPARING", orderId));
        awaitReadModel(orderId, OrderStatus.PREPARING);
    }

    @Test
    void theBoardShowsItIsDisconnectedAndCatchesUpOnReconnect() {
        var tenant = stack.newTenant("board-reconnect").withProduct(SKU, 3_000, 50);
        var replica = ExtraApi.start(stack, Map.of());
        var port = replica.port();
        try {
            signIn(replica.url(), tenant);
            var orderId =
                    orders.placeNew(tenant.customer(), OrderRequest.takeaway().item(SKU, 1));
            browser.await(card("CONFIRMED", orderId));

            replica.close();
            browser.await("#connection[data-state='disconnected']");
            var moved = orders.move(tenant.kitchen(), orderId, OrderStatus.ACCEPTED);
            assertThat(moved.status()).as("move: %s", moved).isEqualTo(200);
            awaitReadModel(orderId, OrderStatus.ACCEPTED);
            replica = ExtraApi.start(stack, Map.of("server.port", String.valueOf(port)));

            browser.await(card("ACCEPTED", orderId));
            browser.await("#connection[data-state='live']");
            assertThat(browser.driver().findElements(By.cssSelector(card("CONFIRMED", orderId))))
                    .isEmpty();
        } finally {
            replica.close();
        }
    }

    @Test
    void aDishSoldOutByAnOrderIsShownSoldOutAndLeavesTheListWhenRestocked() {
        var tenant =
                stack.newTenant("board-sold-out").withProduct(SKU, 3_000, 1).withProduct("FRIES", 900, 0);
        signIn(stack.comanda().apiUrl(), tenant);
        // Sold out before the board opened: read from the menu at load.
        browser.await("#sold-out li[data-sku='FRIES']");
        assertThat(browser.driver().findElements(By.cssSelector("#sold-out li[data-sku='" + SKU + "']")))
                .isEmpty();

        var orderId = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item(SKU, 1));

        // Read inside the wait: the list is drawn again as events arrive, which may replace the element.
        browser.await(
                SKU + " shown sold out",
                driver -> driver.findElements(By.cssSelector("#sold-out li[data-sku='" + SKU + "']")).stream()
                        .anyMatch(item -> item.isDisplayed() && item.getText().equals("Product " + SKU)));
        browser.await(card("CONFIRMED", orderId));
        var restocked = stack.api()
                .withToken(tenant.admin())
                .products()
                .adjustStock("FRIES", StockChange.restock(5, "sacks-1"));
        assertThat(restocked.available()).as("restock: %s", restocked).isEqualTo(5);
        browser.await(
                "FRIES gone from the sold-out list",
                driver -> driver.findElements(By.cssSelector("#sold-out li[data-sku='FRIES']"))
                        .isEmpty());
        assertThat(browser.find("#sold-out").isDisplayed()).isTrue();
    }

    @Test
    void theBoardRefreshesItsAccessTokenSilentlyAndKeepsWorking() {
        var tenant = stack.newTenant("board-refresh").withProduct(SKU, 3_000, 50);
        // Access tokens of 6 s: the board refreshes about every 5 s, its stream handed each new token.
        var replica = ExtraApi.start(stack, Map.of("comanda.identity.access-token-ttl", "6s"));
        try {
            signIn(replica.url(), tenant);

            browser.await("body[data-refreshes='3']");
            var orderId =
                    orders.placeNew(tenant.customer(), OrderRequest.takeaway().item(SKU, 1));
            browser.click(card("CONFIRMED", orderId) + " .advance");

            browser.await(card("ACCEPTED", orderId));
            awaitReadModel(orderId, OrderStatus.ACCEPTED);
            assertThat(browser.find("#connection").getAttribute("data-state")).isEqualTo("live");
        } finally {
            replica.close();
        }
    }

    @Test
    void aWrongPasswordKeepsTheFormAndSaysSo() {
        var tenant = stack.newTenant("board-wrong").withProduct(SKU, 3_000, 50);
        var email = cook(tenant);
        browser.open(stack.comanda().apiUrl() + "/kitchen/");
        browser.await("#restaurant").sendKeys(tenant.id());
        browser.find("#email").sendKeys(email);
        browser.find("#password").sendKeys("not the password");
        browser.find("#login button[type='submit']").click();

        browser.await(
                "the refusal shown",
                driver -> driver.findElement(By.id("message")).getText().contains("e-mail or password is wrong"));
        assertThat(browser.find("#login").isDisplayed()).isTrue();
        assertThat(browser.find("#board").isDisplayed()).isFalse();
    }

    /** A cook's account in {@code tenant}, added by its admin; answers the e-mail. */
    private static String cook(TestTenant tenant) {
        var email = "cook-" + E2eStack.randomHex() + "@example.com";
        stack.api()
                .withToken(tenant.admin())
                .staff()
                .add(new NewStaffMember(email, "Cook", StaffRole.KITCHEN, COOKS_PASSWORD));
        return email;
    }

    private void signIn(String baseUrl, TestTenant tenant) {
        var email = cook(tenant);
        browser.open(baseUrl + "/kitchen/");
        browser.await("#restaurant").sendKeys(tenant.id());
        browser.find("#email").sendKeys(email);
        browser.find("#password").sendKeys(COOKS_PASSWORD);
        browser.find("#login button[type='submit']").click();
        browser.await("#connection[data-state='live']");
        // What the cook sees, not only what the DOM holds: the board and its columns, no sign-in form.
        assertThat(browser.find("#login").isDisplayed())
                .as("the sign-in form is gone")
                .isFalse();
        assertThat(browser.find("#board").isDisplayed()).as("the board shows").isTrue();
        assertThat(browser.driver().findElements(By.cssSelector("#board section")).stream()
                        .filter(org.openqa.selenium.WebElement::isDisplayed)
                        .count())
                .as("visible columns")
                .isEqualTo(4);
    }

    private static String card(String column, String orderId) {
        return "#col-" + column + " li[data-order-id='" + orderId + "']";
    }

    private static void awaitReadModel(String orderId, OrderStatus status) {
        var deadline = Instant.now().plus(Orders.DEADLINE);
        while (!rows.orderStatus(orderId).equals(status.name())) {
            assertThat(Instant.now())
                    .as("read model of %s reaching %s", orderId, status)
                    .isBefore(deadline);
            LockSupport.parkNanos(20_000_000);
        }
    }
}
