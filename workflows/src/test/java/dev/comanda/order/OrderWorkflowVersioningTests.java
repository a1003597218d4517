package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static dev.comanda.order.OrderWorkflowFixture.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Changing the workflow while orders run (docs/architecture.md, "Changing the workflow"). The branches of
 * earlier {@code getVersion} changes are gone with the last order that could take them: an order of the
 * previous build recorded their markers, which today's code no longer asks for, and it still replays; a new
 * order records one marker at its start ({@link OrderContract#PLACEMENT_WITH_FIRST_STATUS_CHANGE}, {@link
 * OrderWorkflowPlacementTests}) and another only where a change on its path asks ({@link
 * OrderWorkflowNoticesTests}, with the change in force).
 */
class OrderWorkflowVersioningTests {

    /** The previous build's card order through the kitchen: every earlier change's marker, at version 1. */
    private static final String PREVIOUS_BUILD = "histories/before-notices-outbox/card-takeaway-completed.json";

    /** Change IDs the previous build asked for and today's code no longer does. */
    private static final String[] REMOVED_CHANGES = {
        "search-attributes", "charge-as-local-activity", "confirmed-notice-outbox"
    };

    private final OrderWorkflowFixture fx = new OrderWorkflowFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void anOrderOfThePreviousBuildReplaysWithTheMarkersOfBranchesSinceRemoved() throws Exception {
        var history = Replays.resource(PREVIOUS_BUILD);
        for (var change : REMOVED_CHANGES) {
            assertThat(Replays.versionMarkers(history, change)).as(change).isOne();
        }

        Replays.replay(history);
    }

    @Test
    void aNewOrderUpsertsEveryStatusChange() throws Exception {
        var workflow = fx.start(fx.cardDelivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        workflow.transition(new TransitionRequest(OrderStatus.ACCEPTED, Actor.KITCHEN));
        workflow.cancel(new CancelRequest(Actor.KITCHEN, "oven broke"));
        result(workflow);

        var history = fx.history(workflow);
        // CONFIRMED, ACCEPTED, CANCELLED: PENDING was set by the client at start, at no history cost.
        assertThat(OrderWorkflowFixture.count(history, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES))
                .isEqualTo(3);
        var attributes = WorkflowStub.fromTyped(workflow).describe().getTypedSearchAttributes();
        assertThat(attributes.get(OrderSearchAttributes.STATUS)).isEqualTo("CANCELLED");
        assertThat(attributes.get(OrderSearchAttributes.TENANT)).isEqualTo(OrderWorkflowFixture.TENANT);
        assertThat(attributes.get(OrderSearchAttributes.PAYMENT_METHOD)).isEqualTo("CARD");
        assertThat(attributes.get(OrderSearchAttributes.FULFILMENT)).isEqualTo("DELIVERY");
        Replays.replay(history);
    }
}
