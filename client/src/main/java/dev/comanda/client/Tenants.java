package dev.comanda.client;

import java.time.Instant;
import java.util.Map;

/** The bodies of the operator's calls: a new tenant, its tokens, where its notifications and pushes go, its offboarding. */
public final class Tenants {

    private Tenants() {}

    /** {@code POST /ops/tenants}: a lowercase slug, a name and the ISO-4217 currency of its prices. */
    public record NewTenant(String id, String name, String currency) {}

    /**
     * A new tenant and its tokens by role ({@code customer}, {@code kitchen}, {@code admin}, {@code ops}),
     * answered this once. {@link #toString()} leaves the tokens out, so they never reach a log.
     */
    public record OnboardedTenant(String id, Map<String, String> tokens) {

        public String customer() {
            return tokens.get("customer");
        }

        public String kitchen() {
            return tokens.get("kitchen");
        }

        public String admin() {
            return tokens.get("admin");
        }

        public String ops() {
            return tokens.get("ops");
        }

        @Override
        public String toString() {
            return "OnboardedTenant[id=" + id + ", tokens for " + tokens.keySet() + "]";
        }
    }

    /**
     * An offboarded tenant: when it was closed, and what the erasure of its customers changed — order
     * rows, e-mails, charge requests and the data keys of its workflows.
     */
    public record OffboardedTenant(
            String tenant,
            String status,
            Instant offboardedAt,
            Integer orders,
            Integer notifications,
            Integer payments,
            Integer dataKeys) {

        /** Whether the erasure is done (status OFFBOARDED); while it runs the counts are absent. */
        public boolean done() {
            return "OFFBOARDED".equals(status);
        }
    }

    /** Where the restaurant hears of its orders: a signed webhook, an email, or both. */
    public record RestaurantEndpoint(String webhookUrl, String webhookSecret, String email) {}

    /** A marketplace or ERP that confirmed orders are pushed to. */
    public record MarketplaceEndpoint(String url, String secret, Boolean enabled) {}
}
