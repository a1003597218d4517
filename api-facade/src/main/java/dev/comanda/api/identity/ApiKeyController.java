package dev.comanda.api.identity;

import dev.comanda.api.Text;
import dev.comanda.api.auth.Roles;
import dev.comanda.api.docs.ApiDocs;
import dev.comanda.api.error.ApiException;
import dev.comanda.order.Actor;
import dev.comanda.persistence.tenant.ApiTokens;
import dev.comanda.persistence.tenant.ApiTokens.ApiKey;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's integration API keys, for server-to-server callers (a storefront's backend, an ERP), and
 * storefronts' publishable keys (role STOREFRONT, {@code cmp_…}: the menu and guest orders, safe in a
 * browser): each holds one role, is stored only as its hash, and is issued, listed and revoked by the
 * tenant's admin.
 * A revoked key stops within the token cache's lifetime ({@code COMANDA_TOKEN_CACHE_TTL}). POS device
 * tokens are managed with their devices ({@code /api/v1/devices}), never here.
 */
@Tag(name = ApiDocs.API_KEYS)
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

    private final ApiTokens tokens;

    ApiKeyController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Operation(summary = "Issue an API key of one role; answers its token once")
    @ApiResponse(responseCode = "201", description = "The key and its token, shown this once")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Issued> issue(@AuthenticationPrincipal Principal caller, @Valid @RequestBody NewKey body) {
        var issued = body.role().equals(Roles.STOREFRONT)
                ? tokens.issuePublishable(caller.tenantId(), body.name())
                : tokens.issue(caller.tenantId(), Actor.valueOf(body.role()), body.name());
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.id()))
                .body(new Issued(issued.id(), body.role(), body.name(), issued.token()));
    }

    @Operation(summary = "The tenant's API keys, revoked ones included; never their tokens")
    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    List<ApiKey> list(@AuthenticationPrincipal Principal caller) {
        return tokens.listKeys(caller.tenantId());
    }

    @Operation(summary = "Revoke an API key")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Principal caller, @PathVariable String id) {
        if (!id.matches("[0-9]{1,18}") || !tokens.revokeKey(caller.tenantId(), Long.parseLong(id))) {
            throw ApiException.notFound("API key");
        }
        return ResponseEntity.noContent().build();
    }

    record NewKey(
            @NotNull
            @Pattern(
                    regexp = "CUSTOMER|KITCHEN|ADMIN|OPS|STOREFRONT",
                    message = "must be one of CUSTOMER, KITCHEN, ADMIN, OPS, STOREFRONT")
            String role,

            @NotBlank
            @CodePointLength(max = 120)
            @Pattern(regexp = Text.NON_BLANK_LINE, message = "may not hold control characters")
            String name) {}

    /** {@link #toString()} leaves the token out: a response body may be logged at DEBUG, a token never. */
    record Issued(long id, String role, String name, String token) {

        @Override
        public String toString() {
            return "Issued[id=" + id + ", role=" + role + ", name=" + name + "]";
        }
    }
}
