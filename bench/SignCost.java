import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What one token signature costs on this machine's JDK: RS256 (RSA-2048) signing and verifying, ES256
 * signing and HS256, each over a JWT-sized input, three rounds after the first warms the JIT. Why guest
 * tracking tokens are signed HS256 (docs/identity.md). Usage: {@code java bench/SignCost.java}.
 */
public class SignCost {

    private static final int ROUNDS = 3;
    private static final int SIGNATURES = 2_000;

    public static void main(String[] args) throws Exception {
        var rsaKeys = KeyPairGenerator.getInstance("RSA");
        rsaKeys.initialize(2048);
        var rsa = rsaKeys.generateKeyPair();
        var ecKeys = KeyPairGenerator.getInstance("EC");
        ecKeys.initialize(new ECGenParameterSpec("secp256r1"));
        var ec = ecKeys.generateKeyPair();
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        var jwt = new byte[300];
        var rsaSignature = sign("SHA256withRSA", rsa.getPrivate(), jwt);
        for (int round = 0; round <= ROUNDS; round++) {
            var rs256 = time(() -> sign("SHA256withRSA", rsa.getPrivate(), jwt));
            var rs256Verify = time(() -> {
                var verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(rsa.getPublic());
                verifier.update(jwt);
                verifier.verify(rsaSignature);
            });
            var es256 = time(() -> sign("SHA256withECDSAinP1363Format", ec.getPrivate(), jwt));
            var hs256 = time(() -> mac.doFinal(jwt));
            if (round > 0) {
                System.out.printf(
                        "round %d: RS256 sign %.0f µs, RS256 verify %.0f µs, ES256 sign %.0f µs, HS256 %.1f µs%n",
                        round, rs256, rs256Verify, es256, hs256);
            }
        }
    }

    private static byte[] sign(String algorithm, java.security.PrivateKey key, byte[] input) throws Exception {
        var signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(input);
        return signer.sign();
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Microseconds per call. */
    private static double time(Step step) throws Exception {
        var start = System.nanoTime();
        for (int i = 0; i < SIGNATURES; i++) {
            step.run();
        }
        return (System.nanoTime() - start) / 1_000.0 / SIGNATURES;
    }
}
