package io.atrium.resources;

import java.util.regex.Pattern;

/**
 * Role names. A role is a tenant ({@code acme}) or a team below it ({@code acme/ml}); {@code *}
 * marks unreserved resources, as in Mesos.
 */
public final class Roles {

    public static final String UNRESERVED = "*";

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]([a-z0-9_-]{0,62})");

    private Roles() {}

    /** Why {@code role} is not a valid role name, or {@code null} when it is. */
    public static String problem(String role) {
        if (role == null || role.isEmpty()) {
            return "a role must not be empty";
        }
        for (String segment : role.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return "role '" + role + "' must be slash-separated segments of lower-case letters, digits,"
                        + " '-' and '_', each starting with a letter or digit";
            }
        }
        return null;
    }

    public static String requireValid(String role) {
        String problem = problem(role);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return role;
    }

    /** Whether {@code ancestor} is {@code role} itself or one of its parents ({@code acme} of {@code acme/ml}). */
    public static boolean isAncestorOrSelf(String ancestor, String role) {
        return role.equals(ancestor)
                || (role.length() > ancestor.length()
                        && role.startsWith(ancestor)
                        && role.charAt(ancestor.length()) == '/');
    }

    /** The tenant a role belongs to: its top-level segment ({@code acme} of {@code acme/ml}). */
    public static String tenantOf(String role) {
        int slash = role.indexOf('/');
        return slash < 0 ? role : role.substring(0, slash);
    }

    /** The parent role, or {@code null} for a top-level role. */
    public static String parent(String role) {
        int slash = role.lastIndexOf('/');
        return slash < 0 ? null : role.substring(0, slash);
    }
}
