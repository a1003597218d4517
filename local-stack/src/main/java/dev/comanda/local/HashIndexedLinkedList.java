package dev.comanda.local;

import java.io.Serial;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;

/**
 * A {@link LinkedList} whose {@code add}, {@code remove(Object)} and {@code contains} are O(1): the
 * elements live in a doubly linked list of its own (insertion order, duplicates kept) with a hash index
 * from each element to its nodes, in list order. It exists to replace the in-memory Temporal service's
 * {@code lockEvents} list (see {@link LockEventsWorkaround}), whose field is declared as a
 * {@code LinkedList}, so the replacement has to be one.
 *
 * <p>Every deque and collection operation keeps {@code LinkedList} semantics, including {@code equals}
 * based removal of the first occurrence. Positional mutation ({@code add(int, E)}, {@code set},
 * {@code remove(int)}, list iterators, sub-lists, {@code clone}, {@code reversed}) is not offered and
 * throws {@link UnsupportedOperationException}: the service never calls it, and faking it would be
 * O(n) anyway. The inherited {@code LinkedList} storage stays empty and is never touched. Elements must
 * honour the {@code equals}/{@code hashCode} contract. Not thread-safe, like {@code LinkedList}; the
 * service only touches its list under its own lock.
 */
// Longer than the house ~300 lines: every LinkedList method must be overridden here, or the inherited
// (empty) storage would answer it; splitting the overrides across classes is not possible.
final class HashIndexedLinkedList<E> extends LinkedList<E> {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Sentinel of a circular list: {@code head.next} is the first node, {@code head.prev} the last. */
    private final transient Node<E> head = new Node<>(null);

    /** Element → its only {@link Node}, or an {@code ArrayDeque<Node>} of equal elements in list order. */
    private final transient HashMap<Object, Object> index = new HashMap<>();

    private int count;

    HashIndexedLinkedList() {
        head.prev = head;
        head.next = head;
    }

    private static final class Node<E> {
        final E item;
        Node<E> prev;
        Node<E> next;

        Node(E item) {
            this.item = item;
        }
    }

    // ---- the operations the service uses: add, remove(Object), iterator ----

    @Override
    public boolean add(E e) {
        linkBefore(head, e, false);
        return true;
    }

    @Override
    public boolean remove(Object o) {
        var node = firstNode(o);
        if (node == null) {
            return false;
        }
        unlink(node);
        return true;
    }

    @Override
    public boolean contains(Object o) {
        return index.containsKey(o);
    }

