package io.atrium.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The demo realm {@code atrium}: its users, their generated passwords and the backend's client
 * secret. Credentials are generated once per state directory and kept there (mode 600), so a
 * second start logs in with the same passwords the realm was imported with.
 */
public final class DemoRealm {

    public static final String REALM = "atrium";
    public static final String BACKEND_CLIENT = "atrium-backend";
    public static final String CLI_CLIENT = "atrium-cli";

    /** A demo login and what it may do in Atrium. */
    public record User(String username, String fullName, String role) {}

    public static final List<User> USERS = List.of(
            new User("admin", "Ada Admin", "platform-admin"),
            new User("alice", "Alice Anders", "tenant-admin of acme"),
            new User("bob", "Bob Builder", "developer in acme"),
            new User("carol", "Carol Chen", "developer in globex"),
            new User("dave", "Dave Dawson", "viewer in acme and globex"));

    private static final String BACKEND_SECRET_KEY = "client.atrium-backend.secret";

    private final Map<String, String> passwords;
    private final String backendSecret;

    private DemoRealm(Map<String, String> passwords, String backendSecret) {
        this.passwords = Map.copyOf(passwords);
        this.backendSecret = backendSecret;
    }

    /**
     * The credentials kept in {@code file}, generated and written there on first use. A demo user
     * added since the file was written gets a password then, kept too (a Keycloak whose realm was
     * imported before does not have that user: reset the state directory to get them).
     */
    public static DemoRealm loadOrGenerate(Path file) {
        try {
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    stored.load(in);
                }
            }
            boolean complete = stored.getProperty(BACKEND_SECRET_KEY) != null
                    && USERS.stream().allMatch(user -> stored.getProperty("user." + user.username()) != null);
            if (stored.getProperty(BACKEND_SECRET_KEY) == null) {
                stored.setProperty(BACKEND_SECRET_KEY, Secrets.generate(32));
            }
            Map<String, String> passwords = new LinkedHashMap<>();
            for (User user : USERS) {
                String key = "user." + user.username();
                if (stored.getProperty(key) == null) {
                    stored.setProperty(key, Secrets.generate(12));
                }
                passwords.put(user.username(), stored.getProperty(key));
            }
            if (!complete) {
                store(file, stored);
            }
            return new DemoRealm(passwords, stored.getProperty(BACKEND_SECRET_KEY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void store(Path file, Properties credentials) throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer writer = Files.newBufferedWriter(file)) {
            credentials.store(writer, "Atrium demo credentials for this state directory (do not share)");
        }
    }

    public String password(String username) {
        String password = passwords.get(username);
        if (password == null) {
            throw new IllegalArgumentException("no demo user " + username);
        }
        return password;
    }

    public String backendSecret() {
        return backendSecret;
    }

    /** The realm as Keycloak imports it, with redirects allowed to {@code portalUrl} only. */
    public String realmJson(String portalUrl) {
        String json = template();
        json = json.replace("${PORTAL_URL}", portalUrl).replace("${BACKEND_SECRET}", backendSecret);
        for (User user : USERS) {
            json = json.replace("${" + user.username().toUpperCase() + "_PASSWORD}", password(user.username()));
        }
        return json;
    }

    private static String template() {
        try (InputStream in = DemoRealm.class.getResourceAsStream("atrium-realm.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
