package dev.comanda.api.error;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.redisson.RedissonShutdownException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisNodeNotFoundException;
import org.redisson.client.RedisReconnectedException;
import org.redisson.client.RedisRetryException;
import org.redisson.client.RedisTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells, from an exception's cause chain, which dependency is out of reach: the database, Redis or
 * Temporal. Such a failure answers 503 with Retry-After, naming the dependency and nothing more (no
 * SQL, no host names), instead of a 500 or a request that hangs.
 */
public final class Unavailable {

    /** What a 503 names in its {@code dependency} property. */
    public enum Dependency {
        DATABASE,
        REDIS,
        TEMPORAL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Seconds a client should wait before retrying a 503. */
    public static final String RETRY_AFTER_SECONDS = "1";
    /** The 503's property naming the dependency out of reach: database, redis or temporal. */
    public static final String PROPERTY = "dependency";
    /** The 503's detail: what the client may do, not what broke inside. */
    public static final String DETAIL = "temporarily unavailable, retry shortly";

    private static final Set<Status.Code> TEMPORAL_OUT_OF_REACH =
            Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

    private Unavailable() {}

    /** The dependency the first cause in the chain blames, or empty for any other failure. */
    public static Optional<Dependency> dependencyOf(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (var cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            var dependency = blamed(cause);
            if (dependency != null) {
                return Optional.of(dependency);
            }
        }
        return Optional.empty();
    }

    private static Dependency blamed(Throwable cause) {
        // A 503 already made (a bounded Temporal call, the token store), wrapped or not, blames what it named.
        if (cause instanceof ApiException made && made.dependency().isPresent()) {
            return made.dependency().get();
        }
        if (cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessException
                // Spring's transaction manager only talks to the database: it could neither begin,
                // nor commit or roll back (the "JDBC rollback failed" of a connection that broke).
                || cause instanceof CannotCreateTransactionException
                || cause instanceof TransactionSystemException
                || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLRecoverableException
                || cause instanceof SQLTimeoutException) {
            return Dependency.DATABASE;
        }
        if (cause instanceof RedisTimeoutException
                || cause instanceof RedisConnectionException
                || cause instanceof RedisRetryException
                || cause instanceof RedisNodeNotFoundException
                || cause instanceof RedisReconnectedException
                || cause instanceof RedissonShutdownException) {
            return Dependency.REDIS;
        }
        if (cause instanceof StatusRuntimeException grpc
                && TEMPORAL_OUT_OF_REACH.contains(grpc.getStatus().getCode())) {
            return Dependency.TEMPORAL;
        }
        // An update that did not finish within its deadline (no worker runs the workflow, say).
        if (cause instanceof WorkflowUpdateTimeoutOrCancelledException) {
            return Dependency.TEMPORAL;
        }
        return null;
    }
}
