package dev.comanda.client;

import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/** {@code /api/v1/devices}: the tenant's POS devices, for ADMIN tokens. */
public final class DevicesApi {

    private static final String DEVICES = Transport.API + "/devices";

    private final Transport transport;
    private final String token;

    DevicesApi(Transport transport, String token) {
        this.transport = transport;
        this.token = token;
    }

    /** Registers a device (201); the answer holds its DEVICE token, shown this once. */
    public Device register(String name) {
        return transport.call("POST", DEVICES, Transport.headers(token), Map.of("name", name), Device.class);
    }

    /** Every device, revoked ones included (without tokens). */
    public List<Device> list() {
        return transport.call(
                "GET",
                DEVICES,
                Transport.headers(token),
                null,
                Transport.JSON.getTypeFactory().constructType(new TypeReference<List<Device>>() {}));
    }

    /** Revokes a device (204): its token stops working at its next request. */
    public void revoke(String deviceId) {
        transport.call("DELETE", DEVICES + "/" + deviceId, Transport.headers(token), null, Void.class);
    }
}
