package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.Customer;
import dev.comanda.order.OrderStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * Temporal UI, in a real headless Chromium, does not show an order's customer to a reader without an
 * OPS credential: the dev server's UI decodes payloads through the API's codec endpoint
 * ({@code --ui-codec-endpoint}), which refuses it, so the page shows the stored ciphertext.
 * {@code -Dcomanda.screenshot.dir=docs/images} keeps a screenshot for the docs. (The authorized half —
 * the UI passing an OPS credential to the codec — is not covered here; docs/personal-data.md says why.)
 */
@EndToEnd
class TemporalUiDecodingTests {

    private static final String SKU = "MOQUECA";

    private static E2eStack stack;
    private static TestTenant tenant;
    private static Customer customer;
    private static String workflowLink;
    private Browser browser;

    @BeforeAll
    static void placeAnOrder(E2eStack shared) {
        stack = shared;
        var orders = new Orders(stack.api());
        tenant = stack.newTenant("ui-codec").withProduct(SKU, 7_900, 10);
        customer = new Customer("Iracema Cifrada " + E2eStack.randomHex(), "iracema@example.com");
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item(SKU, 1).withCustomer(customer));
        var order = orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        workflowLink = order.path("links").path("workflow").asString();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
        browser.driver().manage().window().setSize(new Dimension(1400, 3000));
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void aReaderWithoutCredentialsSeesOnlyCiphertext() throws IOException {
        browser.open(workflowLink);

        // The codec endpoint answers 401; Temporal UI says so and shows the payload as stored: the
        // ciphertext (base64), never the customer.
        browser.await("the codec's refusal and the input as ciphertext", driver -> {
            var page = page(driver);
            return page.contains("Codec Server could not connect") && page.contains("Input\n\"");
        });
        var page = page(browser.driver());
        assertThat(page).doesNotContain(customer.name()).doesNotContain(customer.email());
        var input = page.substring(page.indexOf("Input\n\"") + 7);
        assertThat(input.substring(0, input.indexOf('"'))).matches("[A-Za-z0-9+/=]{200,}");
        var screenshots = System.getProperty("comanda.screenshot.dir");
        if (screenshots != null && browser.driver() instanceof TakesScreenshot camera) {
            Files.write(
                    Files.createDirectories(Path.of(screenshots)).resolve("temporal-ui-encrypted.png"),
                    camera.getScreenshotAs(OutputType.BYTES));
        }
    }

    private static String page(org.openqa.selenium.WebDriver driver) {
        return driver.findElement(By.tagName("body")).getText();
    }
}
