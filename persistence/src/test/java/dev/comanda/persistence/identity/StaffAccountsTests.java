package dev.comanda.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.persistence.identity.StaffAccounts.StaffRole;
import dev.comanda.testing.DataTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StaffAccountsTests extends DataTestSupport {

    @Autowired
    StaffAccounts accounts;

    @Test
    void anEmailIsKeptInLowerCaseAndFoundWhateverItsCase() {
        var tenant = newTenant();

        var created = accounts.create(tenant, " Ana@Example.COM ", "Ana", StaffRole.KITCHEN, "{bcrypt}x")
                .orElseThrow();

        assertThat(created.email()).isEqualTo("ana@example.com");
        assertThat(accounts.findByEmail(tenant, "ANA@example.com")).contains(created);
    }

    @Test
    void anEmailIsUniquePerTenantOnly() {
        var tenant = newTenant();
        accounts.create(tenant, "ana@example.com", "Ana", StaffRole.KITCHEN, null);

        assertThat(accounts.create(tenant, "ana@example.com", "Ana 2", StaffRole.OPS, null))
                .isEmpty();
        assertThat(accounts.create(newTenant(), "ana@example.com", "Ana", StaffRole.OWNER, null))
                .isPresent();
    }

    @Test
    void anotherTenantNeitherFindsNorChangesAnAccount() {
        var tenant = newTenant();
        var ana = accounts.create(tenant, "ana@example.com", "Ana", StaffRole.KITCHEN, null)
                .orElseThrow();
        var other = newTenant();

        assertThat(accounts.find(other, ana.id())).isEmpty();
        assertThat(accounts.findByEmail(other, "ana@example.com")).isEmpty();
        assertThat(accounts.setRole(other, ana.id(), StaffRole.OWNER)).isFalse();
        assertThat(accounts.disable(other, ana.id())).isFalse();
        assertThat(accounts.setPassword(other, ana.id(), "{bcrypt}y")).isFalse();

        assertThat(accounts.find(tenant, ana.id())).contains(ana);
    }

    @Test
    void aRoleChangeOrDisablingMovesChangedAt() {
        var tenant = newTenant();
        var ana = accounts.create(tenant, "ana@example.com", "Ana", StaffRole.KITCHEN, null)
                .orElseThrow();

        assertThat(accounts.setRole(tenant, ana.id(), StaffRole.MANAGER)).isTrue();
        assertThat(accounts.setRole(tenant, ana.id(), StaffRole.MANAGER)).isFalse();
        assertThat(accounts.disable(tenant, ana.id())).isTrue();
        assertThat(accounts.disable(tenant, ana.id())).isFalse();

        var now = accounts.find(tenant, ana.id()).orElseThrow();
        assertThat(now.role()).isEqualTo(StaffRole.MANAGER);
        assertThat(now.disabled()).isTrue();
        assertThat(now.changedAt()).isAfterOrEqualTo(ana.changedAt());
    }
}
