package dev.comanda.api.identity;

import dev.comanda.api.AccountEmail;
import dev.comanda.api.Text;
import dev.comanda.api.docs.ApiDocs;
import dev.comanda.api.error.ApiException;
import dev.comanda.persistence.identity.StaffAccounts;
import dev.comanda.persistence.identity.StaffAccounts.StaffAccount;
import dev.comanda.persistence.identity.StaffAccounts.StaffRole;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's staff, for its admins (an owner or manager signed in, or an ADMIN API key): invite a person
 * (an e-mail with a one-time code, with which they choose their password), list, change a role (their
 * older access tokens stop at once), disable (every session ends at once).
 */
@Tag(name = ApiDocs.STAFF)
@RestController
@RequestMapping("/api/v1/staff")
class StaffController {

    private static final String ROLES = "must be one of OWNER, MANAGER, KITCHEN, WAITER, OPS";

    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final StaffOnboarding onboarding;
    private final PasswordEncoder passwords;

    StaffController(
            StaffAccounts accounts, StaffSessions sessions, StaffOnboarding onboarding, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.onboarding = onboarding;
        this.passwords = passwords;
    }

    @Operation(
            summary = "Invite a person to the staff: an e-mail with a one-time code, with which they choose"
                    + " their password (POST /api/v1/auth/invitation). A password in the body sets it instead"
                    + " (scripts and tests; an admin should not know people's passwords)")
    @ApiResponse(responseCode = "201", description = "The account; passwordSet false until the invitation is used")
    @ApiResponse(responseCode = "409", description = "The tenant has an account with this e-mail")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Staff> create(@AuthenticationPrincipal Principal caller, @Valid @RequestBody NewStaff body) {
        var role = StaffRole.valueOf(body.role());
        var account = (body.password() == null
                        ? onboarding.invite(caller.tenantId(), body.email(), body.name(), role)
                        : accounts.create(
                                caller.tenantId(), body.email(), body.name(), role, passwords.encode(body.password())))
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "an account with this e-mail exists"));
        return ResponseEntity.created(URI.create("/api/v1/staff/" + account.id()))
                .body(Staff.of(account));
    }

    @Operation(summary = "E-mail a person who has not chosen a password yet a new invitation code")
    @ApiResponse(responseCode = "202", description = "Sent; the earlier codes stop working")
    @ApiResponse(responseCode = "409", description = "The account has chosen its password already, or is disabled")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{id}/invitation")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> reinvite(@AuthenticationPrincipal Principal caller, @PathVariable String id) {
        var account = accounts.find(caller.tenantId(), staffId(id)).orElseThrow(() -> ApiException.notFound("staff"));
        onboarding.reinvite(account);
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "The tenant's staff, disabled accounts included")
    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    List<Staff> list(@AuthenticationPrincipal Principal caller) {
        return accounts.list(caller.tenantId()).stream().map(Staff::of).toList();
    }

    @Operation(summary = "Change a person's role; their access tokens issued before stop at once")
    @PutMapping("/{id}/role")
    @PreAuthorize("hasRole('ADMIN')")
    Staff changeRole(
            @AuthenticationPrincipal Principal caller, @PathVariable String id, @Valid @RequestBody RoleChange body) {
        var staffId = staffId(id);
        var account = accounts.find(caller.tenantId(), staffId).orElseThrow(() -> ApiException.notFound("staff"));
        if (accounts.setRole(caller.tenantId(), staffId, StaffRole.valueOf(body.role()))) {
            sessions.accountChanged(caller.tenantId(), staffId);
        }
        return Staff.of(accounts.find(caller.tenantId(), account.id()).orElseThrow());
    }

    @Operation(summary = "Disable a person: every session and access token ends at once")
    @ApiResponse(responseCode = "204", description = "Disabled")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PostMapping("/{id}/disable")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> disable(@AuthenticationPrincipal Principal caller, @PathVariable String id) {
        var staffId = staffId(id);
        if (accounts.find(caller.tenantId(), staffId).isEmpty()) {
            throw ApiException.notFound("staff");
        }
        accounts.disable(caller.tenantId(), staffId);
        sessions.endEverySession(caller.tenantId(), staffId);
        return ResponseEntity.noContent().build();
    }

    private static long staffId(String id) {
        if (!id.matches("[0-9]{1,18}")) {
            throw ApiException.notFound("staff");
        }
        return Long.parseLong(id);
    }

    record NewStaff(
            @NotBlank @AccountEmail String email,

            @NotBlank
            @CodePointLength(max = 120)
            @Pattern(regexp = Text.NON_BLANK_LINE, message = "may not hold control characters")
            String name,

            @NotNull @Pattern(regexp = "OWNER|MANAGER|KITCHEN|WAITER|OPS", message = ROLES)
            String role,

            /** Absent: the person is invited by e-mail and chooses it. */
            @CodePointLength(min = StaffPasswords.MIN_LENGTH, max = StaffPasswords.MAX_LENGTH)
            String password) {

        @Override
        public String toString() {
            return "NewStaff[role=" + role + "]";
        }
    }

    record RoleChange(
            @NotNull @Pattern(regexp = "OWNER|MANAGER|KITCHEN|WAITER|OPS", message = ROLES)
            String role) {}

    /**
     * An account as its admins see it: never its password hash, only whether there is one ({@code passwordSet}
     * is false while an invitation waits).
     */
    record Staff(
            long id,
            String email,
            String name,
            StaffRole role,
            Instant createdAt,
            Instant disabledAt,
            boolean passwordSet) {

        static Staff of(StaffAccount account) {
            return new Staff(
                    account.id(),
                    account.email(),
                    account.name(),
                    account.role(),
                    account.createdAt(),
                    account.disabledAt(),
                    account.passwordHash() != null);
        }
    }
}
