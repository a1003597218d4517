package dev.comanda.observability;

import io.temporal.serviceclient.GrpcCompression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an app talks to the Temporal server.
 *
 * @param grpcCompression whether its gRPC requests are gzipped ({@code COMANDA_TEMPORAL_GRPC_COMPRESSION}):
 *     NONE, the default here, or GZIP, the SDK's own default, for a thin link to a remote cluster; see
 *     {@link TemporalTransport}
 */
@ConfigurationProperties("comanda.temporal")
public record TemporalTransportProperties(
        @DefaultValue("NONE") GrpcCompression grpcCompression) {}
