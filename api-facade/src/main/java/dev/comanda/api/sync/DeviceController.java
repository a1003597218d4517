package dev.comanda.api.sync;

import dev.comanda.api.Text;
import dev.comanda.api.docs.ApiDocs;
import dev.comanda.api.error.ApiException;
import dev.comanda.persistence.pos.PosDevices;
import dev.comanda.persistence.pos.PosDevices.Device;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's POS devices: an admin registers one (and gets its DEVICE token once) or revokes it. */
@Tag(name = ApiDocs.DEVICES)
@RestController
@RequestMapping("/api/v1/devices")
class DeviceController {

    private final PosDevices devices;

    DeviceController(PosDevices devices) {
        this.devices = devices;
    }

    @Operation(summary = "Register a POS device; answers its DEVICE token once")
    @ApiResponse(responseCode = "201", description = "The device and its DEVICE token, shown this once")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Registered> register(@AuthenticationPrincipal Principal caller, @Valid @RequestBody NewDevice body) {
        var registered = devices.register(caller.tenantId(), body.name());
        var device = registered.device();
        return ResponseEntity.created(URI.create("/api/v1/devices/" + device.id()))
                .body(new Registered(device.id(), device.name(), device.createdAt(), registered.token()));
    }

    @Operation(summary = "The tenant's devices, revoked ones included")
    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    List<Device> list(@AuthenticationPrincipal Principal caller) {
        return devices.list(caller.tenantId());
    }

    @Operation(summary = "Revoke a device: its token stops working at its next request")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Principal caller, @PathVariable String id) {
        if (!id.matches("[a-f0-9]{32}") || !devices.revoke(caller.tenantId(), id)) {
            throw ApiException.notFound("device");
        }
        return ResponseEntity.noContent().build();
    }

    record NewDevice(
            @NotBlank
            @CodePointLength(max = 120)
            @Pattern(regexp = Text.NON_BLANK_LINE, message = "may not hold control characters")
            String name) {}

    /** {@link #toString()} leaves the token out: a response body may be logged at DEBUG, a token never. */
    record Registered(String id, String name, Instant createdAt, String token) {

        @Override
        public String toString() {
            return "Registered[id=" + id + ", name=" + name + "]";
        }
    }
}
