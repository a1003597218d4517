package dev.comanda.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.local.LockEventsWorkaround.Outcome;
import io.temporal.internal.testservice.TestServicesStarter;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class LockEventsWorkaroundTests {

    @Test
    void theShippedTimerCallsOnlyListMethodsTheReplacementOffers() throws Exception {
        var timerClass = Class.forName("io.temporal.internal.testservice.SelfAdvancingTimerImpl");

        assertThat(ClassFileReferences.methodsCalledOn(timerClass, "java/util/LinkedList"))
                .isNotEmpty();
        assertThat(LockEventsWorkaround.unsupportedCalls(timerClass)).isEmpty();
    }

    @Test
    void swapsTheServiceListKeepingItsContentsAndHandles() throws Exception {
        var services = new TestServicesStarter(true, 0);
        try {
            var timer = read(services, "selfAdvancingTimer");
            var lockTimeSkipping = timer.getClass().getMethod("lockTimeSkipping", String.class);
            lockTimeSkipping.setAccessible(true);
            var handle = lockTimeSkipping.invoke(timer, "before-the-swap");
            List<Object> before = new ArrayList<>((LinkedList<?>) read(timer, "lockEvents"));

            assertThat(LockEventsWorkaround.apply(services, true)).isEqualTo(Outcome.APPLIED);

            @SuppressWarnings("unchecked")
            var after = (List<Object>) read(timer, "lockEvents");
            assertThat(after).isInstanceOf(HashIndexedLinkedList.class);
            assertThat(after).hasSameSizeAs(before).containsExactlyElementsOf(before);
            // A handle taken before the swap still finds its event: unlock removes it or throws.
            var unlock = handle.getClass().getMethod("unlock");
            unlock.setAccessible(true);
            unlock.invoke(handle);
            assertThat(after).hasSize(before.size() - 1);
            assertThat(after).doesNotContain(before.get(before.size() - 1));
        } finally {
            services.close();
        }
    }

    @Test
    void switchedOffLeavesTheServiceListAlone() throws Exception {
        var services = new TestServicesStarter(true, 0);
        try {
            assertThat(LockEventsWorkaround.apply(services, false)).isEqualTo(Outcome.DISABLED);

            assertThat(read(read(services, "selfAdvancingTimer"), "lockEvents").getClass())
                    .isEqualTo(LinkedList.class);
        } finally {
            services.close();
        }
    }

    static final class TimerWithArrayList {
        final Lock lock = new ReentrantLock();
        final List<Object> lockEvents = new ArrayList<>();
    }

    static final class TimerWithoutEvents {
        final Lock lock = new ReentrantLock();
    }

    static final class TimerCallingUnsupportedMethods {
        final Lock lock = new ReentrantLock();
        final LinkedList<Object> lockEvents = new LinkedList<>();

        Object oldest() {
            return lockEvents.get(0);
        }
    }

    @Test
    void aFieldOfAnotherTypeIsLeftUntouched() {
        var timer = new TimerWithArrayList();

        assertThat(LockEventsWorkaround.swap(timer)).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(timer.lockEvents).isExactlyInstanceOf(ArrayList.class);
    }

    @Test
    void aMissingFieldIsReportedNotThrown() {
        assertThat(LockEventsWorkaround.swap(new TimerWithoutEvents())).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void aTimerUsingPositionalAccessIsLeftUntouched() {
        var timer = new TimerCallingUnsupportedMethods();

        assertThat(LockEventsWorkaround.swap(timer)).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(timer.lockEvents).isExactlyInstanceOf(LinkedList.class);
    }

    static Object read(Object owner, String name) throws ReflectiveOperationException {
        var field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }
}
