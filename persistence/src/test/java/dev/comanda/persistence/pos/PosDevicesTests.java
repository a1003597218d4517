package dev.comanda.persistence.pos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.Actor;
import dev.comanda.persistence.tenant.ApiTokens;
import dev.comanda.testing.DataTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PosDevicesTests extends DataTestSupport {

    @Autowired
    PosDevices devices;

    @Autowired
    ApiTokens tokens;

    @Test
    void aRegisteredDeviceHasADeviceTokenThatFindsIt() {
        var tenant = newTenant();

        var registered = devices.register(tenant, "counter");

        var principal = tokens.authenticate(registered.token()).orElseThrow();
        assertThat(principal.role()).isEqualTo(Actor.DEVICE);
        assertThat(devices.byToken(tenant, principal.tokenId()))
                .map(PosDevices.Device::id)
                .contains(registered.device().id());
    }

    @Test
    void revokingADeviceRevokesItsTokenAndOnlyOnce() {
        var tenant = newTenant();
        var registered = devices.register(tenant, "stolen");
        var tokenId = tokens.authenticate(registered.token()).orElseThrow().tokenId();

        assertThat(devices.revoke(tenant, registered.device().id())).isTrue();

        assertThat(tokens.authenticate(registered.token())).isEmpty();
        assertThat(devices.byToken(tenant, tokenId)).isEmpty();
        assertThat(devices.revoke(tenant, registered.device().id())).isFalse();
        assertThat(devices.list(tenant))
                .singleElement()
                .satisfies(d -> assertThat(d.revokedAt()).isNotNull());
    }

    @Test
    void anotherTenantCannotRevokeTheDevice() {
        var tenant = newTenant();
        var registered = devices.register(tenant, "ours");

        assertThat(devices.revoke(newTenant(), registered.device().id())).isFalse();
        assertThat(tokens.authenticate(registered.token())).isPresent();
    }
}
