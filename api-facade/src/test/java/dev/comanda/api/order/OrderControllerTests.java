package dev.comanda.api.order;

import static dev.comanda.api.auth.Problems.fieldError;
import static dev.comanda.api.auth.Problems.forbidden;
import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.Problems.unauthenticated;
import static dev.comanda.api.auth.SliceCallers.TENANT;
import static dev.comanda.api.auth.SliceCallers.json;
import static dev.comanda.api.auth.SliceCallers.request;
import static dev.comanda.api.order.OrderFixtures.ORDER;
import static dev.comanda.api.order.OrderFixtures.PATH;
import static dev.comanda.api.order.OrderFixtures.PIZZA;
import static dev.comanda.api.order.OrderFixtures.TAKEAWAY;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.auth.SliceCallers;
import dev.comanda.order.Actor;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.OrderWorkflow;
import dev.comanda.persistence.catalog.CatalogProduct;
import dev.comanda.persistence.catalog.CatalogService;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.order.PlacementReceipts;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Status codes, bad input and role checks of /api/v1/orders; the SDK's failures are in OrderWorkflowsSliceTests. */
@OrderSlice
class OrderControllerTests {

    private static final String KEY = "order-key-1";

    @Autowired
    MockMvc mvc;

    @Autowired
    SliceCallers callers;

    @Autowired
    WorkflowClient client;

    @Autowired
    CatalogService catalog;

    @Autowired
    PlacementReplay replay;

    @Autowired
    PlacementReceipts receipts;

    @Autowired
    OrderQueries queries;

    private final OrderWorkflow workflow = mock(OrderWorkflow.class);

    @BeforeEach
    void workflows() {
        when(client.newWorkflowStub(eq(OrderWorkflow.class), any(WorkflowOptions.class)))
                .thenReturn(workflow);
        when(client.newWorkflowStub(eq(OrderWorkflow.class), anyString())).thenReturn(workflow);
        when(catalog.findForOrder(TENANT, List.of("PIZZA"))).thenReturn(Map.of("PIZZA", PIZZA));
        when(replay.storeFirst(anyString(), anyString(), anyString(), any())).thenReturn(Optional.empty());
    }

    @Test
    void placingAnOrderAnswers201WithItsLocationAndThePendingOrder() throws Exception {
        var orderId = OrderContract.orderId(TENANT, KEY);

        mvc.perform(place(TAKEAWAY).header("Idempotency-Key", KEY).with(callers.as(Actor.CUSTOMER)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/orders/" + orderId))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.id").value(orderId))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.total.cents").value(4_500));
        verify(receipts).record(any());
        verify(workflow).place(any());
    }

