package dev.comanda.api.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.comanda.api.auth.ApiKeyAuthentication;
import dev.comanda.api.auth.OperatorKeyAuthentication;
import dev.comanda.order.ActingParty;
import dev.comanda.order.ActingParty.Kind;
import dev.comanda.order.Actor;
import dev.comanda.persistence.pos.PosDevices;
import dev.comanda.persistence.tenant.ApiTokens;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who a caller is, by name, for what it changes (a kitchen move, a cancellation, an ops action): a
 * person's name from their access token, a customer's e-mail from theirs, an API key's or a device's
 * name from the store — looked up on the first change a key makes and kept for {@link #NAME_TTL}, so a
 * kitchen moving orders all day through one key does not read its name per move. A name that cannot be
 * read (the store out of reach) leaves the name out, never the change, and is looked up again next time.
 */
@Component
public class ActingParties {

    private static final Logger log = LoggerFactory.getLogger(ActingParties.class);

    /** How long a key's or a device's name is kept: a rename shows in what it changes within this. */
    static final Duration NAME_TTL = Duration.ofMinutes(1);

    /** The parties of the keys and devices that changed something lately, by their token's principal. */
    private final Cache<Principal, ActingParty> named =
            Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(NAME_TTL).build();

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
            case ApiKeyAuthentication key -> key(key.getPrincipal());
            default -> null;
        };
    }

    /** The key's or device's party, its name read once per {@link #NAME_TTL}. */
    ActingParty key(Principal principal) {
        try {
            return named.get(principal, this::lookUp);
        } catch (RuntimeException e) {
            log.warn(
                    "could not read the name of {} token {}: {}",
                    principal.role().name().toLowerCase(),
                    principal.tokenId(),
                    e.toString());
            return unnamed(principal);
        }
    }

    private ActingParty lookUp(Principal principal) {
        if (principal.role() == Actor.DEVICE) {
            return devices.byToken(principal.tenantId(), principal.tokenId())
                    .map(device -> new ActingParty(Kind.DEVICE, device.id(), device.name()))
                    .orElseGet(() -> unnamed(principal));
        }
        return new ActingParty(
                Kind.API_KEY,
                Long.toString(principal.tokenId()),
                tokens.name(principal.tenantId(), principal.tokenId()).orElse(null));
    }

    /** The key or device by its token alone, when its record or its name cannot be had. */
    private static ActingParty unnamed(Principal principal) {
        return new ActingParty(
                principal.role() == Actor.DEVICE ? Kind.DEVICE : Kind.API_KEY,
                Long.toString(principal.tokenId()),
                null);
    }
}
