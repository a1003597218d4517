package dev.comanda.persistence.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.Actor;
import dev.comanda.testing.DataTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ApiTokensTests extends DataTestSupport {

    @Autowired
    ApiTokens tokens;

    @Test
    void tokenIsStoredOnlyAsItsSha256() {
        var tenant = newTenant();

        var issued = tokens.issue(tenant, Actor.KITCHEN, "kitchen tablet");

        assertThat(issued.token()).startsWith("cmd_").hasSize(4 + 43);
        var stored = jdbc.sql("SELECT token_hash FROM api_tokens WHERE id = ?")
                .params(issued.id())
                .query(String.class)
                .single();
        assertThat(stored).isEqualTo(ApiTokens.hash(issued.token())).hasSize(64).isNotEqualTo(issued.token());
        var clear = jdbc.sql("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ? OR name = ?")
                .params(issued.token(), issued.token())
                .query(Long.class)
                .single();
        assertThat(clear).isZero();
    }

    @Test
    void authenticateReturnsTheTenantAndRole() {
        var tenant = newTenant();
        var issued = tokens.issue(tenant, Actor.ADMIN, "owner");

        assertThat(tokens.authenticate(issued.token()))
                .contains(new ApiTokens.Principal(issued.id(), tenant, Actor.ADMIN));
    }

    @Test
    void unknownTokenDoesNotAuthenticate() {
        var issued = tokens.issue(newTenant(), Actor.CUSTOMER, "app");

        assertThat(tokens.authenticate(issued.token() + "x")).isEmpty();
        assertThat(tokens.authenticate("not-a-token")).isEmpty();
    }

    @Test
    void revokedTokenNoLongerAuthenticates() {
        var tenant = newTenant();
        var issued = tokens.issue(tenant, Actor.KITCHEN, "old tablet");

        assertThat(tokens.revoke(tenant, issued.id())).isTrue();

        assertThat(tokens.authenticate(issued.token())).isEmpty();
        assertThat(tokens.revoke(tenant, issued.id())).isFalse();
    }

    @Test
    void anotherTenantCannotRevokeAToken() {
        var tenant = newTenant();
        var issued = tokens.issue(tenant, Actor.KITCHEN, "tablet");

        assertThat(tokens.revoke(newTenant(), issued.id())).isFalse();

        assertThat(tokens.authenticate(issued.token())).isPresent();
    }

    @Test
    void anAdminListsTheTenantsKeysButNotItsDeviceTokens() {
        var tenant = newTenant();
        var kitchen = tokens.issue(tenant, Actor.KITCHEN, "kitchen tablet");
        var erp = tokens.issue(tenant, Actor.ADMIN, "erp");
        tokens.issue(tenant, Actor.DEVICE, "till 1");
        tokens.issue(newTenant(), Actor.KITCHEN, "another tenant's");
        tokens.revokeKey(tenant, kitchen.id());

        var keys = tokens.listKeys(tenant);

        assertThat(keys).extracting(ApiTokens.ApiKey::id).containsExactly(kitchen.id(), erp.id());
        assertThat(keys.get(0).role()).isEqualTo(Actor.KITCHEN);
        assertThat(keys.get(0).name()).isEqualTo("kitchen tablet");
        assertThat(keys.get(0).revokedAt())
                .isNotNull()
                .isAfterOrEqualTo(keys.get(0).createdAt());
        assertThat(keys.get(1).revokedAt()).isNull();
    }

    @Test
    void revokingAKeyLeavesDeviceTokensAndOtherTenantsAlone() {
        var tenant = newTenant();
        var device = tokens.issue(tenant, Actor.DEVICE, "till");
        var other = tokens.issue(newTenant(), Actor.OPS, "other");

        assertThat(tokens.revokeKey(tenant, device.id())).isFalse();
        assertThat(tokens.revokeKey(tenant, other.id())).isFalse();

        assertThat(tokens.authenticate(device.token())).isPresent();
        assertThat(tokens.authenticate(other.token())).isPresent();
    }

    @Test
    void aPublishableKeyAuthenticatesAsTheCustomerRoleAndIsListedAsPublishable() {
        var tenant = newTenant();

        var issued = tokens.issuePublishable(tenant, "web shop");

        assertThat(issued.token()).startsWith("cmp_");
        assertThat(tokens.authenticate(issued.token()))
                .contains(new ApiTokens.Principal(issued.id(), tenant, Actor.CUSTOMER));
        assertThat(tokens.listKeys(tenant))
                .singleElement()
                .satisfies(key -> assertThat(key.publishable()).isTrue());
    }

    @Test
    void aSecretKeysTokenWithThePublishablePrefixDoesNotAuthenticate() {
        var tenant = newTenant();
        var secret = tokens.issue(tenant, Actor.CUSTOMER, "backend");
        var publishable = tokens.issuePublishable(tenant, "web shop");

        // The row's kind must match the prefix the caller presents (the prefix is part of the hash too).
        jdbc.sql("UPDATE api_tokens SET token_hash = ? WHERE id = ?")
                .params(ApiTokens.hash("cmp_" + secret.token().substring(4)), secret.id())
                .update();

        assertThat(tokens.authenticate("cmp_" + secret.token().substring(4))).isEmpty();
        assertThat(tokens.authenticate(publishable.token())).isPresent();
    }
}
