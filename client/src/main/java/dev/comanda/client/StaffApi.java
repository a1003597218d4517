package dev.comanda.client;

import dev.comanda.client.Identity.NewStaffMember;
import dev.comanda.client.Identity.StaffMember;
import dev.comanda.client.Identity.StaffRole;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/** {@code /api/v1/staff}: the tenant's staff accounts, for its admins (ADMIN keys, owners, managers). */
public final class StaffApi {

    private static final String STAFF = Transport.API + "/staff";

    private final Transport transport;
    private final String token;

    StaffApi(Transport transport, String token) {
        this.transport = transport;
        this.token = token;
    }

    /**
     * Adds a person (201): invited by e-mail when {@code member} has no password ({@link
     * NewStaffMember#invited}); 409 when the tenant has an account with the e-mail.
     */
    public StaffMember add(NewStaffMember member) {
        return transport.call("POST", STAFF, Transport.headers(token), member, StaffMember.class);
    }

    public List<StaffMember> list() {
        return transport.call(
                "GET",
                STAFF,
                Transport.headers(token),
                null,
                Transport.JSON.getTypeFactory().constructType(new TypeReference<List<StaffMember>>() {}));
    }

    /** A new role; the person's access tokens issued before stop at once. */
    public StaffMember changeRole(long id, StaffRole role) {
        return transport.call(
                "PUT",
                STAFF + "/" + id + "/role",
                Transport.headers(token),
                Map.of("role", role.name()),
                StaffMember.class);
    }

    /** E-mails a new invitation code to a person who has not chosen a password yet (409 once they have). */
    public void resendInvitation(long id) {
        transport.call("POST", STAFF + "/" + id + "/invitation", Transport.headers(token), null, Void.class);
    }

    /** Disables the account: its sessions and access tokens end at once. */
    public void disable(long id) {
        transport.call("POST", STAFF + "/" + id + "/disable", Transport.headers(token), null, Void.class);
    }
}
