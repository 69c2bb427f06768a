package io.atrium.agent.containerizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** User accounts by name, through {@code id} so that NSS sources (LDAP, sssd) count too. */
final class Users {

    record User(String name, int uid, int gid) {}

    private final Map<String, Optional<User>> cache = new ConcurrentHashMap<>();

    Optional<User> lookup(String name) {
        return cache.computeIfAbsent(name, Users::query);
    }

    boolean agentIsRoot() {
        return agentUser().uid() == 0;
    }

    /** The user this agent runs as. */
    User agentUser() {
        String name = System.getProperty("user.name");
        return lookup(name).orElseGet(() -> new User(name, uidFromProc(), -1));
    }

    private static Optional<User> query(String name) {
        if (!name.matches("[a-z_][a-z0-9_.-]*\\$?") || name.length() > 32) {
            return Optional.empty();
        }
        Optional<Integer> uid = id("-u", name);
        Optional<Integer> gid = id("-g", name);
        if (uid.isEmpty() || gid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new User(name, uid.get(), gid.get()));
    }

    private static Optional<Integer> id(String flag, String name) {
        try {
            Process process = new ProcessBuilder("id", flag, name)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (process.waitFor() != 0) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(out));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static int uidFromProc() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .map(line -> Integer.parseInt(line.split("\\s+")[1]))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
