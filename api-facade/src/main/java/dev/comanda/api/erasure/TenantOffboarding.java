package dev.comanda.api.erasure;

import dev.comanda.persistence.identity.StaffAccounts;
import dev.comanda.persistence.identity.StaffRefreshTokens;
import dev.comanda.persistence.pos.PosDevices;
import dev.comanda.persistence.sync.MarketplaceEndpointRepository;
import dev.comanda.persistence.tenant.ApiTokens;
import dev.comanda.persistence.tenant.TenantRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes a tenant for good, all or nothing (the reverse of {@code TenantOnboarding}): it is marked
 * offboarded, so nobody finds it and its callers are refused, and every way in is revoked — API and
 * publishable keys, POS devices, staff accounts and their sessions — and its orders are pushed to no
 * marketplace any more. What the API owns only; the workers' part is {@code TenantOffboardingWorkflow}.
 */
@Service
class TenantOffboarding {

    /**
     * What the close revoked: API and publishable keys, devices (their tokens with them), staff accounts
     * and their sessions, marketplace endpoints; all zero when the tenant was closed already.
     */
    record Closed(int tokens, int devices, int staff, int sessions, int marketplaces) {

        String summary() {
            return "revoked " + tokens + " keys, " + devices + " devices, " + staff + " staff accounts (" + sessions
                    + " sessions), " + marketplaces + " marketplaces";
        }
    }

    private final TenantRepository tenants;
    private final ApiTokens tokens;
    private final PosDevices devices;
    private final StaffAccounts staff;
    private final StaffRefreshTokens sessions;
    private final MarketplaceEndpointRepository marketplaces;

    TenantOffboarding(
            TenantRepository tenants,
            ApiTokens tokens,
            PosDevices devices,
            StaffAccounts staff,
            StaffRefreshTokens sessions,
            MarketplaceEndpointRepository marketplaces) {
        this.tenants = tenants;
        this.tokens = tokens;
        this.devices = devices;
        this.staff = staff;
        this.sessions = sessions;
        this.marketplaces = marketplaces;
    }

    /** Closes the tenant; empty-handed ({@code Closed} of zeros) when another request closed it first. */
    @Transactional
    public Closed close(String tenantId) {
        if (!tenants.offboard(tenantId)) {
            return new Closed(0, 0, 0, 0, 0);
        }
        // Devices first, with their tokens: what is left for revokeAll is the keys.
        var revokedDevices = devices.revokeAll(tenantId);
        return new Closed(
                tokens.revokeAll(tenantId),
                revokedDevices,
                staff.disableAll(tenantId),
                sessions.revokeTenant(tenantId),
                marketplaces.disableAll(tenantId));
    }
}
