package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.client.Exchange;
import dev.comanda.client.RawResponse;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The check every end-to-end exchange passes through, shown to catch what the live document does not say. */
@EndToEnd
class OpenApiContractTests {

    private static final String ORDER_PATH = "/api/v1/orders/0123456789abcdef0123456789abcdef";

    private static OpenApiContract contract;
    private static URI api;

    @BeforeAll
    static void connect(E2eStack stack) {
        api = URI.create(stack.comanda().apiUrl());
        contract = OpenApiContract.of(api);
    }

    @Test
    void anAnswerAsDocumentedPasses() {
        contract.exchanged(exchange("GET", ORDER_PATH, 404, "application/problem+json", """
                {"type":"https://comanda.dev/problems/not-found","title":"Not Found","status":404,"detail":"order not found"}"""));
    }

    @Test
    void aBodyThatDoesNotMatchItsSchemaFails() {
        assertThatThrownBy(() -> contract.exchanged(
                        exchange("GET", ORDER_PATH, 200, "application/json", "{\"id\":5,\"status\":\"EATEN\"}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not match its schema");
    }

    @Test
    void aStatusTheOperationDoesNotDeclareFails() {
        assertThatThrownBy(() -> contract.exchanged(exchange("GET", ORDER_PATH, 500, "application/problem+json", """
                        {"type":"https://comanda.dev/problems/internal","title":"Internal Server Error","status":500}""")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("status 500 is not one of");
    }

    @Test
    void anErrorThatIsNotProblemJsonFails() {
        assertThatThrownBy(() ->
                        contract.exchanged(exchange("GET", ORDER_PATH, 404, "text/html", "<html>Not Found</html>")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("media type 'text/html'");
    }

    @Test
    void aProblemWithoutItsStatusFails() {
        assertThatThrownBy(() -> contract.exchanged(
                        exchange("GET", ORDER_PATH, 404, "application/problem+json", "{\"detail\":\"gone\"}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not match its schema");
    }

    private static Exchange exchange(String method, String path, int status, String contentType, String body) {
        var headers = HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (name, value) -> true);
        return new Exchange(
                method,
                api.resolve(path),
                Map.of(),
                null,
                new RawResponse(status, headers, body.getBytes(StandardCharsets.UTF_8)));
    }
}
