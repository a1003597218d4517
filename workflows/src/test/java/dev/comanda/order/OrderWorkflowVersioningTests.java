package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static dev.comanda.order.OrderWorkflowFixture.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worked example of changing the workflow while orders run: version 1 of
 * {@link OrderContract#SEARCH_ATTRIBUTES_CHANGE} upserts the status search attribute on every status
 * change. Orders recorded before it replay on the old path (no upsert); new orders take the new one.
 */
class OrderWorkflowVersioningTests {

    private static final String HISTORY_FROM_BEFORE_THE_CHANGE =
            "histories/before-search-attributes/card-happy-path.json";

    private final OrderWorkflowFixture fx = new OrderWorkflowFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void historyFromBeforeTheChangeReplaysOnTheOldPath() throws Exception {
        var history = Replays.resource(HISTORY_FROM_BEFORE_THE_CHANGE);
        assertThat(versionMarkers(history)).isZero();
        assertThat(count(history, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES))
                .isZero();

        Replays.replay(history);
    }

    @Test
    void newOrderRecordsTheVersionAndUpsertsEveryStatusChange() throws Exception {
        var workflow = fx.start(fx.cardDelivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        workflow.transition(new TransitionRequest(OrderStatus.ACCEPTED, Actor.KITCHEN));
        workflow.cancel(new CancelRequest(Actor.KITCHEN, "oven broke"));
        result(workflow);

        var history = fx.history(workflow);
        assertThat(versionMarkers(history)).isEqualTo(1);
        // CONFIRMED, ACCEPTED, CANCELLED: PENDING was set by the client at start, at no history cost.
        assertThat(count(history, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES))
                .isEqualTo(3);
        var attributes = WorkflowStub.fromTyped(workflow).describe().getTypedSearchAttributes();
        assertThat(attributes.get(OrderSearchAttributes.STATUS)).isEqualTo("CANCELLED");
        assertThat(attributes.get(OrderSearchAttributes.TENANT)).isEqualTo(OrderWorkflowFixture.TENANT);
        assertThat(attributes.get(OrderSearchAttributes.PAYMENT_METHOD)).isEqualTo("CARD");
        assertThat(attributes.get(OrderSearchAttributes.FULFILMENT)).isEqualTo("DELIVERY");
        // And the new history replays on today's code.
        Replays.replay(history);
    }

    private static long versionMarkers(WorkflowExecutionHistory history) {
        return Replays.versionMarkers(history, OrderContract.SEARCH_ATTRIBUTES_CHANGE);
    }

    private static long count(WorkflowExecutionHistory history, EventType type) {
        return OrderWorkflowFixture.count(history, type);
    }
}
