package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.Customer;
import dev.comanda.client.Identity.NewStaffMember;
import dev.comanda.client.Identity.StaffRole;
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
import org.openqa.selenium.WebDriver;

/**
 * Temporal UI, in a real headless Chromium, shows an order's customer to its restaurant's OPS staff and to
 * no one else. The dev server's UI decodes payloads through the API's codec endpoint
 * ({@code --ui-codec-endpoint}); the browser's own codec setting (its "Codec Server" dialog: this browser's
 * endpoint, "include cross-origin credentials") makes it send the codec session's cookie, which the
 * kitchen board sets when an OPS person signs in (docs/personal-data.md). Without that cookie, or with a
 * cook's board, or with another restaurant's OPS, the page shows the stored ciphertext.
 * {@code -Dcomanda.screenshot.dir=docs/images} keeps both views for the docs.
 */
@EndToEnd
class TemporalUiDecodingTests {

    private static final String SKU = "MOQUECA";
    private static final String PASSWORD = "moqueca de banana";
    /** Tall enough that the whole page is laid out and its text readable. */
    private static final Dimension WINDOW = new Dimension(1400, 3000);

    private static final Dimension SCREENSHOT = new Dimension(1400, 900);

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
        browser.driver().manage().window().setSize(WINDOW);
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
        assertCiphertext();
        screenshot("temporal-ui-encrypted.png");
    }

    @Test
    void theRestaurantsOpsSignedInOnTheBoardSeesTheCustomerUntilSigningOut() throws IOException {
        signInOnTheBoard(tenant, StaffRole.OPS);
        browser.await("#codec[data-state='on']");
        assertThat(browser.find("#codec").getText()).isEqualTo("Temporal UI decoding on");

        useTheCodecWithCredentials();

        browser.await("the customer decoded", driver -> page(driver).contains(customer.name()));
        var page = page(browser.driver());
        assertThat(page).contains(customer.email()).doesNotContain("Codec Server could not connect");
        browser.await("[data-testid='data-encoder-status-success']");
        screenshot("temporal-ui-decoded.png");

        // Signing out on the board closes the codec session: the UI is back to ciphertext.
        browser.open(stack.comanda().apiUrl() + "/kitchen/");
        browser.await("#codec[data-state='on']");
        browser.click("#sign-out");
        browser.await("#login:not([hidden])");
        browser.open(workflowLink);
        browser.await("the codec's refusal", driver -> page(driver).contains("Codec Server could not connect"));
        assertCiphertext();
    }

    @Test
    void aCookSignedInOnTheBoardSeesCiphertext() {
        signInOnTheBoard(tenant, StaffRole.KITCHEN);
        assertThat(browser.find("#codec").isDisplayed())
                .as("a cook is offered no decoding")
                .isFalse();

        useTheCodecWithCredentials();

        browser.await("the codec's refusal", driver -> page(driver).contains("Codec Server could not connect"));
        assertCiphertext();
    }

    @Test
    void anotherRestaurantsOpsSeesCiphertext() {
        var other = stack.newTenant("ui-codec-other");
        signInOnTheBoard(other, StaffRole.OPS);
        browser.await("#codec[data-state='on']");

        useTheCodecWithCredentials();

        // The codec answers (the cookie is good), but leaves another restaurant's payloads encrypted.
        browser.await("[data-testid='data-encoder-status-success']");
        browser.await("the input shown", driver -> page(driver).contains("Input\n"));
        assertCiphertext();
    }

    /** A person of {@code role} in {@code restaurant}, added by its admin, signed in on the kitchen board. */
    private void signInOnTheBoard(TestTenant restaurant, StaffRole role) {
        var email = role.name().toLowerCase() + "-" + E2eStack.randomHex() + "@example.com";
        stack.api()
                .withToken(restaurant.admin())
                .staff()
                .add(new NewStaffMember(email, "Person " + role, role, PASSWORD));
        browser.open(stack.comanda().apiUrl() + "/kitchen/");
        browser.await("#restaurant").sendKeys(restaurant.id());
        browser.find("#email").sendKeys(email);
        browser.find("#password").sendKeys(PASSWORD);
        browser.find("#login button[type='submit']").click();
        browser.await("#connection[data-state='live']");
    }

    /**
     * Opens the order in Temporal UI and, in its Codec Server dialog (the top bar's codec icon), sets this
     * browser's endpoint — the API's codec, as the dev server has it — with "include cross-origin
     * credentials", as docs/personal-data.md tells a person to; then reloads the order's page.
     */
    private void useTheCodecWithCredentials() {
        browser.open(workflowLink);
        browser.click("[data-testid^='data-encoder-status']");
        browser.click("[data-testid='use-local-endpoint-input']");
        var endpoint = browser.await("#data-encoder-endpoint-input");
        endpoint.clear();
        endpoint.sendKeys(stack.comanda().apiUrl() + "/codec");
        browser.click("label[data-testid='data-encoder-include-credentials']");
        browser.await("[data-testid='data-encoder-cross-origin-credentials']");
        browser.click("#data-encoder-settings [data-testid='confirm-modal-button']");
        browser.await(
                "the setting kept in this browser",
                driver -> "true"
                        .equals(((org.openqa.selenium.JavascriptExecutor) driver)
                                .executeScript("return localStorage.getItem('includeCredentials')")));
        browser.open(workflowLink);
    }

    /** The page shows the input as stored, a long base64 ciphertext, and nothing of the customer. */
    private void assertCiphertext() {
        var page = page(browser.driver());
        assertThat(page).doesNotContain(customer.name()).doesNotContain(customer.email());
        var input = page.substring(page.indexOf("Input\n\"") + 7);
        assertThat(input.substring(0, input.indexOf('"'))).matches("[A-Za-z0-9+/=]{200,}");
    }

    /** The page's top (the order's header and input) as a picture for the docs, when asked for one. */
    private void screenshot(String name) throws IOException {
        var screenshots = System.getProperty("comanda.screenshot.dir");
        if (screenshots != null && browser.driver() instanceof TakesScreenshot camera) {
            var window = browser.driver().manage().window();
            window.setSize(SCREENSHOT);
            try {
                Files.write(
                        Files.createDirectories(Path.of(screenshots)).resolve(name),
                        camera.getScreenshotAs(OutputType.BYTES));
            } finally {
                window.setSize(WINDOW);
            }
        }
    }

    private static String page(WebDriver driver) {
        return driver.findElement(By.tagName("body")).getText();
    }
}
