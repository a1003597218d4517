package dev.comanda.api.sync;

import static dev.comanda.api.auth.Problems.fieldError;
import static dev.comanda.api.auth.Problems.forbidden;
import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.Problems.unauthenticated;
import static dev.comanda.api.auth.SliceCallers.TENANT;
import static dev.comanda.api.auth.SliceCallers.json;
import static dev.comanda.api.auth.SliceCallers.request;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.auth.ApiSliceTest;
import dev.comanda.api.auth.SliceCallers;
import dev.comanda.api.order.OrderWorkflows;
import dev.comanda.order.Actor;
import dev.comanda.persistence.catalog.CatalogChanges;
import dev.comanda.persistence.order.OrderEventLog;
import dev.comanda.persistence.pos.PosDevices;
import dev.comanda.persistence.pos.PosDevices.Device;
import dev.comanda.persistence.pos.PosOrderViews;
import dev.comanda.persistence.pos.PosSyncRecords;
import dev.comanda.persistence.pos.PosTables;
import dev.comanda.persistence.sync.MarketplaceEndpointRepository;
import dev.comanda.persistence.tenant.Tenant;
import dev.comanda.persistence.tenant.TenantRepository;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The POS sync endpoints with the real upload, reader and pull over mocked tables and workflows. */
@ApiSliceTest(SyncController.class)
@MockitoBean(
        types = {
            OrderWorkflows.class,
            PosDevices.class,
            PosTables.class,
            PosSyncRecords.class,
            PosOrderViews.class,
            CatalogChanges.class,
            OrderEventLog.class,
            MarketplaceEndpointRepository.class,
            TenantRepository.class
        })
class SyncControllerTests {

    private static final Device TILL = new Device("fedcba9876543210fedcba9876543210", "Till 1", Instant.EPOCH, null);
    private static final String UPLOAD = "/api/v1/sync/orders";

    @TestConfiguration(proxyBeanMethods = false)
    @Import({OrderSync.class, SyncOrderReader.class, SyncChanges.class})
    @EnableConfigurationProperties(PosSyncProperties.class)
    static class Sync {}

    @Autowired
    MockMvc mvc;

    @Autowired
    SliceCallers callers;

    @Autowired
    PosDevices devices;

    @Autowired
    PosTables tables;

    @Autowired
    TenantRepository tenants;

    @Autowired
    OrderWorkflows workflows;

    @BeforeEach
    void till() {
        var device = SliceCallers.principal(Actor.DEVICE);
        when(devices.byToken(TENANT, device.tokenId())).thenReturn(Optional.of(TILL));
        when(tenants.find(TENANT)).thenReturn(Optional.of(new Tenant(TENANT, "Slice", "BRL", Instant.EPOCH)));
    }

