package io.atrium.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks: is a port free, and a free one for tests. */
public final class Ports {

    private Ports() {}

    /**
     * Fails with a one-line message naming the port, who wanted it and how to change it when
     * something on this machine already listens on the loopback port.
     */
    public static void requireFree(int port, String what, String setting) {
        if (!isFree(port)) {
            throw new InfraException("Port " + port + " (" + what + ") is already in use: stop what listens there"
                    + " (ss -ltnp 'sport = :" + port + "') or choose another port with " + setting);
        }
    }

    /** Whether nothing listens on the loopback port. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free on loopback a moment ago. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new InfraException("No free loopback port: " + e.getMessage(), e);
        }
    }
}
