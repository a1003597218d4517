package dev.comanda.api.events;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** The event endpoint, its limits, and the kitchen board page that uses it. */
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

    @Bean
    static ServletServerContainerFactoryBean webSocketContainer(EventsProperties properties) {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.maxIncomingBytes());
        container.setMaxBinaryMessageBufferSize(properties.maxIncomingBytes());
        return container;
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/kitchen", "/kitchen/index.html");
        registry.addRedirectViewController("/kitchen/", "/kitchen/index.html");
    }
}
