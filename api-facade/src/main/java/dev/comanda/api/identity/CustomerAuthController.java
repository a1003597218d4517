package dev.comanda.api.identity;

import dev.comanda.api.AccountEmail;
import dev.comanda.api.TenantId;
import dev.comanda.api.docs.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's sign-in by e-mail: ask for a one-time code, trade it for a customer access token, sign
 * out. The first two take no bearer token (the mailbox is the credential); the token then reads the
 * menu, places orders that belong to the customer, and lists, reads, cancels and follows those only.
 */
@Tag(name = ApiDocs.AUTH)
@RestController
@RequestMapping("/api/v1/auth/customers")
class CustomerAuthController {

    /** Paths that take no bearer token; the security configuration lets them through. */
    static final String[] OPEN_PATHS = {"/api/v1/auth/customers/code", "/api/v1/auth/customers/token"};

    private final CustomerSignIn signIn;

    CustomerAuthController(CustomerSignIn signIn) {
        this.signIn = signIn;
    }

    @Operation(summary = "E-mail a one-time sign-in code to a customer; the same answer for every address")
    @ApiResponse(responseCode = "202", description = "A code is on its way (to any address, account or not)")
    @ApiResponse(responseCode = "429", description = "Too many codes asked for this address or from this source")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/code")
    ResponseEntity<CustomerSignIn.CodeSent> requestCode(
            @Valid @RequestBody CodeRequest body, HttpServletRequest request) {
        return ResponseEntity.accepted().body(signIn.requestCode(body.tenant(), body.email(), request.getRemoteAddr()));
    }

    @Operation(summary = "Trade the e-mailed code for a customer access token (JWT); the code is used up")
    @ApiResponse(responseCode = "200", description = "The customer's access token")
    @ApiResponse(responseCode = "401", description = "The code is wrong, used or expired (one answer)")
    @ApiResponse(responseCode = "429", description = "The code has had all its tries; ask for a new one")
    @PostMapping("/token")
    CustomerSignIn.CustomerTokens signIn(@Valid @RequestBody CodeSignIn body) {
        return signIn.signIn(body.tenant(), body.email(), body.code());
    }

    @Operation(summary = "Sign the customer out: its access token stops at once")
    @ApiResponse(responseCode = "204", description = "Signed out")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PostMapping("/sign-out")
    @PreAuthorize("hasRole('CUSTOMER_ACCOUNT')")
    ResponseEntity<Void> signOut(Authentication caller) {
        signIn.signOut((CustomerAuthentication) caller);
        return ResponseEntity.noContent().build();
    }

    record CodeRequest(
            @TenantId String tenant, @NotBlank @AccountEmail String email) {

        @Override
        public String toString() {
            return "CodeRequest[tenant=" + tenant + "]";
        }
    }

    record CodeSignIn(
            @TenantId String tenant,

            @NotBlank @AccountEmail String email,

            @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be the 6 digits of the e-mail")
            String code) {

        @Override
        public String toString() {
            return "CodeSignIn[tenant=" + tenant + "]";
        }
    }
}
