package dev.comanda.persistence.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.testing.DataTestSupport;
import org.junit.jupiter.api.Test;

class TenantRepositoryTests extends DataTestSupport {

    @Test
    void createdTenantIsFoundAndItsIdCannotBeTakenAgain() {
        var id = newTenant();

        assertThat(tenants.find(id)).hasValueSatisfying(t -> {
            assertThat(t.currency()).isEqualTo("BRL");
            assertThat(t.createdAt()).isNotNull();
        });
        assertThat(tenants.create(id, "Copycat", "USD")).isFalse();
        assertThat(tenants.find(id).orElseThrow().name()).isNotEqualTo("Copycat");
    }

    @Test
    void tenantIdMustBeASlug() {
        assertThatThrownBy(() -> tenants.create("Bad Id", "Bad", "BRL")).isInstanceOf(IllegalArgumentException.class);
        assertThat(tenants.find("Bad Id")).isEmpty();
    }
}
