package dev.comanda.api.order;

import dev.comanda.api.ApiProperties;
import dev.comanda.order.OrderContract;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The links of an order: what a client follows next, and — when {@code COMANDA_TEMPORAL_UI_URL} is set —
 * {@code workflow}, the order's page in Temporal UI, where ops read its history.
 */
@Component
class OrderLinks {

    private final String workflowPagePrefix;

    OrderLinks(ApiProperties properties) {
        var ui = properties.temporalUiUrl();
        this.workflowPagePrefix = ui == null || ui.isBlank()
                ? null
                : ui.replaceAll("/+$", "") + "/namespaces/"
                        + URLEncoder.encode(properties.temporalNamespace(), StandardCharsets.UTF_8) + "/workflows/";
    }

    Map<String, String> of(String tenantId, String orderId) {
        var self = "/api/v1/orders/" + orderId;
        var links = new LinkedHashMap<String, String>();
        links.put("self", self);
        links.put("cancel", self + "/cancel");
        links.put("transitions", self + "/transitions");
        links.put("history", self + "/history");
        if (workflowPagePrefix != null) {
            links.put("workflow", workflowPagePrefix + OrderContract.workflowId(tenantId, orderId));
        }
        return links;
    }
}
