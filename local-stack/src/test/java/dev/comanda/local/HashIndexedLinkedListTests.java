package dev.comanda.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashIndexedLinkedListTests {

    /** Like the service's LockEvent: no equals/hashCode, so identity decides. */
    private static final class Event {}

    @Test
    void randomOperationsLeaveTheSameContentsAsLinkedList() {
        var random = new Random(42);
        var expected = new LinkedList<Integer>();
        var actual = new HashIndexedLinkedList<Integer>();
        for (int i = 0; i < 20_000; i++) {
            // A small value range forces many duplicates, whose first occurrence must be the one removed.
            Integer value = random.nextInt(10) == 0 ? null : random.nextInt(12);
            switch (random.nextInt(9)) {
                case 0, 1, 2 -> assertThat(actual.add(value)).isEqualTo(expected.add(value));
                case 3 -> {
                    actual.addFirst(value);
                    expected.addFirst(value);
                }
                case 4, 5 -> assertThat(actual.remove(value)).isEqualTo(expected.remove(value));
                case 6 ->
                    assertThat(actual.removeLastOccurrence(value)).isEqualTo(expected.removeLastOccurrence(value));
                case 7 -> assertThat(actual.pollFirst()).isEqualTo(expected.pollFirst());
                default -> assertThat(actual.pollLast()).isEqualTo(expected.pollLast());
            }
            assertThat(actual.contains(value)).isEqualTo(expected.contains(value));
            assertThat(actual.size()).isEqualTo(expected.size());
        }
        assertThat(new ArrayList<>(actual)).containsExactlyElementsOf(expected);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
    }

    @Test
    void iteratesInInsertionOrderAsTheServiceDiagnosticsDo() {
        var events = List.of(new Event(), new Event(), new Event(), new Event());
        var list = new HashIndexedLinkedList<Event>();
        events.forEach(list::add);
        list.remove(events.get(1));

        assertThat(list.iterator()).toIterable().containsExactly(events.get(0), events.get(2), events.get(3));
        assertThat(list.toArray()).containsExactly(events.get(0), events.get(2), events.get(3));
    }

    @Test
    void removeMatchesByIdentityForElementsWithoutEquals() {
        var kept = new Event();
        var removed = new Event();
        var list = new HashIndexedLinkedList<Event>();
        list.add(kept);
        list.add(removed);

        assertThat(list.remove(removed)).isTrue();
        assertThat(list.remove(removed))
                .as("a second unlock of the same handle")
                .isFalse();
        assertThat(list.remove(new Event())).isFalse();
        assertThat(list).containsExactly(kept);
    }

    @Test
    void removeTakesTheFirstOfEqualDuplicates() {
        var list = new HashIndexedLinkedList<Object>();
        list.add("a");
        list.add("b");
        list.add("a");
        list.remove("a");

        assertThat(list).containsExactly("b", "a");
    }

    @Test
    void iteratorRemoveUnlinksTheReturnedElement() {
        var list = new HashIndexedLinkedList<String>();
        list.addAll(List.of("a", "b", "a", "c"));
        list.removeIf("a"::equals);

        assertThat(list).containsExactly("b", "c");
        assertThat(list.contains("a")).isFalse();
    }

    @Test
    void positionalMutationIsRefusedRatherThanSilentlyWrong() {
        var list = new HashIndexedLinkedList<String>();
        list.add("a");

        assertThatThrownBy(() -> list.add(0, "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.set(0, "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(list::listIterator).isInstanceOf(UnsupportedOperationException.class);
        assertThat(list).containsExactly("a");
    }
}
