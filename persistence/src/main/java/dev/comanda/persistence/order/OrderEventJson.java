package dev.comanda.persistence.order;

import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The Redis form of a committed batch of events: a JSON array, readable by any client of the topic. */
public final class OrderEventJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<OrderEvent>> BATCH = new TypeReference<>() {};

    private OrderEventJson() {}

    public static String write(List<OrderEvent> events) {
        return JSON.writeValueAsString(events);
    }

    public static List<OrderEvent> read(String json) {
        return JSON.readValue(json, BATCH);
    }
}
