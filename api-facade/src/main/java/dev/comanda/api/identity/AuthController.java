package dev.comanda.api.identity;

import dev.comanda.api.AccountEmail;
import dev.comanda.api.TenantId;
import dev.comanda.api.docs.ApiDocs;
import dev.comanda.api.error.ApiException;
import dev.comanda.persistence.identity.StaffRefreshTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff sign-in: {@code login}, {@code refresh} and {@code logout} take no bearer token (the password or
 * the refresh token is the credential); the JWKS publishes the keys access tokens are checked with; a
 * signed-in person lists and ends their sessions and changes their password.
 */
@Tag(name = ApiDocs.AUTH)
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    /** Paths that take no bearer token; the security configuration lets them through. */
    static final String[] OPEN_PATHS = {
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/jwks",
        "/api/v1/auth/invitation",
        "/api/v1/auth/password-reset",
        "/api/v1/auth/password-reset/confirm"
    };

    private final StaffSessions sessions;
    private final StaffOnboarding onboarding;
    private final SigningKeyRing keys;

    AuthController(StaffSessions sessions, StaffOnboarding onboarding, SigningKeyRing keys) {
        this.sessions = sessions;
        this.onboarding = onboarding;
        this.keys = keys;
    }

    @Operation(summary = "Choose a password with the code of an invitation e-mail, and sign in")
    @ApiResponse(responseCode = "200", description = "The new session's tokens")
    @ApiResponse(responseCode = "401", description = "The code is wrong, used or expired (one answer)")
    @ApiResponse(responseCode = "429", description = "The code has had all its tries; the admin sends a new one")
    @SecurityRequirements
    @PostMapping("/invitation")
    StaffSessions.Tokens acceptInvitation(@Valid @RequestBody InvitationAcceptance body) {
        return onboarding.acceptInvitation(body.tenant(), body.email(), body.code(), body.password());
    }

    @Operation(summary = "Forgot the password: e-mail a reset code to the account; the same answer for every address")
    @ApiResponse(responseCode = "202", description = "A code is on its way if the address is an enabled account's")
    @ApiResponse(responseCode = "429", description = "Too many codes asked for this address or from this source")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @SecurityRequirements
    @PostMapping("/password-reset")
    ResponseEntity<Void> requestReset(@Valid @RequestBody ResetRequest body, HttpServletRequest request) {
        onboarding.requestReset(body.tenant(), body.email(), request.getRemoteAddr());
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "A new password with the reset code; every session of the account ends")
    @ApiResponse(responseCode = "204", description = "Changed; log in with the new password")
    @ApiResponse(responseCode = "401", description = "The code is wrong, used or expired (one answer)")
    @ApiResponse(responseCode = "429", description = "The code has had all its tries; ask for a new one")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirements
    @PostMapping("/password-reset/confirm")
    ResponseEntity<Void> reset(@Valid @RequestBody PasswordReset body) {
        onboarding.reset(body.tenant(), body.email(), body.code(), body.newPassword());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Log in with e-mail and password: an access token (JWT) and a refresh token")
    @ApiResponse(responseCode = "200", description = "The tokens")
    @ApiResponse(responseCode = "401", description = "E-mail or password wrong, or the account disabled (one answer)")
    @ApiResponse(responseCode = "429", description = "Too many failed logins of the account or from the address")
    @SecurityRequirements
    @PostMapping("/login")
    StaffSessions.Tokens login(@Valid @RequestBody Login body, HttpServletRequest request) {
        return sessions.login(body.tenant(), body.email(), body.password(), request.getRemoteAddr());
    }

    @Operation(summary = "Trade a refresh token for new tokens; the refresh token is used up")
    @ApiResponse(responseCode = "200", description = "The next tokens of the session")
    @ApiResponse(responseCode = "401", description = "Invalid, expired or revoked; a reused token ends its session")
    @SecurityRequirements
    @PostMapping("/refresh")
    StaffSessions.Tokens refresh(@Valid @RequestBody Refresh body) {
        return sessions.refresh(body.refreshToken());
    }

    @Operation(summary = "End the refresh token's session, its access tokens included")
    @ApiResponse(responseCode = "204", description = "Ended, or there was nothing to end")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirements
    @PostMapping("/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody Refresh body) {
        sessions.logout(body.refreshToken());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The public keys access tokens are signed with (JWKS)")
    @SecurityRequirements
    @GetMapping("/jwks")
    Map<String, Object> jwks() {
        return keys.publicKeys().toJSONObject();
    }

    @Operation(summary = "The caller's live sessions")
    @GetMapping("/sessions")
    @PreAuthorize("hasAuthority('STAFF')")
    List<StaffRefreshTokens.Session> sessions(Authentication caller) {
        return sessions.sessions((StaffAuthentication) caller);
    }

    @Operation(summary = "End one of the caller's sessions")
    @ApiResponse(responseCode = "204", description = "Ended")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/sessions/{id}")
    @PreAuthorize("hasAuthority('STAFF')")
    ResponseEntity<Void> endSession(Authentication caller, @PathVariable String id) {
        if (!id.matches("[a-f0-9]{32}") || !sessions.endSession((StaffAuthentication) caller, id)) {
            throw ApiException.notFound("session");
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Change the caller's password; every session of the account ends")
    @ApiResponse(responseCode = "204", description = "Changed; log in again")
    @ApiResponse(
            responseCode = "422",
            description = "A field of the body is invalid, or currentPassword is not the account's (errors names it)")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PutMapping("/password")
    @PreAuthorize("hasAuthority('STAFF')")
    ResponseEntity<Void> changePassword(Authentication caller, @Valid @RequestBody PasswordChange body) {
        sessions.changePassword((StaffAuthentication) caller, body.currentPassword(), body.newPassword());
        return ResponseEntity.noContent().build();
    }

    record Login(
            @TenantId String tenant,

            @NotBlank @AccountEmail String email,
            @NotBlank @CodePointLength(max = 128) String password) {

        @Override
        public String toString() {
            return "Login[tenant=" + tenant + "]";
        }
    }

    record Refresh(
            @NotBlank @CodePointLength(max = 100) @Pattern(regexp = "cmr_[A-Za-z0-9_-]+")
            String refreshToken) {

        @Override
        public String toString() {
            return "Refresh[]";
        }
    }

    /** An e-mailed staff code: ten letters and digits, the dash of the e-mail's grouping optional. */
    static final String STAFF_CODE = "[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}";

    static final String STAFF_CODE_MESSAGE = "must be the 10-character code of the e-mail";

    record InvitationAcceptance(
            @TenantId String tenant,

            @NotBlank @AccountEmail String email,

            @NotBlank @Pattern(regexp = STAFF_CODE, message = STAFF_CODE_MESSAGE)
            String code,

            @NotBlank @CodePointLength(min = StaffPasswords.MIN_LENGTH, max = StaffPasswords.MAX_LENGTH)
            String password) {

        @Override
        public String toString() {
            return "InvitationAcceptance[tenant=" + tenant + "]";
        }
    }

    record ResetRequest(
            @TenantId String tenant, @NotBlank @AccountEmail String email) {

        @Override
        public String toString() {
            return "ResetRequest[tenant=" + tenant + "]";
        }
    }

    record PasswordReset(
            @TenantId String tenant,

            @NotBlank @AccountEmail String email,

            @NotBlank @Pattern(regexp = STAFF_CODE, message = STAFF_CODE_MESSAGE)
            String code,

            @NotBlank @CodePointLength(min = StaffPasswords.MIN_LENGTH, max = StaffPasswords.MAX_LENGTH)
            String newPassword) {

        @Override
        public String toString() {
            return "PasswordReset[tenant=" + tenant + "]";
        }
    }

    record PasswordChange(
            @NotBlank @CodePointLength(max = 128) String currentPassword,

            @NotBlank @CodePointLength(min = StaffPasswords.MIN_LENGTH, max = StaffPasswords.MAX_LENGTH)
            String newPassword) {

        @Override
        public String toString() {
            return "PasswordChange[]";
        }
    }
}
