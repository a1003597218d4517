package dev.comanda.api.catalog;

import static dev.comanda.api.auth.Problems.fieldError;
import static dev.comanda.api.auth.Problems.forbidden;
import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.Problems.unauthenticated;
import static dev.comanda.api.auth.SliceCallers.TENANT;
import static dev.comanda.api.auth.SliceCallers.json;
import static dev.comanda.api.auth.SliceCallers.request;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.auth.ApiSliceTest;
import dev.comanda.api.auth.SliceCallers;
import dev.comanda.api.error.ProblemType;
import dev.comanda.order.Actor;
import dev.comanda.order.Money;
import dev.comanda.persistence.catalog.CatalogProduct;
import dev.comanda.persistence.catalog.CatalogService;
import dev.comanda.persistence.catalog.ProductAdmin;
import dev.comanda.persistence.tenant.Tenant;
import dev.comanda.persistence.tenant.TenantRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@ApiSliceTest(ProductController.class)
class ProductControllerTests {

    private static final CatalogProduct PIZZA = new CatalogProduct("PIZZA", "Pizza", new Money(4_500, "BRL"), true, 7);
    private static final String NEW_PIZZA = """
            {"sku":"PIZZA","name":"Pizza","priceCents":4500,"initialStock":7}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    SliceCallers callers;

    @MockitoBean
    CatalogService catalog;

    @MockitoBean
    ProductAdmin admin;

    @MockitoBean
    TenantRepository tenants;

    @Test
    void theMenuIsReadByEveryRole() throws Exception {
        when(catalog.menu(TENANT)).thenReturn(List.of(PIZZA));

        for (var role : SliceCallers.TOKEN_ROLES) {
            mvc.perform(get("/api/v1/products").with(callers.as(role)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$[0].sku").value("PIZZA"))
                    .andExpect(jsonPath("$[0].available").value(7));
        }
    }

    @Test
    void creatingAProductAnswers201WithItsLocationAndTheProduct() throws Exception {
        knownTenant();
        when(admin.create(TENANT, "PIZZA", "Pizza", new Money(4_500, "BRL"))).thenReturn(true);
        when(catalog.menu(TENANT)).thenReturn(List.of(PIZZA));

        mvc.perform(json(post("/api/v1/products"), NEW_PIZZA).with(callers.as(Actor.ADMIN)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/products/PIZZA"))
                .andExpect(jsonPath("$.sku").value("PIZZA"))
                .andExpect(jsonPath("$.price.cents").value(4_500));
        verify(admin).setInitialStock(TENANT, "PIZZA", 7);
    }

    @Test
    void creatingAnExistingSkuAnswers409AndSetsNoStock() throws Exception {
        knownTenant();
        when(admin.create(eq(TENANT), eq("PIZZA"), anyString(), any())).thenReturn(false);

        mvc.perform(json(post("/api/v1/products"), NEW_PIZZA).with(callers.as(Actor.ADMIN)))
                .andExpect(problem(HttpStatus.CONFLICT))
                .andExpect(jsonPath("$.detail").value("product PIZZA already exists"));
        verify(admin, never()).setInitialStock(anyString(), anyString(), anyInt());
    }

    @Test
    void aProductWithoutSkuAnswers422NamingTheField() throws Exception {
        mvc.perform(json(post("/api/v1/products"), """
                        {"name":"Pizza","priceCents":4500,"initialStock":7}""").with(callers.as(Actor.ADMIN)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "sku"));
        verify(admin, never()).create(anyString(), anyString(), anyString(), any());
    }

    @Test
    void aPriceSentAsTextAnswers400NamingTheField() throws Exception {
        mvc.perform(json(post("/api/v1/products"), """
                        {"sku":"PIZZA","name":"Pizza","priceCents":"4500","initialStock":7}""").with(callers.as(Actor.ADMIN)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "priceCents"));
    }

    @Test
    void malformedJsonAnswers400NamingTheBody() throws Exception {
        mvc.perform(json(post("/api/v1/products"), "{\"sku\":").with(callers.as(Actor.ADMIN)))
                .andExpect(problem(HttpStatus.BAD_REQUEST))
                .andExpect(jsonPath("$.detail").value("malformed JSON"))
                .andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void updatingAnUnknownProductAnswers404() throws Exception {
        knownTenant();
        when(admin.update(eq(TENANT), eq("NOPE"), anyString(), any())).thenReturn(false);

        mvc.perform(json(put("/api/v1/products/NOPE"), """
                        {"name":"Nope","priceCents":100}""").with(callers.as(Actor.ADMIN)))
                .andExpect(problem(HttpStatus.NOT_FOUND))
                .andExpect(jsonPath("$.detail").value("product not found"));
    }

    @Test
    void updatingAProductAnswers200WithTheProduct() throws Exception {
        knownTenant();
        when(admin.update(TENANT, "PIZZA", "Pizza", new Money(4_500, "BRL"))).thenReturn(true);
        when(admin.deactivate(TENANT, "PIZZA")).thenReturn(true);
        when(catalog.menu(TENANT)).thenReturn(List.of(PIZZA));

        mvc.perform(json(put("/api/v1/products/PIZZA"), """
                        {"name":"Pizza","priceCents":4500,"active":false}""").with(callers.as(Actor.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sku").value("PIZZA"));
        verify(admin).deactivate(TENANT, "PIZZA");
    }

    @Test
    void restockAndDeltaTogetherAnswer422NamingRestock() throws Exception {
        when(catalog.menu(TENANT)).thenReturn(List.of(PIZZA));

        mvc.perform(json(post("/api/v1/products/PIZZA/stock"), """
                        {"restock":5,"delta":-1,"reference":"r-1"}""").with(callers.as(Actor.ADMIN)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "restock"));
    }

    @Test
    void aCorrectionTheStockCannotCoverAnswersOutOfStock() throws Exception {
        when(catalog.menu(TENANT)).thenReturn(List.of(PIZZA));
        when(admin.adjust(TENANT, "PIZZA", -900, "r-9"))
                .thenThrow(new IllegalArgumentException("cannot adjust PIZZA by -900: not that much available"));

        mvc.perform(json(post("/api/v1/products/PIZZA/stock"), """
                        {"delta":-900,"reference":"r-9"}""").with(callers.as(Actor.ADMIN)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "delta"))
                .andExpect(problem(ProblemType.OUT_OF_STOCK));
    }

    @Test
    void aCorrectionOfZeroAnswers422NamingDelta() throws Exception {
        when(catalog.menu(TENANT)).thenReturn(List.of(PIZZA));

        mvc.perform(json(post("/api/v1/products/PIZZA/stock"), """
                        {"delta":0,"reference":"r-0"}""").with(callers.as(Actor.ADMIN)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "delta"));
    }

    @Test
    void aCorrectionBelowZeroAnswers422NamingDelta() throws Exception {
        when(catalog.menu(TENANT)).thenReturn(List.of(PIZZA));
        when(admin.adjust(TENANT, "PIZZA", -9, "r-2")).thenReturn(false);

        mvc.perform(json(post("/api/v1/products/PIZZA/stock"), """
                        {"delta":-9,"reference":"r-2"}""").with(callers.as(Actor.ADMIN)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "delta"))
                .andExpect(problem(ProblemType.OUT_OF_STOCK));
    }

    @Test
    void aRestockAnswers200WithTheProduct() throws Exception {
        when(catalog.menu(TENANT)).thenReturn(List.of(PIZZA));

        mvc.perform(json(post("/api/v1/products/PIZZA/stock"), """
                        {"restock":5,"reference":"r-3"}""").with(callers.as(Actor.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sku").value("PIZZA"));
        verify(admin).restock(TENANT, "PIZZA", 5, "r-3");
    }

    @ParameterizedTest(name = "{0} {1} as {3}")
    @MethodSource("writesByOtherRoles")
    void writesRefuseEveryRoleButAdminWith403(String method, String path, String body, Actor role) throws Exception {
        mvc.perform(json(request(method, path), body).with(callers.as(role))).andExpect(forbidden());
        verify(admin, never()).create(anyString(), anyString(), anyString(), any());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyEndpointRefusesACallerWithoutATokenWith401(String method, String path) throws Exception {
        mvc.perform(json(request(method, path), "{}")).andExpect(unauthenticated());
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/products"),
                Arguments.of("POST", "/api/v1/products"),
                Arguments.of("PUT", "/api/v1/products/PIZZA"),
                Arguments.of("POST", "/api/v1/products/PIZZA/stock"));
    }

    /**
     * Each write with a body it would accept from an admin: method security decides once the request is
     * bound, so a body that does not validate answers 422 to any role.
     */
    static Stream<Arguments> writesByOtherRoles() {
        return Stream.of(
                        Arguments.of("POST", "/api/v1/products", NEW_PIZZA),
                        Arguments.of("PUT", "/api/v1/products/PIZZA", """
                                {"name":"Pizza","priceCents":4500,"active":false}"""),
                        Arguments.of("POST", "/api/v1/products/PIZZA/stock", """
                                {"restock":5,"reference":"r-3"}"""))
                .flatMap(endpoint -> SliceCallers.rolesOtherThan(Actor.ADMIN).stream()
                        .map(role -> Arguments.of(endpoint.get()[0], endpoint.get()[1], endpoint.get()[2], role)));
    }

    private void knownTenant() {
        when(tenants.find(TENANT)).thenReturn(Optional.of(new Tenant(TENANT, "Slice", "BRL", Instant.EPOCH)));
    }
}
