package dev.comanda.codec;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/**
 * The one data converter of every Temporal client of Comanda (API, workers, tools, test launchers):
 * Temporal's default JSON conversion, then {@link EncryptionCodec}. Failure messages and stack traces stay
 * clear ({@code encodeFailureAttributes} off): the SDK 1.38 client does not decode them on a rejected
 * update, whose message the API answers (409 "cannot move from …"); so no failure message may quote a
 * customer (docs/personal-data.md). Failure <em>details</em> payloads are encrypted like any payload.
 */
public final class PayloadEncryption {

    /** Temporal's metadata key for a payload's encoding. */
    public static final String ENCODING = "encoding";
    /** The encoding of an encrypted payload, the same name Temporal's samples and UI use. */
    public static final ByteString ENCRYPTED = ByteString.copyFromUtf8("binary/encrypted");
    /** The data key that opens the payload. */
    public static final String KEY_ID = "encryption-key-id";
    /** The master key that wraps that data key where it is stored (informative; the store knows it too). */
    public static final String MASTER_KEY_ID = "encryption-master-key-id";

    static final String CIPHER_KEY = "encryption-cipher";
    static final ByteString CIPHER_NAME = ByteString.copyFromUtf8("AES256-GCM");

    /** The scope of payloads encoded outside any workflow (the codec endpoint's encode, for one). */
    public static final String NO_CONTEXT_SCOPE = "namespace";

    private PayloadEncryption() {}

    /** The data converter of every Comanda client: JSON, then encrypted under {@code keys}. */
    public static DataConverter dataConverter(DataKeys keys) {
        return new CodecDataConverter(
                DefaultDataConverter.newDefaultInstance(), List.of(new EncryptionCodec(keys)), false);
    }

    public static boolean isEncrypted(Payload payload) {
        return ENCRYPTED.equals(payload.getMetadataOrDefault(ENCODING, ByteString.EMPTY));
    }
}
