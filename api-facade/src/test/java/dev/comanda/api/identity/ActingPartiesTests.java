package dev.comanda.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.comanda.order.ActingParty;
import dev.comanda.order.ActingParty.Kind;
import dev.comanda.order.Actor;
import dev.comanda.persistence.pos.PosDevices;
import dev.comanda.persistence.tenant.ApiTokens;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** The name of a key or a device behind a change: read once, not per kitchen move; an outage costs the name only. */
class ActingPartiesTests {

    private final ApiTokens tokens = mock(ApiTokens.class);
    private final PosDevices devices = mock(PosDevices.class);
    private final ActingParties parties = new ActingParties(tokens, devices);

    private final Principal kitchenKey = new Principal(7, "pizzeria-roma", Actor.KITCHEN);
    private final Principal counter = new Principal(9, "pizzeria-roma", Actor.DEVICE);

    @Test
    void aKeyMovingOrdersAgainAndAgainHasItsNameReadOnce() {
        when(tokens.name("pizzeria-roma", 7)).thenReturn(Optional.of("kitchen screen"));

        for (int move = 0; move < 5; move++) {
            assertThat(parties.key(kitchenKey)).isEqualTo(new ActingParty(Kind.API_KEY, "7", "kitchen screen"));
        }

        verify(tokens, times(1)).name("pizzeria-roma", 7);
    }

    @Test
    void aDeviceIsNamedByItsDeviceRecordOnce() {
        when(devices.byToken("pizzeria-roma", 9))
                .thenReturn(Optional.of(new PosDevices.Device("dev-1", "front counter", Instant.EPOCH, null)));

        assertThat(parties.key(counter)).isEqualTo(new ActingParty(Kind.DEVICE, "dev-1", "front counter"));
        assertThat(parties.key(counter)).isEqualTo(new ActingParty(Kind.DEVICE, "dev-1", "front counter"));

        verify(devices, times(1)).byToken("pizzeria-roma", 9);
    }

    @Test
    void aNameThatCannotBeReadIsLeftOutAndLookedUpAgainNextTime() {
        when(tokens.name("pizzeria-roma", 7))
                .thenThrow(new DataAccessResourceFailureException("MariaDB is restarting"))
                .thenReturn(Optional.of("kitchen screen"));

        assertThat(parties.key(kitchenKey)).isEqualTo(new ActingParty(Kind.API_KEY, "7", null));
        assertThat(parties.key(kitchenKey)).isEqualTo(new ActingParty(Kind.API_KEY, "7", "kitchen screen"));

        verify(tokens, times(2)).name("pizzeria-roma", 7);
    }
}
