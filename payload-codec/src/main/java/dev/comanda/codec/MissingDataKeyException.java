package dev.comanda.codec;

import io.temporal.payload.codec.PayloadCodecException;

/**
 * A payload names a data key this process cannot use: erased (crypto-shredded), never stored here, or
 * wrapped by a master key that is not configured. Never answered with the payload in clear.
 */
public class MissingDataKeyException extends PayloadCodecException {

    public MissingDataKeyException(String message) {
        super(message);
    }
}
