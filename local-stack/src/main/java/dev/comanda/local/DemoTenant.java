package dev.comanda.local;

import dev.comanda.order.Actor;
import dev.comanda.order.Money;
import dev.comanda.persistence.catalog.ProductAdmin;
import dev.comanda.persistence.identity.StaffAccounts;
import dev.comanda.persistence.identity.StaffAccounts.StaffRole;
import dev.comanda.persistence.tenant.ApiTokens;
import dev.comanda.persistence.tenant.TenantRepository;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The demo restaurant of the local run: a tenant, a small menu with stock, demo staff accounts (a cook,
 * an owner and an ops person, with a known password: this is a local demo), and fresh API keys for every role and a
 * storefront's publishable key on each start (keys are stored hashed, so earlier ones cannot be shown again).
 */
record DemoTenant(String tenantId, Map<Actor, String> tokens, String publishableKey) {

    static final String ID = "demo-pizzeria";
    static final String COOK = "cook@demo-pizzeria.example";
    static final String OWNER = "owner@demo-pizzeria.example";
    static final String OPS = "ops@demo-pizzeria.example";
    /** The demo staff's password; only ever the local run's. */
    static final String STAFF_PASSWORD = "comanda-local-demo";

    private static final String CURRENCY = "BRL";
    private static final List<Object[]> MENU = List.of(
            new Object[] {"PIZZA-MARG", "Pizza Margherita", 4500L, 500},
            new Object[] {"PIZZA-CALA", "Pizza Calabresa", 4900L, 500},
            new Object[] {"SODA", "Guaraná 350ml", 900L, 1000},
            new Object[] {"BROWNIE", "Brownie", 1500L, 200});

    static DemoTenant seed(ApplicationContext api) {
        var tenants = api.getBean(TenantRepository.class);
        var tokens = api.getBean(ApiTokens.class);
        var products = api.getBean(ProductAdmin.class);
        tenants.create(ID, "Demo Pizzeria", CURRENCY);
        for (var item : MENU) {
            var sku = (String) item[0];
            if (products.create(ID, sku, (String) item[1], new Money((Long) item[2], CURRENCY))) {
                products.setInitialStock(ID, sku, (Integer) item[3]);
            }
        }
        var issued = new EnumMap<Actor, String>(Actor.class);
        for (var role : List.of(Actor.CUSTOMER, Actor.KITCHEN, Actor.ADMIN, Actor.OPS)) {
            issued.put(role, tokens.issue(ID, role, "local run").token());
        }
        var staff = api.getBean(StaffAccounts.class);
        var passwords = api.getBean(PasswordEncoder.class);
        staff.create(ID, COOK, "Demo cook", StaffRole.KITCHEN, passwords.encode(STAFF_PASSWORD));
        staff.create(ID, OWNER, "Demo owner", StaffRole.OWNER, passwords.encode(STAFF_PASSWORD));
        staff.create(ID, OPS, "Demo ops", StaffRole.OPS, passwords.encode(STAFF_PASSWORD));
        var storefront = tokens.issuePublishable(ID, "local run storefront").token();
        return new DemoTenant(ID, issued, storefront);
    }

    String banner(String apiUrl, String managementUrl, String sandboxUrl, LocalStack stack) {
        return """

                ==================== Comanda is running ====================
                API          %1$s/api/v1   (Swagger UI: %1$s/swagger-ui.html)
                Health       %12$s/actuator/health   (details with -H "Authorization: Bearer $OPS")
                Metrics      %12$s/actuator/prometheus
                Payments     %2$s   (sandbox provider)
                Temporal     %3$s
                Temporal UI  %11$s
                Database     %4$s
                Redis        %5$s

                Demo tenant "%6$s" API keys (new on every start):
                  CUSTOMER=%7$s
                  KITCHEN=%8$s
                  ADMIN=%9$s
                  OPS=%10$s
                Storefront publishable key (menu and guest orders only):
                  STOREFRONT=%13$s
                Demo staff (password %14$s), kitchen board %1$s/kitchen/:
                  %15$s (KITCHEN), %16$s (OWNER), %17$s (OPS)
                Temporal UI decodes orders for OPS: sign in on the kitchen board as %17$s, then in
                  Temporal UI's Codec Server settings (top bar) pick "Use my browser setting", paste
                  %18$s and turn on "Include cross-origin credentials" (once per browser)
                Customers sign in with an e-mailed code (printed in this log: the e-mails' mode is log):
                  curl -s -X POST %1$s/api/v1/auth/customers/code -H 'Content-Type: application/json' \\
                    -d '{"tenant":"%6$s","email":"ana@example.com"}'   then POST .../auth/customers/token

                Place an order:
                  curl -s -X POST %1$s/api/v1/orders -H "Authorization: Bearer $CUSTOMER" \\
                    -H 'Idempotency-Key: order-1' -H 'Content-Type: application/json' \\
                    -d '{"customer":{"name":"Ana","email":"ana@example.com"},"items":[{"sku":"PIZZA-MARG","quantity":1}],
                         "fulfilment":{"type":"TAKEAWAY"},"payment":{"method":"CARD","cardToken":"tok_visa"}}'
                ============================================================
                """.formatted(
                        apiUrl,
                        sandboxUrl,
                        stack.temporalAddress(),
                        stack.jdbcUrl(),
                        stack.redisUrl(),
                        tenantId,
                        tokens.get(Actor.CUSTOMER),
                        tokens.get(Actor.KITCHEN),
                        tokens.get(Actor.ADMIN),
                        tokens.get(Actor.OPS),
                        stack.temporalUiUrl() != null
                                ? stack.temporalUiUrl()
                                        + "   (filter: ComandaOrderStatus=\"PENDING\" AND ExecutionStatus=\"Running\")"
                                : "none (" + stack.temporal().kind() + ")",
                        managementUrl,
                        publishableKey,
                        STAFF_PASSWORD,
                        COOK,
                        OWNER,
                        OPS,
                        apiUrl + "/codec");
    }
}
