package dev.comanda.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP port a test owns in front of a real server (MariaDB, Redis), or in front of nothing. It relays
 * bytes until {@link #cut()}; from then on it drops the open connections (as a server that restarts
 * does) and accepts new ones without ever answering: a black hole, the hardest outage for a client
 * since nothing fails until a timeout says so.
 */
final class Outage implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    private Outage(InetSocketAddress target, boolean cut) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.cut = cut;
        Thread.ofVirtual().name("outage-accept-" + port()).start(this::accept);
    }

    /** Relays to {@code host:port} until cut. */
    static Outage before(String host, int port) throws IOException {
        return new Outage(new InetSocketAddress(host, port), false);
    }

    /** A port that accepts connections and never answers, from the start. */
    static Outage blackHole() throws IOException {
        return new Outage(null, true);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The server stops answering: open connections close, new ones hang. */
    void cut() {
        cut = true;
        sockets.forEach(Outage::closeQuietly);
        sockets.clear();
    }

    @Override
    public void close() {
        cut();
        closeQuietly(server);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                var client = server.accept();
                sockets.add(client);
                if (!cut) {
                    relay(client);
                }
            } catch (IOException e) {
                // Closed: the test is over.
            }
        }
    }

    private void relay(Socket client) throws IOException {
        var upstream = new Socket();
        upstream.connect(target);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                var buffer = new byte[8192];
                for (int n; !cut && (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed or the outage cut it.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed.
        }
    }
}
