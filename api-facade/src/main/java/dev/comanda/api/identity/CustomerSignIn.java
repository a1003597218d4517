package dev.comanda.api.identity;

import dev.comanda.api.error.TooManyAttempts;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.identity.CustomerAccounts;
import dev.comanda.persistence.identity.OneTimeCodes.Purpose;
import dev.comanda.persistence.identity.StaffAccounts;
import dev.comanda.persistence.tenant.TenantRepository;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.stereotype.Service;

/**
 * A customer's sign-in without a password: a one-time code by e-mail, then an access token for the
 * customer account of that address (created on its first sign-in). Every address gets a code, so the
 * answer to a request says nothing about who has an account; a restaurant that does not exist gets the
 * same answer and no e-mail.
 */
@Service
class CustomerSignIn {

    /** What a verified code answers. {@link #toString()} leaves the token out of any log. */
    record CustomerTokens(String accessToken, String tokenType, long expiresIn, long customerId) {

        @Override
        public String toString() {
            return "CustomerTokens[customerId=" + customerId + ", expiresIn=" + expiresIn + "]";
        }
    }

    /** What a request for a code answers, whatever the address: how long a code sent now is good for. */
    record CodeSent(long expiresIn) {}

    private final EmailCodes codes;
    private final CodeThrottle throttle;
    private final TenantRepository tenants;
    private final CustomerAccounts accounts;
    private final AccessTokens accessTokens;
    private final SessionDenylist denylist;
    private final IdentityProperties properties;
    private final SecureRandom random = new SecureRandom();

    CustomerSignIn(
            EmailCodes codes,
            CodeThrottle throttle,
            TenantRepository tenants,
            CustomerAccounts accounts,
            AccessTokens accessTokens,
            SessionDenylist denylist,
            IdentityProperties properties) {
        this.codes = codes;
        this.throttle = throttle;
        this.tenants = tenants;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.denylist = denylist;
        this.properties = properties;
    }

    /** Sends a code to the address (429 when it or the source asked too often); the same answer for anyone. */
    CodeSent requestCode(String tenantId, String email, String source) {
        var address = StaffAccounts.normalized(email);
        throttle.request(tenantId, Purpose.CUSTOMER_SIGN_IN.name(), address, source)
                .ifPresent(wait -> {
                    throw new TooManyAttempts("too many codes asked for; try again later", wait.toSeconds());
                });
        if (OrderContract.isTenantId(tenantId) && tenants.find(tenantId).isPresent()) {
            codes.send(tenantId, Purpose.CUSTOMER_SIGN_IN, address, AccountEmailTexts.Addressee.UNKNOWN);
        } else {
            codes.sendNothing();
        }
        return new CodeSent(properties.signInCodeTtl().toSeconds());
    }

    /** Uses the code (401 wrong, used or expired; 429 out of tries) and answers the customer's access token. */
    CustomerTokens signIn(String tenantId, String email, String code) {
        var address = StaffAccounts.normalized(email);
        codes.use(tenantId, Purpose.CUSTOMER_SIGN_IN, address, code);
        var account = accounts.signedIn(tenantId, address);
        var sessionId = HexFormat.of().formatHex(randomBytes());
        return new CustomerTokens(
                accessTokens.issueCustomer(account, sessionId),
                "Bearer",
                properties.customerTokenTtl().toSeconds(),
                account.id());
    }

    /** Stops the caller's access token at once, on every instance. */
    void signOut(CustomerAuthentication caller) {
        denylist.endCustomerSession(caller.sessionId());
    }

    private byte[] randomBytes() {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }
}