    @Override
    public Iterator<E> iterator() {
        return new Itr(true);
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public boolean isEmpty() {
        return count == 0;
    }

    @Override
    public void clear() {
        head.prev = head;
        head.next = head;
        index.clear();
        count = 0;
        modCount++;
    }

    // ---- the rest of the Deque and Collection surface, on the same storage ----

    @Override
    public void addLast(E e) {
        add(e);
    }

    @Override
    public void addFirst(E e) {
        linkBefore(head.next, e, true);
    }

    @Override
    public boolean offer(E e) {
        return add(e);
    }

    @Override
    public boolean offerLast(E e) {
        return add(e);
    }

    @Override
    public boolean offerFirst(E e) {
        addFirst(e);
        return true;
    }

    @Override
    public void push(E e) {
        addFirst(e);
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        c.forEach(this::add);
        return !c.isEmpty();
    }

    @Override
    public boolean removeFirstOccurrence(Object o) {
        return remove(o);
    }

    @Override
    public boolean removeLastOccurrence(Object o) {
        var found = index.get(o);
        if (found == null) {
            return false;
        }
        unlink(found instanceof Node<?> node ? cast(node) : nodes(found).peekLast());
        return true;
    }

    @Override
    public E getFirst() {
        return nonEmpty().next.item;
    }

    @Override
    public E getLast() {
        return nonEmpty().prev.item;
    }

    @Override
    public E element() {
        return getFirst();
    }

    @Override
    public E peek() {
        return count == 0 ? null : head.next.item;
    }

    @Override
    public E peekFirst() {
        return peek();
    }

    @Override
    public E peekLast() {
        return count == 0 ? null : head.prev.item;
    }

    @Override
    public E removeFirst() {
        return unlink(nonEmpty().next);
    }

    @Override
    public E removeLast() {
        return unlink(nonEmpty().prev);
    }

    @Override
    public E remove() {
        return removeFirst();
    }

    @Override
    public E pop() {
        return removeFirst();
    }

    @Override
    public E poll() {
        return count == 0 ? null : unlink(head.next);
    }

    @Override
    public E pollFirst() {
        return poll();
    }

    @Override
    public E pollLast() {
        return count == 0 ? null : unlink(head.prev);
    }

    @Override
    public Iterator<E> descendingIterator() {
        return new Itr(false);
    }

    @Override
    public E get(int position) {
        Objects.checkIndex(position, count);
        var node = head.next;
        for (int i = 0; i < position; i++) {
            node = node.next;
        }
        return node.item;
    }

    @Override
    public int indexOf(Object o) {
        if (!index.containsKey(o)) {
            return -1;
        }
        int i = 0;
        for (var node = head.next; node != head; node = node.next, i++) {
            if (Objects.equals(o, node.item)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        if (!index.containsKey(o)) {
            return -1;
        }
        int i = count - 1;
        for (var node = head.prev; node != head; node = node.prev, i--) {
            if (Objects.equals(o, node.item)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object[] toArray() {
        var result = new Object[count];
        int i = 0;
        for (var node = head.next; node != head; node = node.next) {
            result[i++] = node.item;
        }
        return result;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T[] toArray(T[] a) {
        var items = toArray();
        if (a.length < items.length) {
            a = (T[]) java.lang.reflect.Array.newInstance(a.getClass().getComponentType(), items.length);
        }
        System.arraycopy(items, 0, a, 0, items.length);
        if (a.length > items.length) {
            a[items.length] = null;
        }
        return a;
    }

    @Override
    public Spliterator<E> spliterator() {
        return Spliterators.spliterator(this, Spliterator.ORDERED);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof java.util.List<?> other) || other.size() != count) {
            return false;
        }
        var theirs = other.iterator();
        for (var node = head.next; node != head; node = node.next) {
            if (!Objects.equals(node.item, theirs.next())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (var node = head.next; node != head; node = node.next) {
            hash = 31 * hash + Objects.hashCode(node.item);
        }
        return hash;
    }

    // ---- positional mutation: not offered (see the class comment) ----

    @Override
    public ListIterator<E> listIterator(int position) {
        throw unsupported("listIterator");
    }

    @Override
    public void add(int position, E element) {
        throw unsupported("add(int, E)");
    }

    @Override
    public boolean addAll(int position, Collection<? extends E> c) {
        throw unsupported("addAll(int, Collection)");
    }

    @Override
    public E set(int position, E element) {
        throw unsupported("set");
    }

    @Override
    public E remove(int position) {
        throw unsupported("remove(int)");
    }

    @Override
    public Object clone() {
        throw unsupported("clone");
    }

    @Override
    public LinkedList<E> reversed() {
        throw unsupported("reversed");
    }

    /** Serialises as a plain {@code LinkedList}: the inherited storage is empty. */
    @Serial
    private Object writeReplace() {
        var copy = new LinkedList<E>();
        forEach(copy::add);
        return copy;
    }

    // ---- internals ----

    private void linkBefore(Node<E> successor, E e, boolean atFront) {
        var node = new Node<>(e);
        node.next = successor;
        node.prev = successor.prev;
        successor.prev.next = node;
        successor.prev = node;
        var existing = index.get(e);
        if (existing == null) {
            index.put(e, node);
        } else {
            var equal = existing instanceof Node<?> single ? toDeque(e, cast(single)) : nodes(existing);
            if (atFront) {
                equal.addFirst(node);
            } else {
                equal.addLast(node);
            }
        }
        count++;
        modCount++;
    }

    private E unlink(Node<E> node) {
        node.prev.next = node.next;
        node.next.prev = node.prev;
        var existing = index.get(node.item);
        if (existing instanceof Node<?>) {
            index.remove(node.item);
        } else {
            var equal = nodes(existing);
            // The first and last occurrences are at the ends of the deque, so removal stays O(1) there.
            if (equal.peekFirst() == node) {
                equal.pollFirst();
            } else if (equal.peekLast() == node) {
                equal.pollLast();
            } else {
                equal.removeFirstOccurrence(node);
            }
            if (equal.size() == 1) {
                index.put(node.item, equal.peekFirst());
            }
        }
        count--;
        modCount++;
        return node.item;
    }

    private Node<E> firstNode(Object o) {
        var found = index.get(o);
        if (found == null) {
            return null;
        }
        return found instanceof Node<?> node ? cast(node) : nodes(found).peekFirst();
    }

    private ArrayDeque<Node<E>> toDeque(E e, Node<E> single) {
        var equal = new ArrayDeque<Node<E>>(4);
        equal.add(single);
        index.put(e, equal);
        return equal;
    }

    private Node<E> nonEmpty() {
        if (count == 0) {
            throw new NoSuchElementException();
        }
        return head;
    }

    @SuppressWarnings("unchecked")
    private static <E> Node<E> cast(Node<?> node) {
        return (Node<E>) node;
    }

    @SuppressWarnings("unchecked")
    private ArrayDeque<Node<E>> nodes(Object bucket) {
        return (ArrayDeque<Node<E>>) bucket;
    }

    private static UnsupportedOperationException unsupported(String operation) {
        return new UnsupportedOperationException(operation + " is not offered by " + HashIndexedLinkedList.class
                + " (positional access would be O(n)); set COMANDA_TEMPORAL_TIMER_FIX=false to use the original list");
    }

    /** Walks forwards or backwards, fail-fast like {@code LinkedList}'s, with {@code remove}. */
    private final class Itr implements Iterator<E> {
        private final boolean forward;
        private Node<E> next;
        private Node<E> lastReturned;
        private int expectedModCount = modCount;

        Itr(boolean forward) {
            this.forward = forward;
            this.next = forward ? head.next : head.prev;
        }

        @Override
        public boolean hasNext() {
            return next != head;
        }

        @Override
        public E next() {
            checkForComodification();
            if (next == head) {
                throw new NoSuchElementException();
            }
            lastReturned = next;
            next = forward ? next.next : next.prev;
            return lastReturned.item;
        }

        @Override
        public void remove() {
            checkForComodification();
            if (lastReturned == null) {
                throw new IllegalStateException();
            }
            unlink(lastReturned);
            lastReturned = null;
            expectedModCount = modCount;
        }

        private void checkForComodification() {
            if (modCount != expectedModCount) {
                throw new ConcurrentModificationException();
            }
        }
    }
}
