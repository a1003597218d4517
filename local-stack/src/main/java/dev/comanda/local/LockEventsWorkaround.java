package dev.comanda.local;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedList;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around a defect of the in-memory Temporal service (SDK 1.38.0): its
 * {@code SelfAdvancingTimerImpl.lockEvents} is a {@code LinkedList} that gains entries for every
 * workflow task and activity, never shrinks, and is searched linearly by {@code remove(Object)} under
 * the service's single global lock, so throughput falls as workflows accumulate (DESIGN.md,
 * docs/benchmarks.md). At start-up the list is swapped, under that lock, for a
 * {@link HashIndexedLinkedList} with the same contents and O(1) removal.
 *
 * <p>Upstream may fix or reshape this class at any time, so the swap happens only when everything is as
 * expected: the field exists with the declared type {@code LinkedList}, the lock exists, and the compiled
 * timer classes call no {@code LinkedList} method beyond the ones the replacement offers. Otherwise it
 * logs a warning and leaves the service untouched. Remove this class once upstream fixes the defect.
 */
final class LockEventsWorkaround {

    private static final Logger log = LoggerFactory.getLogger(LockEventsWorkaround.class);

    static final String SWITCH = "COMANDA_TEMPORAL_TIMER_FIX";

    private static final String STARTER_TIMER_FIELD = "selfAdvancingTimer";
    private static final String EVENTS_FIELD = "lockEvents";
    private static final String LOCK_FIELD = "lock";
    private static final String LINKED_LIST = "java/util/LinkedList";

    /** The {@code LinkedList} methods {@link HashIndexedLinkedList} implements with the same semantics. */
    static final Set<String> SUPPORTED_CALLS = Set.of(
            "<init>:()V",
            "add:(Ljava/lang/Object;)Z",
            "addLast:(Ljava/lang/Object;)V",
            "remove:(Ljava/lang/Object;)Z",
            "removeFirstOccurrence:(Ljava/lang/Object;)Z",
            "contains:(Ljava/lang/Object;)Z",
            "iterator:()Ljava/util/Iterator;",
            "size:()I",
            "isEmpty:()Z",
            "clear:()V",
            "getFirst:()Ljava/lang/Object;",
            "peekFirst:()Ljava/lang/Object;",
            "pollFirst:()Ljava/lang/Object;",
            "removeFirst:()Ljava/lang/Object;");

    enum Outcome {
        APPLIED,
        DISABLED,
        NOT_APPLICABLE
    }

    private LockEventsWorkaround() {}

    /** Applies the workaround to the timer of a {@code TestServicesStarter}, unless switched off. */
    static Outcome apply(Object testServicesStarter, boolean enabled) {
        if (!enabled) {
            log.info("In-memory Temporal lockEvents workaround switched off ({}=false)", SWITCH);
            return Outcome.DISABLED;
        }
        try {
            var timer = field(testServicesStarter.getClass(), STARTER_TIMER_FIELD);
            if (timer == null) {
                return notApplicable("no field " + STARTER_TIMER_FIELD + " in " + testServicesStarter.getClass());
            }
            return swap(timer.get(testServicesStarter));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return notApplicable(e.toString());
        }
    }

    /** Swaps the {@code lockEvents} list of the given timer; package-private for tests. */
    static Outcome swap(Object timer) {
        try {
            var type = timer.getClass();
            var events = field(type, EVENTS_FIELD);
            if (events == null || events.getType() != LinkedList.class || Modifier.isStatic(events.getModifiers())) {
                return notApplicable(
                        type.getName() + " has no instance field '" + EVENTS_FIELD + "' declared as LinkedList");
            }
            var lockField = field(type, LOCK_FIELD);
            if (lockField == null || !Lock.class.isAssignableFrom(lockField.getType())) {
                return notApplicable(type.getName() + " has no Lock field '" + LOCK_FIELD + "'");
            }
            var unsupported = unsupportedCalls(type);
            if (!unsupported.isEmpty()) {
                return notApplicable(
                        type.getName() + " calls LinkedList methods the replacement lacks: " + unsupported);
            }
            var lock = (Lock) lockField.get(timer);
            lock.lock();
            try {
                var current = events.get(timer);
                if (current instanceof HashIndexedLinkedList<?>) {
                    return Outcome.APPLIED;
                }
                if (current == null || current.getClass() != LinkedList.class) {
                    return notApplicable(
                            "'" + EVENTS_FIELD + "' holds " + (current == null ? null : current.getClass()));
                }
                var replacement = new HashIndexedLinkedList<Object>();
                replacement.addAll((LinkedList<?>) current);
                events.set(timer, replacement);
            } finally {
                lock.unlock();
            }
            log.info(
                    "In-memory Temporal lockEvents workaround applied: O(1) removal instead of a linear scan"
                            + " ({}=false switches it off)",
                    SWITCH);
            return Outcome.APPLIED;
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            return notApplicable(e.toString());
        }
    }

    /** LinkedList calls in the timer class and its nested classes that the replacement does not offer. */
    static Set<String> unsupportedCalls(Class<?> type) throws IOException {
        var unsupported = new TreeSet<String>();
        unsupported.addAll(ClassFileReferences.methodsCalledOn(type, LINKED_LIST));
        for (var nested : type.getDeclaredClasses()) {
            unsupported.addAll(ClassFileReferences.methodsCalledOn(nested, LINKED_LIST));
        }
        unsupported.removeAll(SUPPORTED_CALLS);
        return unsupported;
    }

    private static Field field(Class<?> type, String name) {
        for (var field : type.getDeclaredFields()) {
            if (field.getName().equals(name)) {
                field.setAccessible(true);
                return field;
            }
        }
        return null;
    }

    private static Outcome notApplicable(String why) {
        log.warn(
                "In-memory Temporal lockEvents workaround not applied, the service runs unchanged"
                        + " (slower as workflows accumulate): {}",
                why);
        return Outcome.NOT_APPLICABLE;
    }
}
