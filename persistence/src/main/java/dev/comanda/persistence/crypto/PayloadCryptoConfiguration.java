package dev.comanda.persistence.crypto;

import dev.comanda.codec.PayloadEncryption;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The data converter the Temporal Spring Boot starter gives every client and worker of the API and the
 * workers: the starter takes the context's one {@link DataConverter} bean (named {@code
 * mainDataConverter}, the name it looks for when there are several).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PayloadCryptoProperties.class)
public class PayloadCryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PayloadCryptoConfiguration.class);

    /** Also what seals the signing keys' private halves ({@code SigningKeys}). */
    @Bean
    @ConditionalOnProperty(name = "comanda.payload-crypto.enabled", matchIfMissing = true)
    MasterKeys payloadMasterKeys(PayloadCryptoProperties properties) {
        return MasterKeys.parse(properties.masterKeys());
    }

    @Bean
    @ConditionalOnProperty(name = "comanda.payload-crypto.enabled", matchIfMissing = true)
    PayloadKeyStore payloadKeyStore(PayloadCryptoProperties properties, JdbcClient jdbc, MasterKeys masters) {
        return new PayloadKeyStore(jdbc, masters, properties.cacheTtl(), properties.cacheSize());
    }

    @Bean
    DataConverter mainDataConverter(ObjectProvider<PayloadKeyStore> store) {
        var keys = store.getIfAvailable();
        if (keys == null) {
            log.warn("payload encryption is OFF (comanda.payload-crypto.enabled=false): customers' personal data"
                    + " reaches Temporal in clear");
            return DefaultDataConverter.newDefaultInstance();
        }
        return PayloadEncryption.dataConverter(keys);
    }
}
