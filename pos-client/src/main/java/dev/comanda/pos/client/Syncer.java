package dev.comanda.pos.client;

import dev.comanda.pos.client.LocalStore.Answer;
import dev.comanda.pos.client.LocalStore.LocalOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One sync: push every pending order in batches, then pull the tenant's changes until caught up. Each
 * call the server cannot answer is retried with {@link Backoff}. Pushing is safe to repeat at any point:
 * the server knows each order by (device, client order ID), so a batch whose answer was lost, or whose
 * local "synced" mark a crash prevented, is simply answered {@code duplicate} the next time.
 */
public final class Syncer {

    /**
     * @param batchSize orders per upload (the server takes at most 100)
     * @param pullLimit changes per pull page
     */
    public record Options(int batchSize, int pullLimit, Backoff backoff) {

        public static final Options DEFAULT = new Options(50, 500, Backoff.DEFAULT);
    }

    /** Called after a batch's answer arrived and before it is recorded locally; a crash there is the case it tests. */
    public interface Checkpoint {
        Checkpoint NONE = (batch, answer) -> {};

        void answered(List<LocalOrder> batch, JsonNode answer);
    }

    /** What a sync did. {@code online} is false when it gave up on an unreachable server. */
    public record Report(
            boolean online,
            int created,
            int duplicates,
            int conflicts,
            int invalid,
            int pulledEvents,
            int pages,
            String error) {}

    private final LocalStore store;
    private final SyncApi api;
    private final Options options;
    private final Checkpoint checkpoint;

    public Syncer(LocalStore store, SyncApi api, Options options, Checkpoint checkpoint) {
        this.store = store;
        this.api = api;
        this.options = options;
        this.checkpoint = checkpoint;
    }

    public Report sync() {
        var counts = new int[4];
        try {
            push(counts);
            var pulled = pull();
            return new Report(true, counts[0], counts[1], counts[2], counts[3], pulled[0], pulled[1], null);
        } catch (SyncApi.Unreachable e) {
            return new Report(false, counts[0], counts[1], counts[2], counts[3], 0, 0, e.getMessage());
        } catch (SyncApi.Refused e) {
            return new Report(true, counts[0], counts[1], counts[2], counts[3], 0, 0, e.getMessage());
        }
    }

    private void push(int[] counts) throws SyncApi.Unreachable {
        while (true) {
            var batch = store.pending(options.batchSize());
            if (batch.isEmpty()) {
                return;
            }
            var payloads = batch.stream().map(LocalOrder::payload).toList();
            var answer = retrying(() -> api.upload(payloads));
            checkpoint.answered(batch, answer);
            var answers = new LinkedHashMap<String, Answer>();
            for (var result : answer.path("results")) {
                var clientOrderId = result.path("clientOrderId").asString(null);
                if (clientOrderId == null) {
                    continue;
                }
                var kind = result.get("result").asString();
                counts[
                        switch (kind) {
                            case "created" -> 0;
                            case "duplicate" -> 1;
                            case "conflict" -> 2;
                            default -> 3;
                        }]++;
                answers.put(
                        clientOrderId,
                        new Answer(state(result), result.path("orderId").asString(null), result));
            }
            store.recordAnswers(answers);
            if (answers.size() < batch.size()) {
                throw new SyncApi.Refused(
                        200, "the server answered " + answers.size() + " of " + batch.size() + " orders");
            }
        }
    }

    /** {@code [events, pages]} pulled. */
    private int[] pull() throws SyncApi.Unreachable {
        int events = 0;
        int pages = 0;
        var cursor = store.cursor().orElse(null);
        while (true) {
            JsonNode page;
            try {
                final var since = cursor;
                page = retryingPull(() -> api.changes(since, options.pullLimit()));
            } catch (SyncApi.CursorGone gone) {
                var snapshot = retrying(api::snapshot);
                store.applyPage(snapshot, true);
                cursor = snapshot.get("cursor").asString();
                pages++;
                continue;
            }
            store.applyPage(page, false);
            events += page.path("events").size();
            pages++;
            cursor = page.get("cursor").asString();
            if (!page.path("hasMore").asBoolean()) {
                return new int[] {events, pages};
            }
        }
    }

    /** The local state an answer leaves the order in; a duplicate takes the state of its first answer. */
    private static String state(JsonNode result) {
        var kind = result.get("result").asString();
        if (kind.equals("duplicate")) {
            kind = result.path("original").path("result").asString("created");
        }
        return switch (kind) {
            case "created" -> LocalStore.SYNCED;
            case "conflict" -> LocalStore.CONFLICT;
            default -> LocalStore.INVALID;
        };
    }

    /** Human words for the waiter: each conflict or refusal, with what the server did about it. */
    public static List<String> describe(List<LocalOrder> problems) {
        var lines = new ArrayList<String>();
        for (var order : problems) {
            var where = order.payload().path("fulfilment").path("table").asString("takeaway");
            var result = order.result();
            if (LocalStore.INVALID.equals(order.state())) {
                result.path("errors")
                        .forEach(e -> lines.add("table " + where + ", order " + order.clientOrderId() + ": refused, "
                                + e.path("field").asString() + " "
                                + e.path("message").asString()));
                continue;
            }
            var conflicts = result.has("conflicts")
                    ? result.get("conflicts")
                    : result.path("original").path("conflicts");
            conflicts.forEach(c -> lines.add("table " + where + ", order " + order.clientOrderId() + ": "
                    + c.path("rule").asString() + " -> " + c.path("resolution").asString() + " ("
                    + c.path("detail").asString() + ")"));
        }
        return lines;
    }

    private interface Call {
        JsonNode run() throws SyncApi.Unreachable;
    }

    private interface PullCall {
        JsonNode run() throws SyncApi.Unreachable, SyncApi.CursorGone;
    }

    private JsonNode retrying(Call call) throws SyncApi.Unreachable {
        try {
            return retryingPull(call::run);
        } catch (SyncApi.CursorGone e) {
            throw new IllegalStateException("only a pull answers 410", e);
        }
    }

    private JsonNode retryingPull(PullCall call) throws SyncApi.Unreachable, SyncApi.CursorGone {
        var backoff = options.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (SyncApi.Unreachable e) {
                if (attempt >= backoff.attempts()) {
                    throw e;
                }
                try {
                    Thread.sleep(backoff.delay(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
