package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * Ops read an order's workflow in Temporal UI: the order links to its workflow page on the dev server's
 * Web UI, and that page, in a real headless Chromium, shows the history — the charge activity and the
 * kitchen's updates. {@code -Dcomanda.screenshot.dir=docs/images} keeps a screenshot for the docs.
 */
@EndToEnd
class TemporalUiTests {

    private static final String SKU = "LASAGNA";

    private static E2eStack stack;
    private static Orders orders;
    private Browser browser;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
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
    void aCompletedOrdersLinkOpensItsHistoryInTemporalUi() throws IOException {
        var tenant = stack.newTenant("ui").withProduct(SKU, 5_500, 10);
        var orderId = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item(SKU, 1));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        for (var step :
                List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PICKED_UP)) {
            assertThat(orders.move(tenant.kitchen(), orderId, step).status()).isEqualTo(200);
        }
        var order = orders.awaitStatus(tenant.customer(), orderId, OrderStatus.COMPLETED);
        var link = order.path("links").path("workflow").asString();
        assertThat(link)
                .startsWith(stack.comanda().stack().temporalUiUrl())
                .endsWith("/workflows/order-" + tenant.id() + "-" + orderId);

        // Tall enough that the event history renders below the workflow's summary, input and result.
        browser.driver().manage().window().setSize(new Dimension(1400, 4000));
        browser.open(link);

        browser.await("the charge activity and the kitchen updates in the history", driver -> {
            var page = driver.findElement(By.tagName("body")).getText();
            return page.contains("COMPLETED")
                    && page.contains("InventoryReserve")
                    && page.contains("PaymentCharge")
                    && page.split("\ntransition\n", -1).length - 1 >= 3;
        });
        var screenshots = System.getProperty("comanda.screenshot.dir");
        if (screenshots != null) {
            var png = browser.driver() instanceof org.openqa.selenium.TakesScreenshot camera
                    ? camera.getScreenshotAs(OutputType.BYTES)
                    : new byte[0];
            Files.write(Files.createDirectories(Path.of(screenshots)).resolve("temporal-ui-order.png"), png);
        }
    }
}
