package dev.comanda.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of the API that a test switches: up (bytes pass both ways), down (the port
 * refuses connections, as when the restaurant's internet drops) or losing answers (requests reach the
 * API and are processed, but the connection is cut as the answer starts, as on a flaky link).
 */
final class SwitchableRelay implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;

    private final String upstreamHost;
    private final int upstreamPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean losingAnswers;
    private ServerSocket server;

    private SwitchableRelay(String upstreamHost, int upstreamPort, int port) {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.port = port;
    }

    static SwitchableRelay to(String apiUrl) {
        var uri = URI.create(apiUrl);
        try (var probe = new ServerSocket(0)) {
            var relay = new SwitchableRelay(uri.getHost(), uri.getPort(), probe.getLocalPort());
            probe.close();
            relay.up();
            return relay;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            var socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            server = socket;
            Thread.ofVirtual().name("relay-accept").start(() -> accept(socket));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
    }

    /** Closes the port and every connection through it: the next connect is refused. */
    synchronized void down() {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        server = null;
        open.forEach(SwitchableRelay::closeQuietly);
        open.clear();
    }

    void loseAnswers(boolean losing) {
        losingAnswers = losing;
        open.forEach(SwitchableRelay::closeQuietly);
        open.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                var client = socket.accept();
                var upstream = new Socket(upstreamHost, upstreamPort);
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pipe(client, upstream, false));
                Thread.ofVirtual().start(() -> pipe(upstream, client, true));
            } catch (IOException e) {
                // Closed by down(), or a connect to the API failed: this connection is dropped.
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean answers) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            var buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (answers && losingAnswers) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The other side closed; both sockets are closed below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        down();
    }
}