    @Test
    void anItemThatIsNoObjectIsAMalformedBatchAnswered400NamingIt() throws Exception {
        upload("{\"orders\":[{\"clientOrderId\":\"c-1\"},42]}")
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "orders[1]"));
        verify(workflows, never()).start(any());
    }

    @Test
    void anEmptyBatchAnswers400NamingOrders() throws Exception {
        upload("{\"orders\":[]}").andExpect(fieldError(HttpStatus.BAD_REQUEST, "orders"));
    }

    @Test
    void aBatchWithoutOrdersAnswers400NamingOrders() throws Exception {
        upload("{}").andExpect(fieldError(HttpStatus.BAD_REQUEST, "orders"));
    }

    @Test
    void aBatchOverTheLimitAnswers400NamingOrders() throws Exception {
        var orders = String.join(",", Collections.nCopies(101, "{}"));

        upload("{\"orders\":[" + orders + "]}").andExpect(fieldError(HttpStatus.BAD_REQUEST, "orders"));
    }

    @Test
    void aClientOrderIdTwiceAnswers400NamingTheRepeat() throws Exception {
        upload("{\"orders\":[{\"clientOrderId\":\"c-1\"},{\"clientOrderId\":\"c-1\"}]}")
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "orders[1].clientOrderId"));
    }

    @Test
    void aRevokedDeviceAnswers401() throws Exception {
        when(devices.byToken(TENANT, SliceCallers.principal(Actor.DEVICE).tokenId()))
                .thenReturn(Optional.empty());

        upload("{\"orders\":[42]}")
                .andExpect(problem(HttpStatus.UNAUTHORIZED))
                .andExpect(jsonPath("$.detail").value("this device was revoked"));
    }

    @Test
    void aPullWithoutCursorAnswersFromTheStartWithTheNextCursor() throws Exception {
        mvc.perform(get("/api/v1/sync/changes").with(callers.as(Actor.KITCHEN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cursor").value(new SyncCursor(0, 0).encode(TENANT)))
                .andExpect(jsonPath("$.hasMore").value(false));
    }

    @Test
    void aCursorOfAnotherTenantAnswers400NamingSince() throws Exception {
        var theirs = new SyncCursor(0, 0).encode("other-tenant");

        mvc.perform(get("/api/v1/sync/changes?since=" + theirs).with(callers.as(Actor.DEVICE)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "since"));
    }

    @Test
    void aLimitOutOfRangeAnswers400NamingLimit() throws Exception {
        mvc.perform(get("/api/v1/sync/changes?limit=0").with(callers.as(Actor.DEVICE)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "limit"));
    }

    @Test
    void aCursorAheadOfTheServerAnswers410NamingTheSnapshot() throws Exception {
        var ahead = new SyncCursor(5, 0).encode(TENANT);

        mvc.perform(get("/api/v1/sync/changes?since=" + ahead).with(callers.as(Actor.DEVICE)))
                .andExpect(problem(HttpStatus.GONE))
                .andExpect(jsonPath("$.snapshot").value("/api/v1/sync/snapshot"));
    }

    @Test
    void theSnapshotAnswersTheCatalogOrdersAndCursor() throws Exception {
        mvc.perform(get("/api/v1/sync/snapshot").with(callers.as(Actor.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cursor").value(new SyncCursor(0, 0).encode(TENANT)))
                .andExpect(jsonPath("$.products").isArray());
    }

    @Test
    void closingATableAnswers201WithTheClosure() throws Exception {
        var at = Instant.parse("2026-12-01T12:00:00Z");
        when(tables.close(TENANT, "7", at, TILL.id())).thenReturn(new PosTables.Closure("7", at, TILL.id()));

        mvc.perform(json(post("/api/v1/sync/tables/7/close"), "{\"closedAt\":\"2026-12-01T12:00:00Z\"}")
                        .with(callers.as(Actor.DEVICE)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.table").value("7"))
                .andExpect(jsonPath("$.deviceId").value(TILL.id()));
    }

    @Test
    void aClosingTimeFromABrokenClockAnswers422NamingClosedAt() throws Exception {
        for (var closedAt : new String[] {"1999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"}) {
            mvc.perform(json(post("/api/v1/sync/tables/7/close"), "{\"closedAt\":\"" + closedAt + "\"}")
                            .with(callers.as(Actor.DEVICE)))
                    .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "closedAt"));
        }
    }

    @Test
    void aClosingTimeThatIsNoRfc3339DateTimeAnswers400NamingClosedAt() throws Exception {
        // A year of more than four digits is ISO-8601's extension, not RFC 3339's date-time (the document's).
        for (var closedAt : new String[] {"\"+994818281-06-10T14:58:28Z\"", "1700000000"}) {
            mvc.perform(json(post("/api/v1/sync/tables/7/close"), "{\"closedAt\":" + closedAt + "}")
                            .with(callers.as(Actor.DEVICE)))
                    .andExpect(fieldError(HttpStatus.BAD_REQUEST, "closedAt"));
        }
    }

    @Test
    void aTableNameTooLongAnswers400NamingTable() throws Exception {
        mvc.perform(post("/api/v1/sync/tables/" + "9".repeat(21) + "/close").with(callers.as(Actor.KITCHEN)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "table"));
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("endpointsByOtherRoles")
    void everyEndpointRefusesTheRolesItIsNotForWith403(String method, String path, Actor role) throws Exception {
        mvc.perform(json(request(method, path), "{\"orders\":[42]}").with(callers.as(role)))
                .andExpect(forbidden());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyEndpointRefusesACallerWithoutATokenWith401(String method, String path) throws Exception {
        mvc.perform(json(request(method, path), "{\"orders\":[42]}")).andExpect(unauthenticated());
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("POST", UPLOAD),
                Arguments.of("GET", "/api/v1/sync/changes"),
                Arguments.of("GET", "/api/v1/sync/snapshot"),
                Arguments.of("POST", "/api/v1/sync/tables/7/close"));
    }

    static Stream<Arguments> endpointsByOtherRoles() {
        return Stream.of(
                        refused("POST", UPLOAD, Actor.DEVICE),
                        refused("GET", "/api/v1/sync/changes", Actor.DEVICE, Actor.KITCHEN, Actor.ADMIN),
                        refused("GET", "/api/v1/sync/snapshot", Actor.DEVICE, Actor.KITCHEN, Actor.ADMIN),
                        refused("POST", "/api/v1/sync/tables/7/close", Actor.DEVICE, Actor.KITCHEN, Actor.ADMIN))
                .flatMap(s -> s);
    }

    private static Stream<Arguments> refused(String method, String path, Actor... allowed) {
        return SliceCallers.rolesOtherThan(allowed).stream().map(role -> Arguments.of(method, path, role));
    }

    private org.springframework.test.web.servlet.ResultActions upload(String body) throws Exception {
        return mvc.perform(json(post(UPLOAD), body).with(callers.as(Actor.DEVICE)));
    }
}