    @Test
    void aKeyUsedForAnotherRequestAnswers422NamingTheKeyAndStartsNothing() throws Exception {
        when(replay.find(eq(TENANT), anyString()))
                .thenReturn(Optional.of(new PlacementReplay.Stored("0".repeat(64), "{}".getBytes())));

        mvc.perform(place(TAKEAWAY).header("Idempotency-Key", KEY).with(callers.as(Actor.CUSTOMER)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key"));
        verify(workflow, never()).place(any());
    }

    @Test
    void anIdempotencyKeyWithSpacesAnswers400NamingTheHeader() throws Exception {
        mvc.perform(place(TAKEAWAY).header("Idempotency-Key", "a key").with(callers.as(Actor.CUSTOMER)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "Idempotency-Key"));
    }

    @Test
    void anOrderWithoutItemsAnswers422NamingItems() throws Exception {
        mvc.perform(place(TAKEAWAY.replace("[{\"sku\":\"PIZZA\",\"quantity\":1}]", "[]"))
                        .with(callers.as(Actor.CUSTOMER)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "items"));
        verifyNoInteractions(receipts);
    }

    @Test
    void moreThanIsInStockAnswers422NamingTheItemsQuantity() throws Exception {
        mvc.perform(place(TAKEAWAY.replace("\"quantity\":1", "\"quantity\":11")).with(callers.as(Actor.CUSTOMER)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "items[0].quantity"))
                .andExpect(jsonPath("$.detail").value("items[0].quantity: only 10 of PIZZA available"));
        // Nothing written; the receipts are only asked whether the key's order was placed before.
        verify(receipts, never()).record(any());
    }

    @Test
    void aTwinRefusedOnTheStockItsOwnOrderTookAnswersWhatTheKeyKept() throws Exception {
        // Two requests with one key at once: the first placed the order, whose reservation took the last
        // pizza, and kept its answer (PENDING: the outcome had not come in its wait). The twin is refused
        // by pricing, finds the order placed under its key, and must answer the same, not the live state.
        var orderId = OrderContract.orderId(TENANT, KEY);
        lastPizzaTaken(orderId);
        var kept = ("{\"id\":\"" + orderId + "\",\"status\":\"PENDING\"}").getBytes();
        when(replay.storeFirst(eq(TENANT), eq(orderId), anyString(), any()))
                .thenAnswer(call -> Optional.of(new PlacementReplay.Stored(call.getArgument(2), kept)));
        when(replay.answer(any(), any(), any()))
                .thenAnswer(call -> call.<PlacementReplay.Stored>getArgument(0).body());

        mvc.perform(place(TAKEAWAY).header("Idempotency-Key", KEY).with(callers.as(Actor.CUSTOMER)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PENDING"));
        verify(workflow, never()).place(any());
    }

    @Test
    void aRetryRefusedOnTheStockItsOwnOrderTookKeepsTheLiveAnswerForTheNext() throws Exception {
        // No answer kept under the key (Redis lost it, or the twin is first to answer): the live state is
        // the answer, and it is kept, so the requests after this one answer it too.
        var orderId = OrderContract.orderId(TENANT, KEY);
        lastPizzaTaken(orderId);

        mvc.perform(place(TAKEAWAY).header("Idempotency-Key", KEY).with(callers.as(Actor.CUSTOMER)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("CONFIRMED"));
        verify(replay)
                .storeFirst(
                        eq(TENANT),
                        eq(orderId),
                        anyString(),
                        argThat(body -> new String(body).contains("\"status\":\"CONFIRMED\"")));
    }

    /** The key's order was placed, is CONFIRMED, and holds the last pizza, so pricing this request refuses it. */
    private void lastPizzaTaken(String orderId) {
        when(catalog.findForOrder(TENANT, List.of("PIZZA")))
                .thenReturn(Map.of("PIZZA", new CatalogProduct("PIZZA", "Pizza", OrderFixtures.PRICE, true, 0)));
        when(receipts.find(TENANT, orderId)).thenReturn(Optional.of(OrderFixtures.acknowledged(orderId)));
        when(workflow.state()).thenReturn(OrderFixtures.live(OrderStatus.CONFIRMED));
    }

    @Test
    void anUnknownProductAnswers422NamingTheItemsSku() throws Exception {
        when(catalog.findForOrder(TENANT, List.of("SUSHI"))).thenReturn(Map.of());

        mvc.perform(place(TAKEAWAY.replace("PIZZA", "SUSHI")).with(callers.as(Actor.CUSTOMER)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "items[0].sku"));
    }

    @Test
    void aDeliveryWithoutAddressAnswers422NamingTheAddress() throws Exception {
        mvc.perform(place(TAKEAWAY.replace("TAKEAWAY", "DELIVERY")).with(callers.as(Actor.CUSTOMER)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "fulfilment.address"));
    }

    @Test
    void aQuantitySentAsTextAnswers400NamingIt() throws Exception {
        mvc.perform(place(TAKEAWAY.replace("\"quantity\":1", "\"quantity\":\"1\""))
                        .with(callers.as(Actor.CUSTOMER)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "items[0].quantity"));
    }

    @Test
    void aBodyThatIsNotJsonAnswers415() throws Exception {
        mvc.perform(post("/api/v1/orders")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("pizza")
                        .with(callers.as(Actor.CUSTOMER)))
                .andExpect(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
    }

    @Test
    void aCancellationAnswers200WithTheCancelledOrder() throws Exception {
        when(workflow.cancel(any())).thenReturn(OrderFixtures.live(OrderStatus.CANCELLED));

        mvc.perform(json(post(PATH + "/cancel"), "{\"reason\":\"changed my mind\"}")
                        .with(callers.as(Actor.CUSTOMER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"));
    }

    @Test
    void aCancellationReasonTooLongAnswers422NamingReason() throws Exception {
        mvc.perform(json(post(PATH + "/cancel"), "{\"reason\":\"" + "x".repeat(201) + "\"}")
                        .with(callers.as(Actor.CUSTOMER)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "reason"));
        verify(workflow, never()).cancel(any());
    }

    @Test
    void aKitchenMoveAnswers200WithTheMovedOrder() throws Exception {
        when(workflow.transition(any())).thenReturn(OrderFixtures.live(OrderStatus.PREPARING));

        mvc.perform(json(post(PATH + "/transitions"), "{\"status\":\"PREPARING\"}")
                        .with(callers.as(Actor.KITCHEN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PREPARING"));
    }

    @Test
    void aMoveWithoutStatusAnswers422NamingStatus() throws Exception {
        mvc.perform(json(post(PATH + "/transitions"), "{}").with(callers.as(Actor.KITCHEN)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "status"));
    }

    @Test
    void aStatusGivenByNumberAnswers400NamingStatus() throws Exception {
        mvc.perform(json(post(PATH + "/transitions"), "{\"status\":3}").with(callers.as(Actor.KITCHEN)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "status"));
    }

    @Test
    void theHistoryAnswersTemporalsJson() throws Exception {
        when(client.fetchHistory(OrderContract.workflowId(TENANT, ORDER)))
                .thenReturn(new WorkflowExecutionHistory(History.newBuilder()
                        .addEvents(HistoryEvent.newBuilder()
                                .setEventId(1)
                                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
                                .setWorkflowExecutionStartedEventAttributes(
                                        WorkflowExecutionStartedEventAttributes.getDefaultInstance()))
                        .build()));

        mvc.perform(get(PATH + "/history").with(callers.as(Actor.OPS)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.events.length()").value(1));
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("endpointsByOtherRoles")
    void everyEndpointRefusesTheRolesItIsNotForWith403(String method, String path, Actor role) throws Exception {
        // A body each endpoint accepts: method security decides once the request is bound.
        var body = path.endsWith("/transitions") ? "{\"status\":\"ACCEPTED\"}" : TAKEAWAY;
        mvc.perform(json(request(method, path), body).with(callers.as(role))).andExpect(forbidden());
        verify(workflow, never()).place(any());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyEndpointRefusesACallerWithoutATokenWith401(String method, String path) throws Exception {
        mvc.perform(json(request(method, path), TAKEAWAY)).andExpect(unauthenticated());
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("POST", "/api/v1/orders"),
                Arguments.of("GET", "/api/v1/orders"),
                Arguments.of("GET", PATH),
                Arguments.of("POST", PATH + "/cancel"),
                Arguments.of("POST", PATH + "/transitions"),
                Arguments.of("GET", PATH + "/history"));
    }

    static Stream<Arguments> endpointsByOtherRoles() {
        return Stream.of(
                        refused("POST", "/api/v1/orders", Actor.CUSTOMER, Actor.KITCHEN, Actor.ADMIN, Actor.DEVICE),
                        refused("POST", PATH + "/cancel", Actor.CUSTOMER, Actor.KITCHEN, Actor.ADMIN, Actor.OPS),
                        refused("POST", PATH + "/transitions", Actor.KITCHEN, Actor.ADMIN, Actor.DEVICE),
                        refused("GET", PATH + "/history", Actor.OPS, Actor.ADMIN))
                .flatMap(s -> s);
    }

    private static Stream<Arguments> refused(String method, String path, Actor... allowed) {
        return SliceCallers.rolesOtherThan(allowed).stream().map(role -> Arguments.of(method, path, role));
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder place(String body) {
        return json(post("/api/v1/orders"), body);
    }
}
