package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated corpus of {@link BadInputCorpus}: every case is refused with a 4xx problem+json naming
 * the offending field, never a 5xx, and leaves no row behind and no charge at the provider.
 */
@EndToEnd
class BadInputCorpusTests {

    private static final String INACTIVE = "OLD-MENU";
    private static final String FOREIGN = "ALIEN-DISH";
    private static final AtomicInteger SENT = new AtomicInteger();

    private static E2eStack stack;
    private static TestTenant tenant;
    private static Rows rows;
    private long rowsBefore;
    private int chargesBefore;

    @BeforeAll
    static void onboard(E2eStack shared) {
        stack = shared;
        rows = new Rows(stack.jdbc());
        stack.newTenant("foreign").withProduct(FOREIGN, 1_000, 10);
        tenant = stack.newTenant("corpus").withProduct("PIZZA", 4_500, 20).withProduct(INACTIVE, 2_000, 20);
        var retired = stack.api()
                .raw()
                .send(
                        "PUT",
                        "/api/v1/products/" + INACTIVE,
                        Map.of("Authorization", "Bearer " + tenant.admin(), "Content-Type", "application/json"),
                        "{\"name\":\"Old menu\",\"priceCents\":2000,\"active\":false}");
        assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
    }

    static List<BadInputCorpus.Case> corpus() {
        return BadInputCorpus.all(INACTIVE, FOREIGN);
    }

    @BeforeEach
    void countRows() {
        rowsBefore = rows.rowsOf(tenant.id());
        chargesBefore = stack.sandbox().chargeCount();
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(rows.rowsOf(tenant.id())).as("rows of the tenant").isEqualTo(rowsBefore);
        assertThat(stack.sandbox().chargeCount()).as("charges at the provider").isEqualTo(chargesBefore);
    }

    @AfterAll
    static void stockIsUntouched() {
        assertThat(rows.stock(tenant.id(), "PIZZA")).isEqualTo(new Rows.Stock(20, 0, 0));
    }

    @Test
    void corpusHoldsAtLeastTwoHundredCases() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(200);
        assertThat(corpus().stream().map(BadInputCorpus.Case::name).distinct()).hasSameSizeAs(corpus());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInputIsAClientErrorNamingTheFieldAndWritesNothing(BadInputCorpus.Case bad) {
        var headers = new LinkedHashMap<String, String>(bad.headers());
        headers.put("Authorization", "Bearer " + token(bad));
        if (bad.body() != null) {
            headers.put("Content-Type", "application/json");
        }

        var response = stack.api().raw().send(bad.method(), bad.path(), headers, bad.body());

        assertThat(response.status()).as("%s: %s", bad, response).isIn(400, 413, 422);
        assertThat(response.contentType()).as("%s: %s", bad, response).startsWith("application/problem+json");
        assertThat(response.errorFields()).as("%s: %s", bad, response).contains(bad.field());
    }

    /** Spreads the corpus over three tokens, each far below the suite's per-token rate limit. */
    private static String token(BadInputCorpus.Case bad) {
        if (bad.method().equals("GET")) {
            return tenant.admin();
        }
        return SENT.incrementAndGet() % 2 == 0 ? tenant.customer() : tenant.kitchen();
    }
}
