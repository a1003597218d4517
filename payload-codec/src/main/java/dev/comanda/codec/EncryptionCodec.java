package dev.comanda.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.payload.context.HasWorkflowSerializationContext;
import io.temporal.payload.context.SerializationContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload with AES-256-GCM under the data key of its workflow (the serialization context's
 * workflow ID): the whole payload (metadata and data) becomes the ciphertext of a payload whose metadata
 * says {@code encoding: binary/encrypted} and names the data key (and the master key that wraps it). The
 * key id is the GCM's associated data, so a payload cannot be moved under another key's id.
 *
 * <p>Decoding a payload that is not encrypted returns it as it is: histories written before encryption
 * was switched on, and payloads of other SDK parts, still read. Encoding never leaves a payload in clear:
 * without a key it fails.
 */
public final class EncryptionCodec implements PayloadCodec {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final DataKeys keys;
    private final String scope;

    public EncryptionCodec(DataKeys keys) {
        this(keys, PayloadEncryption.NO_CONTEXT_SCOPE);
    }

    private EncryptionCodec(DataKeys keys, String scope) {
        this.keys = keys;
        this.scope = scope;
    }

    /** The scope new payloads are encrypted for: the workflow's ID when the SDK gives one. */
    String scope() {
        return scope;
    }

    @Override
    public PayloadCodec withContext(SerializationContext context) {
        if (context instanceof HasWorkflowSerializationContext workflow && workflow.getWorkflowId() != null) {
            return new EncryptionCodec(keys, workflow.getWorkflowId());
        }
        return this;
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        var encoded = new ArrayList<Payload>(payloads.size());
        DataKey key = null;
        for (var payload : payloads) {
            if (PayloadEncryption.isEncrypted(payload)) {
                encoded.add(payload);
                continue;
            }
            if (key == null) {
                key = keys.current(scope);
            }
            encoded.add(encrypt(payload, key));
        }
        return encoded;
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        var decoded = new ArrayList<Payload>(payloads.size());
        for (var payload : payloads) {
            decoded.add(PayloadEncryption.isEncrypted(payload) ? decrypt(payload) : payload);
        }
        return decoded;
    }

    private static Payload encrypt(Payload payload, DataKey key) {
        var iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            var cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(key.id().getBytes(StandardCharsets.UTF_8));
            var plain = payload.toByteArray();
            var out = ByteBuffer.allocate(IV_BYTES + cipher.getOutputSize(plain.length));
            out.put(iv);
            cipher.doFinal(ByteBuffer.wrap(plain), out);
            out.flip();
            var encrypted = Payload.newBuilder()
                    .putMetadata(PayloadEncryption.ENCODING, PayloadEncryption.ENCRYPTED)
                    .putMetadata(PayloadEncryption.CIPHER_KEY, PayloadEncryption.CIPHER_NAME)
                    .putMetadata(PayloadEncryption.KEY_ID, ByteString.copyFromUtf8(key.id()));
            if (key.masterKeyId() != null) {
                encrypted.putMetadata(PayloadEncryption.MASTER_KEY_ID, ByteString.copyFromUtf8(key.masterKeyId()));
            }
            return encrypted.setData(ByteString.copyFrom(out)).build();
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException(e);
        }
    }

    private Payload decrypt(Payload payload) {
        var keyId = payload.getMetadataOrDefault(PayloadEncryption.KEY_ID, ByteString.EMPTY)
                .toStringUtf8();
        if (keyId.isEmpty()) {
            throw new PayloadCodecException("an encrypted payload without " + PayloadEncryption.KEY_ID);
        }
        var key = keys.byId(keyId);
        var data = payload.getData().asReadOnlyByteBuffer();
        if (data.remaining() < IV_BYTES) {
            throw new PayloadCodecException("an encrypted payload too short to hold its IV");
        }
        var iv = new byte[IV_BYTES];
        data.get(iv);
        try {
            var cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            var plain = ByteBuffer.allocate(cipher.getOutputSize(data.remaining()));
            cipher.doFinal(data, plain);
            plain.flip();
            return Payload.parseFrom(plain);
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException("payload under data key " + keyId + " does not decrypt", e);
        } catch (InvalidProtocolBufferException e) {
            throw new PayloadCodecException("payload under data key " + keyId + " is not a payload", e);
        }
    }
}
