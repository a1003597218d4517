package dev.comanda.client;

import dev.comanda.client.Tenants.MarketplaceEndpoint;
import dev.comanda.client.Tenants.NewTenant;
import dev.comanda.client.Tenants.OffboardedTenant;
import dev.comanda.client.Tenants.OnboardedTenant;
import dev.comanda.client.Tenants.RestaurantEndpoint;
import java.time.Duration;
import java.util.Map;

/** {@code /api/v1/ops/tenants}: the operator's calls, outside any tenant, under {@code X-Operator-Key}. */
public final class OperatorApi {

    static final String OPERATOR_KEY = "X-Operator-Key";
    private static final String TENANTS = Transport.API + "/ops/tenants";

    private final Transport transport;
    private final String operatorKey;

    OperatorApi(Transport transport, String operatorKey) {
        this.transport = transport;
        this.operatorKey = operatorKey;
    }

    /** Creates a tenant (201) and answers its tokens, this once; an ID that exists is a 409. */
    public OnboardedTenant onboard(NewTenant tenant) {
        return transport.call("POST", TENANTS, headers(), tenant, OnboardedTenant.class);
    }

    /** Where the tenant's restaurant hears of its orders (204). */
    public void restaurantEndpoint(String tenantId, RestaurantEndpoint endpoint) {
        transport.call("PUT", TENANTS + "/" + tenantId + "/restaurant-endpoint", headers(), endpoint, Void.class);
    }

    /** A marketplace the tenant's confirmed orders are pushed to (204). */
    public void marketplace(String tenantId, String channel, MarketplaceEndpoint endpoint) {
        transport.call("PUT", TENANTS + "/" + tenantId + "/marketplaces/" + channel, headers(), endpoint, Void.class);
    }

    /**
     * Offboards the tenant: closed for good at once — its callers answer 410 — and its customers' personal
     * data erased in the background. One call answers what it knows: status OFFBOARDING (202) while the
     * erasure runs, OFFBOARDED (200) with what it changed once done, the same every later time. An open
     * order of the tenant is a 409, an unknown tenant a 404.
     */
    public OffboardedTenant offboard(String tenantId) {
        return transport.call("DELETE", TENANTS + "/" + tenantId, headers(), null, OffboardedTenant.class);
    }

    /** {@link #offboard} asked again (every {@code pause}) until the erasure is done, at most {@code within}. */
    public OffboardedTenant offboardAndWait(String tenantId, Duration within, Duration pause) {
        var deadline = System.nanoTime() + within.toNanos();
        while (true) {
            var answer = offboard(tenantId);
            if (answer.done() || System.nanoTime() > deadline) {
                return answer;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }

    private Map<String, String> headers() {
        return Transport.headers(null, OPERATOR_KEY, operatorKey);
    }
}
