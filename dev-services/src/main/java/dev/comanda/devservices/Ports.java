package dev.comanda.devservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Small TCP helpers for probing and picking loopback ports. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";
    /** A port setting meaning "the port of the URL". */
    public static final int SAME_AS_URL = -1;

    private static final int CONNECT_TIMEOUT_MS = 1_000;

    private Ports() {}

    /** Whether something accepts TCP connections at host:port. */
    public static boolean listening(String host, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback port that was free a moment ago (the usual small race is accepted). */
    public static int free() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** {@code requested} unless it means "same as the URL" (-1) or "any free" (0). */
    public static int choose(int requested, int urlPort) {
        if (requested == SAME_AS_URL) {
            return urlPort;
        }
        return requested == 0 ? free() : requested;
    }
}
