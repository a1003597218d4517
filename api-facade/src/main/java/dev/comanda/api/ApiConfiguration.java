package dev.comanda.api;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    /** Server time for placements; one bean so tests and code read the same clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
