package dev.comanda.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The ledger's data file: one JSON object per line, each line one committed {@link LedgerChange}, read back
 * in order on start.
 *
 * <p>Durability: every {@link #append} writes its line and forces it to disk ({@code FileChannel.force})
 * before returning, one fsync per append rather than per batch. The ledger calls it under its lock and
 * answers only afterwards, so nothing a client was told (and nothing another call built on) can be missing
 * after a crash, and a failed write leaves the books untouched. Batching would need the books to run ahead
 * of the disk; the sandbox serves one local run or a test, where a millisecond of fsync per payment call is
 * cheap, so the simpler rule wins.
 *
 * <p>A crash mid-write leaves a torn last line: it is dropped with a warning and cut off the file, so the
 * next append starts on a clean line. A bad line anywhere else is corruption and refuses the start. The
 * file is locked while open, so two sandboxes never write the same books.
 */
final class LedgerJournal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LedgerJournal.class.getName());
    private static final byte NEWLINE = '\n';

    private final ObjectMapper json;
    private final Path file;
    private final FileChannel channel;
    private final List<JsonNode> entries;
    /** Set when a failed write could not be cut off again: appending after it would bury a torn line. */
    private IOException broken;

    private LedgerJournal(ObjectMapper json, Path file, FileChannel channel, List<JsonNode> entries) {
        this.json = json;
        this.file = file;
        this.channel = channel;
        this.entries = entries;
    }

    /** Opens (creating it and its directory if needed) and reads {@code file}. */
    static LedgerJournal open(Path file, ObjectMapper json) throws IOException {
        var directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        var created = Files.notExists(file);
        var channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            lock(channel, file);
            var entries = new ArrayList<JsonNode>();
            var bytes = readAll(channel);
            var good = parse(bytes, file, json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS), entries);
            if (good < bytes.length) {
                LOG.warning(() -> "ledger journal " + file + ": dropped a torn last line (" + (bytes.length - good)
                        + " bytes), the remains of a crash mid-write");
                channel.truncate(good);
            }
            channel.position(channel.size());
            if (channel.size() > 0 && lastByte(channel) != NEWLINE) {
                // A complete last entry whose newline was lost: end it so the next entry gets its own line.
                write(channel, new byte[] {NEWLINE});
            }
            channel.force(true);
            if (created) {
                forceDirectory(directory);
            }
            return new LedgerJournal(json, file, channel, List.copyOf(entries));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The entries read on open, oldest first. */
    List<JsonNode> entries() {
        return entries;
    }

    /** Appends {@code entry} as one line and forces it to disk. Called under the ledger's lock only. */
    void append(JsonNode entry) throws IOException {
        if (broken != null) {
            throw new IOException("ledger journal " + file + " is unusable since an earlier write failed", broken);
        }
        var line = json.writeValueAsBytes(entry);
        var bytes = new byte[line.length + 1];
        System.arraycopy(line, 0, bytes, 0, line.length);
        bytes[line.length] = NEWLINE;
        var before = channel.position();
        try {
            write(channel, bytes);
            channel.force(true);
        } catch (IOException e) {
            try {
                channel.truncate(before);
                channel.position(before);
            } catch (IOException again) {
                e.addSuppressed(again);
                broken = e;
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Fills {@code entries}; returns how many leading bytes hold whole entries (where a torn tail starts). */
    private static long parse(byte[] bytes, Path file, ObjectReader reader, List<JsonNode> entries) throws IOException {
        var start = 0;
        var lineNumber = 0;
        while (start < bytes.length) {
            lineNumber++;
            var end = indexOf(bytes, NEWLINE, start);
            var stop = end < 0 ? bytes.length : end;
            var text = new String(bytes, start, stop - start, StandardCharsets.UTF_8);
            if (!text.isBlank()) {
                var entry = entryOrNull(reader, text);
                if (entry == null) {
                    if (isBlank(bytes, stop)) {
                        return start;
                    }
                    throw new IOException("ledger journal " + file + ": line " + lineNumber
                            + " is not a journal entry and more follow; the file is corrupt");
                }
                entries.add(entry);
            }
            start = stop + 1;
        }
        return bytes.length;
    }

    private static JsonNode entryOrNull(ObjectReader reader, String text) {
        try {
            var node = reader.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void lock(FileChannel channel, Path file) throws IOException {
        try {
            if (channel.tryLock() == null) {
                throw new IOException("ledger journal " + file + " is in use by another process");
            }
        } catch (OverlappingFileLockException e) {
            throw new IOException("ledger journal " + file + " is already open in this JVM", e);
        }
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        var size = channel.size();
        if (size > Integer.MAX_VALUE) {
            throw new IOException("ledger journal too large to load: " + size + " bytes");
        }
        var buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // read until full
        }
        return buffer.array();
    }

    private static byte lastByte(FileChannel channel) throws IOException {
        var buffer = ByteBuffer.allocate(1);
        channel.read(buffer, channel.size() - 1);
        return buffer.get(0);
    }

    private static void write(FileChannel channel, byte[] bytes) throws IOException {
        var buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** A new file survives a power cut only once its directory entry is on disk too (where the OS allows it). */
    private static void forceDirectory(Path directory) {
        try (var handle = FileChannel.open(directory, StandardOpenOption.READ)) {
            handle.force(true);
        } catch (IOException e) {
            LOG.fine(() -> "cannot force directory " + directory + ": " + e);
        }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (var i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] bytes, int from) {
        for (var i = from; i < bytes.length; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return false;
            }
        }
        return true;
    }
}
