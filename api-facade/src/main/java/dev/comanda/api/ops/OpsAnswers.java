package dev.comanda.api.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.comanda.persistence.ops.OpsLedger.Action;
import dev.comanda.persistence.ops.OpsLedger.ActionKind;
import dev.comanda.persistence.ops.OpsLedger.Resolution;
import dev.comanda.persistence.ops.QueueEntry;
import dev.comanda.persistence.order.OrderView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The bodies the ops queue answers. */
final class OpsAnswers {

    private OpsAnswers() {}

    /** The orders that went wrong, oldest first, and how many are listed. */
    record Queue(List<QueueEntry> items, int count) {}

    /**
     * Why an order is in the queue: the order (null when only its problems are known), its problems, its
     * workflow's status ({@code MISSING} when Temporal has none), its rows of money, stock, marketplace
     * pushes and reconciliation findings, and every action ops took and the resolution.
     */
    record OrderDetail(
            OrderView order,
            List<QueueEntry> problems,
            String workflow,
            List<Map<String, Object>> payments,
            List<Map<String, Object>> reservations,
            List<Map<String, Object>> marketplaces,
            List<Map<String, Object>> findings,
            List<Action> actions,
            Resolution resolution) {

        static OrderDetail of(
                OrderView order,
                List<QueueEntry> problems,
                String workflow,
                Map<String, List<Map<String, Object>>> effects,
                List<Action> actions,
                Resolution resolution) {
            return new OrderDetail(
                    order,
                    problems,
                    workflow,
                    effects.get("payments"),
                    effects.get("reservations"),
                    effects.get("marketplaces"),
                    effects.get("findings"),
                    actions,
                    resolution);
        }
    }

    /**
     * What a resolve or retry did; a repeat under the same Idempotency-Key answers the same. {@code by} is
     * who acted as the audit names them ({@code staff 12}, {@code ops token 3}, {@code operator}),
     * {@code byName} their name (a person's, a key's; null for actions audited before names were kept).
     */
    record ActionAnswer(
            @JsonProperty("order_id") String orderId,
            ActionKind action,
            String outcome,
            String by,
            Instant at,
            String note,
            String byName) {

        static ActionAnswer of(Action action) {
            return new ActionAnswer(
                    action.orderId(),
                    action.action(),
                    action.outcome(),
                    action.actor(),
                    action.at(),
                    action.note(),
                    action.actorName());
        }
    }
}
