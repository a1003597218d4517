package dev.comanda.api.identity;

import dev.comanda.api.auth.ApiKeyAuthentication;
import dev.comanda.api.auth.OperatorKeyAuthentication;
import dev.comanda.order.ActingParty;
import dev.comanda.order.ActingParty.Kind;
import dev.comanda.order.Actor;
import dev.comanda.persistence.pos.PosDevices;
import dev.comanda.persistence.tenant.ApiTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who a caller is, by name, for what it changes (a kitchen move, a cancellation, an ops action): a
 * person's name from their access token, a customer's e-mail from theirs, an API key's or a device's
 * name from the store (one lookup per change, never per read). A name that cannot be read (the store
 * out of reach) leaves the name out, never the change.
 */
@Component
public class ActingParties {

    private static final Logger log = LoggerFactory.getLogger(ActingParties.class);

    private final ApiTokens tokens;
    private final PosDevices devices;

    ActingParties(ApiTokens tokens, PosDevices devices) {
        this.tokens = tokens;
        this.devices = devices;
    }

    /** The party behind {@code caller}; null for a caller that is none of Comanda's (which never gets here). */
    public ActingParty of(Authentication caller) {
        return switch (caller) {
            case StaffAuthentication staff ->
                new ActingParty(Kind.STAFF, Long.toString(staff.staffId()), staff.displayName());
            case CustomerAuthentication customer ->
                new ActingParty(Kind.CUSTOMER, Long.toString(customer.customerId()), customer.email());
            case GuestAuthentication guest -> new ActingParty(Kind.GUEST, guest.orderId(), "guest");
            case OperatorKeyAuthentication operator ->
                new ActingParty(Kind.OPERATOR, null, OperatorKeyAuthentication.NAME);
            case ApiKeyAuthentication key -> key(key);
            default -> null;
        };
    }

    private ActingParty key(ApiKeyAuthentication key) {
        var principal = key.getPrincipal();
        var id = Long.toString(principal.tokenId());
        try {
            if (principal.role() == Actor.DEVICE) {
                var device = devices.byToken(principal.tenantId(), principal.tokenId());
                return new ActingParty(
                        Kind.DEVICE,
                        device.map(d -> d.id()).orElse(id),
                        device.map(d -> d.name()).orElse(null));
            }
            return new ActingParty(
                    Kind.API_KEY,
                    id,
                    tokens.name(principal.tenantId(), principal.tokenId()).orElse(null));
        } catch (RuntimeException e) {
            log.warn("could not read the name of {}: {}", key.getName(), e.toString());
            return new ActingParty(principal.role() == Actor.DEVICE ? Kind.DEVICE : Kind.API_KEY, id, null);
        }
    }
}
