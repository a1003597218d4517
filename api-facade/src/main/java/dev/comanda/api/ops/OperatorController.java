package dev.comanda.api.ops;

import dev.comanda.api.AccountEmail;
import dev.comanda.api.docs.ApiDocs;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.order.MarketplaceChannels;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.notification.RestaurantEndpoint;
import dev.comanda.persistence.notification.RestaurantEndpointRepository;
import dev.comanda.persistence.sync.MarketplaceEndpoint;
import dev.comanda.persistence.sync.MarketplaceEndpointRepository;
import dev.comanda.persistence.tenant.TenantRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.Map;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator endpoints, outside any tenant: onboard a tenant and configure where its notifications and
 * marketplace pushes go. Only the operator key ({@code COMANDA_OPERATOR_KEY}) is let in (auth.SecurityConfiguration); none while it is unset.
 */
@Tag(name = ApiDocs.TENANTS)
@RestController
@RequestMapping("/api/v1/ops/tenants")
class OperatorController {

    private final TenantOnboarding onboarding;
    private final TenantRepository tenants;
    private final RestaurantEndpointRepository restaurants;
    private final MarketplaceEndpointRepository marketplaces;
    private final MarketplaceChannels marketplaceChannels;

    OperatorController(
            TenantOnboarding onboarding,
            TenantRepository tenants,
            RestaurantEndpointRepository restaurants,
            MarketplaceEndpointRepository marketplaces,
            MarketplaceChannels marketplaceChannels) {
        this.onboarding = onboarding;
        this.tenants = tenants;
        this.restaurants = restaurants;
        this.marketplaces = marketplaces;
        this.marketplaceChannels = marketplaceChannels;
    }

    @Operation(summary = "Create a tenant; answers its tokens (customer, kitchen, admin, ops) once")
    @ApiResponse(responseCode = "201", description = "The tenant and its tokens by role, shown this once")
    @ApiResponse(responseCode = "409", description = "A tenant with this ID exists")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('OPERATOR')")
    @PostMapping
    ResponseEntity<Onboarded> create(@Valid @RequestBody NewTenant body) {
        var issued = onboarding
                .create(body.id(), body.name(), body.currency())
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "tenant " + body.id() + " already exists"));
        var tokens = new java.util.LinkedHashMap<String, String>();
        issued.forEach((role, token) -> tokens.put(role.name().toLowerCase(), token));
        return ResponseEntity.created(URI.create("/api/v1/ops/tenants/" + body.id()))
                .body(new Onboarded(body.id(), tokens));
    }

    /**
     * The new tenant and its tokens, shown this once. {@link #toString()} leaves the tokens out: Spring
     * MVC logs a response body by its toString at DEBUG, and tokens must never reach a log.
     */
    record Onboarded(String id, Map<String, String> tokens) {

        @Override
        public String toString() {
            return "Onboarded[id=" + id + ", tokens for " + tokens.keySet() + "]";
        }
    }

    @Operation(summary = "Where the restaurant hears of its orders: signed webhook and/or email")
    @ApiResponse(responseCode = "204", description = "Saved")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('OPERATOR')")
    @PutMapping("/{tenant}/restaurant-endpoint")
    ResponseEntity<Void> restaurant(@PathVariable String tenant, @Valid @RequestBody RestaurantBody body) {
        requireTenant(tenant);
        restaurants.upsert(new RestaurantEndpoint(tenant, body.webhookUrl(), body.webhookSecret(), body.email()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "A marketplace or ERP that confirmed orders are pushed to")
    @ApiResponse(responseCode = "204", description = "Saved")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('OPERATOR')")
    @PutMapping("/{tenant}/marketplaces/{channel}")
    ResponseEntity<Void> marketplace(
            @PathVariable String tenant,
            @PathVariable @Pattern(regexp = "[a-z0-9-]{1,40}") String channel,
            @Valid @RequestBody MarketplaceBody body) {
        requireTenant(tenant);
        marketplaces.upsert(new MarketplaceEndpoint(tenant, channel, body.url(), body.secret(), body.enabled()));
        marketplaceChannels.changed(tenant);
        return ResponseEntity.noContent().build();
    }

    private void requireTenant(String tenant) {
        if (!OrderContract.isTenantId(tenant) || tenants.find(tenant).isEmpty()) {
            throw ApiException.notFound("tenant");
        }
    }

    record NewTenant(
            @NotBlank
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}", message = "must be a lowercase slug of 1 to 40 characters")
            String id,

            @NotBlank @CodePointLength(max = 120) String name,

            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code")
            String currency) {}

    record RestaurantBody(
            @CodePointLength(max = 500)
            @Pattern(regexp = "https?://[^\\x00-\\x20\\x7F]+", message = "must be an http(s) URL without spaces")
            String webhookUrl,

            @CodePointLength(max = 200) String webhookSecret,
            @AccountEmail String email) {}

    record MarketplaceBody(
            @NotBlank
            @CodePointLength(max = 500)
            @Pattern(regexp = "https?://[^\\x00-\\x20\\x7F]+", message = "must be an http(s) URL without spaces")
            String url,

            @CodePointLength(max = 200) String secret,
            @NotNull Boolean enabled) {}
}
