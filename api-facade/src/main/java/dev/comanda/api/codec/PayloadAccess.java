package dev.comanda.api.codec;

import dev.comanda.api.auth.Roles;
import dev.comanda.codec.DataKey;
import dev.comanda.codec.DataKeys;
import dev.comanda.codec.EncryptionCodec;
import dev.comanda.codec.PayloadEncryption;
import dev.comanda.persistence.crypto.PayloadKeyStore;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may read which payload: the operator (hosting ops, no tenant) every one; a tenant's OPS staff the
 * payloads of that tenant's orders only. A payload the caller may not read, or whose key was erased, is
 * returned as it is — still {@code binary/encrypted} — never decoded and never an error that tells whose
 * it is.
 */
@Component
public class PayloadAccess {

    /** An order's workflow ID ({@code OrderContract.workflowId}): the order ID is 32 hex characters. */
    private static final Pattern ORDER_SCOPE = Pattern.compile("order-(.+)-[0-9a-f]{32}");

    private final PayloadKeyStore keys;

    PayloadAccess(ObjectProvider<PayloadKeyStore> keys) {
        this.keys = keys.getIfAvailable();
    }

    /** Whether payloads are encrypted at all (off only for a measurement). */
    public boolean enabled() {
        return keys != null;
    }

    /** The payload decoded if {@code caller} may read it, else as it is. */
    public Payload decode(Authentication caller, Payload payload) {
        if (keys == null || !PayloadEncryption.isEncrypted(payload)) {
            return payload;
        }
        try {
            return codecFor(caller).decode(List.of(payload)).getFirst();
        } catch (NotYours | dev.comanda.codec.MissingDataKeyException e) {
            return payload;
        }
    }

    /** Payloads encrypted as a client outside any workflow encrypts them. */
    public List<Payload> encode(List<Payload> payloads) {
        return keys == null ? payloads : new EncryptionCodec(keys).encode(payloads);
    }

    public static boolean isOperator(Authentication caller) {
        return caller.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals(Roles.authority(Roles.OPERATOR)));
    }

    private PayloadCodec codecFor(Authentication caller) {
        if (isOperator(caller)) {
            return new EncryptionCodec(keys);
        }
        var tenant = caller.getPrincipal() instanceof Principal principal ? principal.tenantId() : null;
        return new EncryptionCodec(new DataKeys() {
            @Override
            public DataKey current(String scope) {
                return keys.current(scope);
            }

            @Override
            public DataKey byId(String id) {
                var key = keys.byId(id);
                var order = key.scope() == null ? null : ORDER_SCOPE.matcher(key.scope());
                if (tenant == null
                        || order == null
                        || !order.matches()
                        || !order.group(1).equals(tenant)) {
                    throw new NotYours();
                }
                return key;
            }
        });
    }

    /** A key of another tenant's order, or of no order. */
    private static final class NotYours extends PayloadCodecException {
        NotYours() {
            super("not the caller's tenant");
        }
    }
}
