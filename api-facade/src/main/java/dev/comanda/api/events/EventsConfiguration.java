package dev.comanda.api.events;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The event endpoint and the kitchen board page that uses it. A client message larger than Tomcat's
 * WebSocket buffer (8 KiB) closes the stream with 1009; the protocol's messages are far smaller.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class EventsConfiguration implements WebSocketConfigurer, WebMvcConfigurer {

    private final OrderEventsHandler handler;
    private final EventsProperties properties;

    EventsConfiguration(OrderEventsHandler handler, EventsProperties properties) {
        this.handler = handler;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, OrderEventsHandler.PATH)
                .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/kitchen", "/kitchen/index.html");
        registry.addRedirectViewController("/kitchen/", "/kitchen/index.html");
    }
}
