package dev.comanda.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.persistence.identity.StaffAccounts.StaffRole;
import dev.comanda.persistence.identity.StaffRefreshTokens.Refused;
import dev.comanda.persistence.identity.StaffRefreshTokens.Reused;
import dev.comanda.persistence.identity.StaffRefreshTokens.Rotated;
import dev.comanda.persistence.tenant.ApiTokens;
import dev.comanda.testing.DataTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StaffRefreshTokensTests extends DataTestSupport {

    private static final Duration TTL = Duration.ofDays(30);

    @Autowired
    StaffAccounts accounts;

    @Autowired
    StaffRefreshTokens tokens;

    @Test
    void aRefreshTokenIsStoredOnlyAsItsSha256() {
        var issued = tokens.start(newStaff(), TTL);

        var clear = jdbc.sql("SELECT COUNT(*) FROM staff_refresh_tokens WHERE token_hash = ?")
                .params(issued.token())
                .query(Long.class)
                .single();
        var hashed = jdbc.sql("SELECT COUNT(*) FROM staff_refresh_tokens WHERE token_hash = ?")
                .params(ApiTokens.hash(issued.token()))
                .query(Long.class)
                .single();
        assertThat(clear).isZero();
        assertThat(hashed).isOne();
    }

    @Test
    void aRefreshIssuesTheNextTokenOfTheSameFamily() {
        var first = tokens.start(newStaff(), TTL);

        var rotation = tokens.rotate(first.token(), TTL);

        assertThat(rotation).isInstanceOf(Rotated.class);
        var next = ((Rotated) rotation).next();
        assertThat(next.familyId()).isEqualTo(first.familyId());
        assertThat(next.token()).isNotEqualTo(first.token());
        assertThat(tokens.rotate(next.token(), TTL)).isInstanceOf(Rotated.class);
    }

    @Test
    void usingATokenTwiceRevokesItsWholeFamily() {
        var staff = newStaff();
        var first = tokens.start(staff, TTL);
        var second = ((Rotated) tokens.rotate(first.token(), TTL)).next();
        var otherSession = tokens.start(staff, TTL);

        var reuse = tokens.rotate(first.token(), TTL);

        assertThat(reuse).isEqualTo(new Reused(staff, first.familyId()));
        assertThat(tokens.rotate(second.token(), TTL)).isInstanceOf(Refused.class);
        assertThat(tokens.rotate(otherSession.token(), TTL)).isInstanceOf(Rotated.class);
    }

    @Test
    void anExpiredTokenIsRefused() {
        var issued = tokens.start(newStaff(), Duration.ofSeconds(-1));

        assertThat(tokens.rotate(issued.token(), TTL)).isInstanceOf(Refused.class);
    }

    @Test
    void aDisabledAccountsTokenIsRefused() {
        var tenant = newTenant();
        var staff = accounts.create(tenant, "cook@example.com", "Cook", StaffRole.KITCHEN, null)
                .orElseThrow();
        var issued = tokens.start(staff.id(), TTL);

        accounts.disable(tenant, staff.id());

        assertThat(tokens.rotate(issued.token(), TTL)).isInstanceOf(Refused.class);
    }

    @Test
    void unknownOrForeignTokensAreRefused() {
        assertThat(tokens.rotate("cmr_unknown", TTL)).isInstanceOf(Refused.class);
        assertThat(tokens.rotate("cmd_an-api-key", TTL)).isInstanceOf(Refused.class);
        assertThat(tokens.rotate(null, TTL)).isInstanceOf(Refused.class);
    }

    @Test
    void sessionsListTheLiveFamiliesAndOneCanBeEnded() {
        var staff = newStaff();
        var kept = tokens.start(staff, TTL);
        var ended = tokens.start(staff, TTL);
        tokens.start(newStaff(), TTL);

        assertThat(tokens.sessions(staff)).hasSize(2);
        assertThat(tokens.revokeSession(staff, ended.familyId())).isTrue();
        assertThat(tokens.revokeSession(staff + 1_000_000, kept.familyId())).isFalse();

        assertThat(tokens.sessions(staff))
                .extracting(StaffRefreshTokens.Session::familyId)
                .containsExactly(kept.familyId());
        assertThat(tokens.rotate(ended.token(), TTL)).isInstanceOf(Refused.class);
    }

    @Test
    void revokingEverySessionEndsThemAll() {
        var staff = newStaff();
        var a = tokens.start(staff, TTL);
        var b = tokens.start(staff, TTL);

        assertThat(tokens.revokeAll(staff)).isEqualTo(2);

        assertThat(tokens.sessions(staff)).isEmpty();
        assertThat(tokens.rotate(a.token(), TTL)).isInstanceOf(Refused.class);
        assertThat(tokens.rotate(b.token(), TTL)).isInstanceOf(Refused.class);
    }

    @Test
    void theFamilyOfATokenIsKnownUsedOrNot() {
        var first = tokens.start(newStaff(), TTL);
        tokens.rotate(first.token(), TTL);

        assertThat(tokens.familyOf(first.token())).contains(first.familyId());
        assertThat(tokens.familyOf("cmr_nope")).isEmpty();
    }

    private long newStaff() {
        var tenant = newTenant();
        return accounts.create(tenant, "s-" + System.nanoTime() + "@example.com", "Staff", StaffRole.KITCHEN, null)
                .orElseThrow()
                .id();
    }
}
