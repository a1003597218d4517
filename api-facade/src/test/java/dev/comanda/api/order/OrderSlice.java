package dev.comanda.api.order;

import dev.comanda.api.admission.Admission;
import dev.comanda.api.auth.ApiSliceTest;
import dev.comanda.api.codec.PayloadAccess;
import dev.comanda.api.identity.ActingParties;
import dev.comanda.api.temporal.TemporalCalls;
import dev.comanda.persistence.catalog.CatalogService;
import dev.comanda.persistence.identity.CustomerOrders;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.order.PlacementReceipts;
import dev.comanda.persistence.pos.PosDevices;
import dev.comanda.persistence.sync.MarketplaceEndpointRepository;
import io.temporal.client.WorkflowClient;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The order controller with the real placement and the real {@link OrderWorkflows} (so its translation
 * of the SDK's failures is what is tested), over a mocked {@link WorkflowClient}, read model, catalog and
 * Redis replay store; admission control is real (its slots are never all taken here). Temporal calls
 * are bounded at a fraction of a second, so a silent Temporal answers 503 quickly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ApiSliceTest(OrderController.class)
@Import({
    OrderWorkflows.class,
    TemporalCalls.class,
    OrderPlacement.class,
    OrderLinks.class,
    Admission.class,
    MarketplaceChannels.class,
    PayloadAccess.class,
    OrderAccess.class,
    ActingParties.class
})
@MockitoBean(
        types = {
            WorkflowClient.class,
            OrderQueries.class,
            PlacementReplay.class,
            CatalogService.class,
            MarketplaceEndpointRepository.class,
            PlacementReceipts.class,
            CustomerOrders.class,
            PosDevices.class
        })
@TestPropertySource(
        properties = {
            "comanda.api.query-timeout=" + OrderSlice.BOUND,
            "comanda.api.temporal-timeout=" + OrderSlice.BOUND,
            "comanda.api.update-timeout=" + OrderSlice.BOUND,
            // Update-with-start needs a real server (the end-to-end suite places orders with their outcome).
            "comanda.api.placement-wait=0s"
        })
@interface OrderSlice {

    String BOUND = "300ms";
}
