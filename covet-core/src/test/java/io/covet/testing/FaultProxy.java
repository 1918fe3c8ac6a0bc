package io.covet.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of a test's database server that injects network faults: added latency per
 * chunk, a reset of every relayed connection (RST, as when a router or the server's host drops them), and a
 * blackhole (connections are accepted but nothing passes either way, as behind a dead link). In REFUSE mode the
 * server looks gone to its clients (every connection reset, new ones too); back in PASS mode it is reachable again.
 * Shared by the modules' tests through covet-core's test-jar.
 */
public final class FaultProxy implements AutoCloseable {
    /** What happens to connections: relayed, reset, or held without an answer. */
    public enum Mode { PASS, REFUSE, BLACKHOLE }

    private final String targetHost;
    private volatile int targetPort;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;
    private volatile long latencyMillis;

    /** Listens on a free loopback port and relays to {@code targetHost:targetPort} until closed. */
    public FaultProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::acceptLoop, "fault-proxy-accept-" + port());
        t.setDaemon(true);
        t.start();
    }

    /** The loopback port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /**
     * Relays new connections to another port of the same host from now on (relayed ones are left as they are):
     * the address now reaches another server, as after a failover.
     */
    public void retarget(int port) {
        targetPort = port;
    }

    /** Every chunk relayed from now on waits this long first. */
    public void latency(long millis) {
        latencyMillis = millis;
    }

    /** Resets (RST) every relayed connection; new ones are still relayed. */
    public void resetAll() {
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        sockets.clear();
    }

    /** PASS relays; REFUSE resets every connection and accepts new ones only to reset them; BLACKHOLE stalls them. */
    public void mode(Mode m) {
        mode = m;
        if (m == Mode.REFUSE) {
            resetAll();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            sockets.add(client);
            if (mode == Mode.REFUSE) {
                resetAll();
                continue;
            }
            if (mode == Mode.BLACKHOLE) {
                continue; // held open, never answered
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                resetAll();
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    while (mode == Mode.BLACKHOLE && !from.isClosed()) {
                        Thread.sleep(20);
                    }
                    long delay = latencyMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (SocketException e) {
                // reset or closed
            } catch (IOException | InterruptedException e) {
                // the test is over
            } finally {
                close(from);
                close(to);
            }
        }, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        resetAll();
    }
}
