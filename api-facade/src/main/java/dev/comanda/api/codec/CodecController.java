package dev.comanda.api.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.comanda.api.ApiProperties;
import dev.comanda.api.error.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.ArrayList;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol, for Temporal UI and {@code temporal --codec-endpoint}: {@code POST
 * /codec/decode} and {@code /codec/encode} take and answer {@code {"payloads":[{"metadata":{…},"data":…}]}}
 * (bytes as base64), with the namespace in {@code X-Namespace}. Only the operator and a tenant's OPS staff
 * reach it (SecurityConfiguration); each reads only what {@link PayloadAccess} lets it.
 */
@RestController
@RequestMapping("/codec")
// Temporal's protocol, not Comanda's API: not in the OpenAPI document (docs/personal-data.md describes it).
@Hidden
class CodecController {

    private static final String NAMESPACE_HEADER = "X-Namespace";

    private final PayloadAccess access;
    private final ApiProperties properties;

    CodecController(PayloadAccess access, ApiProperties properties) {
        this.access = access;
        this.properties = properties;
    }

    @Operation(summary = "Decrypts payloads for Temporal UI (ops only); others' or erased payloads stay encrypted")
    @PostMapping(
            value = "/decode",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    String decode(
            Authentication caller,
            @RequestHeader(value = NAMESPACE_HEADER, required = false) String namespace,
            @RequestBody String body) {
        var payloads = read(namespace, body);
        var decoded = new ArrayList<Payload>(payloads.getPayloadsCount());
        for (int i = 0; i < payloads.getPayloadsCount(); i++) {
            try {
                decoded.add(access.decode(caller, payloads.getPayloads(i)));
            } catch (PayloadCodecException e) {
                throw ApiException.badParameter("payloads[" + i + "]", "does not decrypt: " + e.getMessage());
            }
        }
        return write(Payloads.newBuilder().addAllPayloads(decoded).build());
    }

    @Operation(summary = "Encrypts payloads as Comanda's clients do, for Temporal UI (ops only)")
    @PostMapping(
            value = "/encode",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    String encode(
            @RequestHeader(value = NAMESPACE_HEADER, required = false) String namespace, @RequestBody String body) {
        var payloads = read(namespace, body);
        return write(Payloads.newBuilder()
                .addAllPayloads(access.encode(payloads.getPayloadsList()))
                .build());
    }

    private Payloads read(String namespace, String body) {
        if (namespace != null && !namespace.equals(properties.temporalNamespace())) {
            throw ApiException.badParameter(
                    NAMESPACE_HEADER, "not this API's namespace " + properties.temporalNamespace());
        }
        var payloads = Payloads.newBuilder();
        try {
            JsonFormat.parser().merge(body, payloads);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw ApiException.badParameter(
                    "payloads", "expected {\"payloads\":[{\"metadata\":{…},\"data\":\"base64\"}]}: " + e.getMessage());
        }
        return payloads.build();
    }

    private static String write(Payloads payloads) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(payloads);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
