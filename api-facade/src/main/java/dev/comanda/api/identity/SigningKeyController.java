package dev.comanda.api.identity;

import dev.comanda.api.docs.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator rotates the key that signs access tokens (tokens signed before stay valid until they expire) and
 * seals the stored keys by the newest master key.
 */
@Tag(name = ApiDocs.TENANTS)
@RestController
@RequestMapping("/api/v1/ops/signing-keys")
class SigningKeyController {

    private final SigningKeyRing keys;

    SigningKeyController(SigningKeyRing keys) {
        this.keys = keys;
    }

    /** The new key's ID, which access tokens name in their header from now on. */
    record Rotated(String kid) {}

    /** How many stored keys the call sealed (0 when all were sealed by the newest master key already). */
    record Sealed(int sealed) {}

    @Operation(
            summary = "Seal the stored signing keys that are in clear, or under an older master key, by the newest"
                    + " master key; once every instance runs a build that reads sealed keys")
    @PostMapping("/seal")
    @PreAuthorize("hasRole('OPERATOR')")
    Sealed seal() {
        return new Sealed(keys.seal());
    }

    @Operation(
            summary =
                    "Rotate the access tokens' signing key; every instance signs with it within COMANDA_IDENTITY_KEY_REFRESH")
    @PostMapping("/rotate")
    @PreAuthorize("hasRole('OPERATOR')")
    Rotated rotate() {
        return new Rotated(keys.rotate());
    }
}
