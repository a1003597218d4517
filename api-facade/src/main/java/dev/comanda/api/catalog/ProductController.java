package dev.comanda.api.catalog;

import dev.comanda.api.docs.ApiDocs;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.error.ProblemType;
import dev.comanda.order.Money;
import dev.comanda.persistence.catalog.CatalogProduct;
import dev.comanda.persistence.catalog.CatalogService;
import dev.comanda.persistence.catalog.ProductAdmin;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import dev.comanda.persistence.tenant.TenantRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's catalog: everyone reads it, admins change products and stock (which evicts the cache). */
@Tag(name = ApiDocs.PRODUCTS)
@RestController
@RequestMapping("/api/v1/products")
class ProductController {

    private final CatalogService catalog;
    private final ProductAdmin admin;
    private final TenantRepository tenants;

    ProductController(CatalogService catalog, ProductAdmin admin, TenantRepository tenants) {
        this.catalog = catalog;
        this.admin = admin;
        this.tenants = tenants;
    }

    @Operation(summary = "Products with price and available stock")
    @GetMapping
    @PreAuthorize("hasAnyRole('CUSTOMER','KITCHEN','ADMIN','OPS','DEVICE','STOREFRONT','CUSTOMER_ACCOUNT')")
    List<CatalogProduct> list(@AuthenticationPrincipal Principal caller) {
        return catalog.menu(caller.tenantId());
    }

    @Operation(summary = "Create a product with its initial stock")
    @ApiResponse(responseCode = "201", description = "The product as the menu shows it; Location names it")
    @ApiResponse(responseCode = "409", description = "A product with this SKU exists")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<CatalogProduct> create(
            @AuthenticationPrincipal Principal caller, @Valid @RequestBody NewProduct body) {
        var tenant = caller.tenantId();
        if (!admin.create(tenant, body.sku(), body.name(), price(tenant, body.priceCents()))) {
            throw new ApiException(HttpStatus.CONFLICT, "product " + body.sku() + " already exists");
        }
        admin.setInitialStock(tenant, body.sku(), body.initialStock());
        return ResponseEntity.created(URI.create("/api/v1/products/" + body.sku()))
                .body(find(tenant, body.sku()));
    }

    @Operation(summary = "Rename, reprice, or take a product on or off sale")
    @PutMapping("/{sku}")
    @PreAuthorize("hasRole('ADMIN')")
    CatalogProduct update(
            @AuthenticationPrincipal Principal caller,
            @PathVariable String sku,
            @Valid @RequestBody ProductChange body) {
        var tenant = caller.tenantId();
        if (!admin.update(tenant, sku, body.name(), price(tenant, body.priceCents()))) {
            throw ApiException.notFound("product");
        }
        if (body.active() != null) {
            var changed = body.active() ? admin.activate(tenant, sku) : admin.deactivate(tenant, sku);
            if (!changed) {
                throw ApiException.notFound("product");
            }
        }
        return find(tenant, sku);
    }

    @Operation(summary = "Restock (quantity > 0) or correct (delta) available stock; reference makes it idempotent")
    @PostMapping("/{sku}/stock")
    @PreAuthorize("hasRole('ADMIN')")
    CatalogProduct adjustStock(
            @AuthenticationPrincipal Principal caller, @PathVariable String sku, @Valid @RequestBody StockChange body) {
        var tenant = caller.tenantId();
        find(tenant, sku);
        if ((body.restock() == null) == (body.delta() == null)) {
            throw ApiException.invalidField("restock", "give exactly one of restock and delta");
        }
        if (body.delta() != null && body.delta() == 0) {
            throw ApiException.invalidField("delta", "must not be zero");
        }
        if (body.restock() != null) {
            admin.restock(tenant, sku, body.restock(), body.reference());
        } else if (!adjusted(tenant, sku, body.delta(), body.reference())) {
            throw ApiException.invalidField(
                    ProblemType.OUT_OF_STOCK, "delta", "would take available stock below zero or was applied before");
        }
        return find(tenant, sku);
    }

    /**
     * Whether the correction was applied now: false when its reference was applied before, or when it would take
     * available stock below zero (ProductAdmin throws then, so that the movement it wrote rolls back).
     */
    private boolean adjusted(String tenant, String sku, int delta, String reference) {
        try {
            return admin.adjust(tenant, sku, delta, reference);
        } catch (IllegalArgumentException belowZero) {
            return false;
        }
    }

    private CatalogProduct find(String tenantId, String sku) {
        return catalog.menu(tenantId).stream()
                .filter(p -> p.sku().equals(sku))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("product"));
    }

    private Money price(String tenantId, long cents) {
        var currency = tenants.find(tenantId)
                .orElseThrow(() -> ApiException.notFound("tenant"))
                .currency();
        return new Money(cents, currency);
    }

    /** A product's SKU, which names it in its URL (/api/v1/products/{sku}). */
    static final String SKU = "[A-Za-z0-9._-]*[A-Za-z0-9_-][A-Za-z0-9._-]*";

    record NewProduct(
            // Not only dots: "." and ".." are no segment of the product's URL.
            @NotBlank
            @CodePointLength(max = 64)
            @Pattern(regexp = SKU, message = "may hold letters, digits, . _ - only, and not only dots")
            String sku,

            @NotBlank @CodePointLength(max = 120) String name,
            @NotNull @Min(0) @Max(100_000_000) Long priceCents,
            @NotNull @Min(0) @Max(1_000_000) Integer initialStock) {}

    record ProductChange(
            @NotBlank @CodePointLength(max = 120) String name,
            @NotNull @Min(0) @Max(100_000_000) Long priceCents,
            Boolean active) {}

    record StockChange(
            @Min(1) @Max(1_000_000) Integer restock,
            @Min(-1_000_000) @Max(1_000_000) Integer delta,
            // Visible ASCII, like an Idempotency-Key: what the stock ledger's reference column holds.
            @NotBlank
            @CodePointLength(max = 64)
            @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be visible ASCII characters")
            String reference) {}
}
