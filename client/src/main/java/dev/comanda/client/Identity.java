package dev.comanda.client;

import java.time.Instant;

/** The records of sign-in, staff accounts and API keys (docs/identity.md). */
public final class Identity {

    private Identity() {}

    /**
     * What a login or refresh answers: an access token (JWT) for {@code expiresIn} seconds and the refresh
     * token that gets the next pair, once. {@link #toString()} leaves the tokens out.
     */
    public record Tokens(
            String accessToken, String tokenType, long expiresIn, String refreshToken, Instant refreshExpiresAt) {

        @Override
        public String toString() {
            return "Tokens[expiresIn=" + expiresIn + "]";
        }
    }

    /** One of a person's live sessions (a login and its refreshes). */
    public record Session(String familyId, Instant startedAt, Instant lastRefreshedAt, Instant expiresAt) {}

    /** What a person does in the restaurant. */
    public enum StaffRole {
        OWNER,
        MANAGER,
        KITCHEN,
        WAITER,
        OPS
    }

    /**
     * A staff account as its admins see it; {@code passwordSet} is false while its invitation waits (null
     * from a server that predates invitations).
     */
    public record StaffMember(
            long id,
            String email,
            String name,
            StaffRole role,
            Instant createdAt,
            Instant disabledAt,
            Boolean passwordSet) {}

    /**
     * A new staff account: {@code password} null invites the person by e-mail (they choose it with the
     * e-mailed code); a password sets it (scripts, tests). {@link #toString()} leaves the password out.
     */
    public record NewStaffMember(String email, String name, StaffRole role, String password) {

        /** An invitation: the person gets an e-mail with a one-time code and chooses their password. */
        public static NewStaffMember invited(String email, String name, StaffRole role) {
            return new NewStaffMember(email, name, role, null);
        }

        @Override
        public String toString() {
            return "NewStaffMember[email=" + email + ", role=" + role + "]";
        }
    }

    /**
     * What a customer's e-mailed code is traded for: a customer access token (JWT) for {@code expiresIn}
     * seconds, for the customer account {@code customerId}. {@link #toString()} leaves the token out.
     */
    public record CustomerTokens(String accessToken, String tokenType, long expiresIn, long customerId) {

        @Override
        public String toString() {
            return "CustomerTokens[customerId=" + customerId + ", expiresIn=" + expiresIn + "]";
        }
    }

    /** What a request for a customer's code answers, for any address: how long a code sent now is good for. */
    public record CodeSent(long expiresIn) {}

    /**
     * An integration API key or publishable key; {@code token} only in the answer to its issue, the
     * rest only in the list. {@link #toString()} leaves the token out.
     */
    public record ApiKey(
            long id,
            String role,
            String name,
            Boolean publishable,
            Instant createdAt,
            Instant revokedAt,
            String token) {

        @Override
        public String toString() {
            return "ApiKey[id=" + id + ", role=" + role + ", name=" + name + "]";
        }
    }
}
