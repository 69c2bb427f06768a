package io.atrium.events;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What one stream carries: one tenant's events (or every tenant's, for the admin firehose),
 * optionally only some types ({@code task.*}, {@code agent.registered}), one subject, or one
 * job's tasks.
 */
public record EventFilter(String tenant, List<String> types, String subject, String job) {

    private static final Pattern TYPE_GLOB = Pattern.compile("[a-z*][a-z.*-]{0,63}");

    /** A tenant's stream sees only that tenant's events; {@code null} sees all (platform admins). */
    public static EventFilter of(String tenant, String types, String subject, String job) {
        List<String> globs = types == null || types.isBlank()
                ? List.of()
                : List.of(types.strip().split("\\s*,\\s*"));
        for (String glob : globs) {
            if (!TYPE_GLOB.matcher(glob).matches()) {
                throw new IllegalArgumentException(
                        "'" + glob + "' is not an event type or a pattern such as task.* or agent.registered");
            }
        }
        return new EventFilter(tenant, globs, blankToNull(subject), blankToNull(job));
    }

    public boolean matches(StreamEvent event) {
        if (tenant != null && !tenant.equals(event.tenant())) {
            return false;
        }
        if (subject != null && !subject.equals(event.subject())) {
            return false;
        }
        if (job != null && !job.equals(event.job())) {
            return false;
        }
        return types.isEmpty() || types.stream().anyMatch(glob -> matches(glob, event.type()));
    }

    /** {@code *} stands for any run of characters: {@code task.*}, {@code *.created}, {@code *}. */
    private static boolean matches(String glob, String type) {
        int star = glob.indexOf('*');
        if (star < 0) {
            return glob.equals(type);
        }
        return type.startsWith(glob.substring(0, star)) && matchesFrom(glob.substring(star + 1), type.substring(star));
    }

    private static boolean matchesFrom(String rest, String type) {
        for (int i = 0; i <= type.length(); i++) {
            if (matches(rest, type.substring(i))) {
                return true;
            }
        }
        return false;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
