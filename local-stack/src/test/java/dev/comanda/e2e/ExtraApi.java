package dev.comanda.e2e;

import dev.comanda.api.ApiApplication;
import dev.comanda.client.ComandaClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * One more api-facade instance against the shared stack's database, Redis and Temporal, as a second
 * replica behind a load balancer would be: the first instance's command-line settings, another port.
 */
final class ExtraApi implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final ComandaClient api;
    private final int port;

    private ExtraApi(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        this.api = E2eStack.client(url());
    }

    /** Starts an instance on a free port ({@code server.port} 0) unless {@code overrides} names one. */
    static ExtraApi start(E2eStack stack, Map<String, String> overrides) {
        var settings = new LinkedHashMap<String, String>();
        var source = (EnumerablePropertySource<?>)
                stack.comanda().api().getEnvironment().getPropertySources().get("commandLineArgs");
        for (var name : source.getPropertyNames()) {
            settings.put(name, String.valueOf(source.getProperty(name)));
        }
        settings.put("server.port", "0");
        // Its own actuator too: the first instance's management port is taken.
        settings.put("management.server.port", "0");
        settings.putAll(overrides);
        var args = new ArrayList<String>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new ExtraApi(ApiApplication.application().run(args.toArray(String[]::new)));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    ComandaClient api() {
        return api;
    }

    @Override
    public void close() {
        context.close();
    }
}
