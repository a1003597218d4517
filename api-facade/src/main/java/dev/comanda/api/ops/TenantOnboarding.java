package dev.comanda.api.ops;

import dev.comanda.order.Actor;
import dev.comanda.persistence.tenant.ApiTokens;
import dev.comanda.persistence.tenant.TenantRepository;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates a tenant with one token per role, all or nothing. The tokens are shown once, never stored in clear. */
@Service
public class TenantOnboarding {

    private static final List<Actor> ROLES = List.of(Actor.CUSTOMER, Actor.KITCHEN, Actor.ADMIN, Actor.OPS);

    private final TenantRepository tenants;
    private final ApiTokens tokens;

    TenantOnboarding(TenantRepository tenants, ApiTokens tokens) {
        this.tenants = tenants;
        this.tokens = tokens;
    }

    /** The new tenant's tokens by role, or empty when the tenant ID is taken. */
    @Transactional
    public Optional<Map<Actor, String>> create(String id, String name, String currency) {
        if (!tenants.create(id, name, currency)) {
            return Optional.empty();
        }
        var issued = new EnumMap<Actor, String>(Actor.class);
        for (var role : ROLES) {
            issued.put(
                    role,
                    tokens.issue(id, role, role.name().toLowerCase() + " token").token());
        }
        return Optional.of(issued);
    }
}
