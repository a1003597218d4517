package dev.comanda.api.order;

import static dev.comanda.api.auth.Problems.fieldError;
import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.SliceCallers.TENANT;
import static dev.comanda.api.order.OrderFixtures.ORDER;
import static dev.comanda.api.order.OrderFixtures.PATH;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.auth.SliceCallers;
import dev.comanda.order.Actor;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.OrderWorkflow;
import dev.comanda.persistence.order.OrderPage;
import dev.comanda.persistence.order.OrderQueries;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;

/** Reading one order (read model or live workflow) and paging the tenant's orders. */
@OrderSlice
class OrderReadSliceTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    SliceCallers callers;

    @Autowired
    WorkflowClient client;

    @Autowired
    OrderQueries queries;

    private final OrderWorkflow workflow = mock(OrderWorkflow.class);

    @BeforeEach
    void workflows() {
        when(client.newWorkflowStub(eq(OrderWorkflow.class), anyString())).thenReturn(workflow);
    }

    @Test
    void theListAnswersAPageOfTheTenantsOrders() throws Exception {
        when(queries.list(any())).thenReturn(new OrderPage(List.of(OrderFixtures.view(OrderStatus.READY)), 1, 1, 20));

        mvc.perform(get("/api/v1/orders?status=ready").with(callers.as(Actor.KITCHEN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(ORDER))
                .andExpect(jsonPath("$.items[0].status").value("READY"))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.per_page").value(20))
                .andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void anUnknownStatusFilterAnswers400NamingStatus() throws Exception {
        mvc.perform(get("/api/v1/orders?status=EATEN").with(callers.as(Actor.KITCHEN)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "status"));
    }

    @Test
    void aPageLargerThanAllowedAnswers400NamingPerPage() throws Exception {
        mvc.perform(get("/api/v1/orders?per_page=101").with(callers.as(Actor.KITCHEN)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "per_page"));
    }

    @Test
    void aPageThatIsNotANumberAnswers400NamingPage() throws Exception {
        mvc.perform(get("/api/v1/orders?page=first").with(callers.as(Actor.KITCHEN)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "page"));
    }

    @Test
    void somethingThatIsNotAnOrderIdAnswers404() throws Exception {
        mvc.perform(get("/api/v1/orders/not-an-order").with(callers.as(Actor.CUSTOMER)))
                .andExpect(problem(HttpStatus.NOT_FOUND))
                .andExpect(jsonPath("$.detail").value("order not found"));
    }

    @Test
    void anEndedOrderIsReadFromTheReadModelWithoutAskingItsWorkflow() throws Exception {
        when(queries.find(TENANT, ORDER)).thenReturn(Optional.of(OrderFixtures.view(OrderStatus.COMPLETED)));

        mvc.perform(get(PATH).with(callers.as(Actor.CUSTOMER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETED"));
        verify(workflow, never()).state();
    }

    @Test
    void aRunningOrderIsReadFromItsWorkflow() throws Exception {
        when(queries.find(TENANT, ORDER)).thenReturn(Optional.of(OrderFixtures.view(OrderStatus.CONFIRMED)));
        when(workflow.state()).thenReturn(OrderFixtures.live(OrderStatus.PREPARING));

        mvc.perform(get(PATH).with(callers.as(Actor.CUSTOMER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PREPARING"));
    }
}
