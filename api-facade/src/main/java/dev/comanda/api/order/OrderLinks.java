package dev.comanda.api.order;

import dev.comanda.api.ApiProperties;
import dev.comanda.order.Actor;
import dev.comanda.order.Fulfilment;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderStatus;
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

    /**
     * The order's links: {@code cancel} only while someone (the restaurant, at the latest) may still cancel it,
     * {@code transitions} only while the kitchen has a next status to move it to. An ended order links to
     * itself and its history only.
     */
    Map<String, String> of(String tenantId, String orderId, OrderStatus status, Fulfilment fulfilment) {
        var self = "/api/v1/orders/" + orderId;
        var links = new LinkedHashMap<String, String>();
        links.put("self", self);
        if (status.cancellableBy(Actor.KITCHEN)) {
            links.put("cancel", self + "/cancel");
        }
        if (fulfilment != null && !status.kitchenMovesFrom(fulfilment.type()).isEmpty()) {
            links.put("transitions", self + "/transitions");
        }
        links.put("history", self + "/history");
        if (workflowPagePrefix != null) {
            links.put("workflow", workflowPagePrefix + OrderContract.workflowId(tenantId, orderId));
        }
        return links;
    }
}
