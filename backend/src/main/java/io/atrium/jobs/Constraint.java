package io.atrium.jobs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A placement constraint, Marathon style: {@code [hostname, UNIQUE]} puts at most one
 * instance per host; {@code [rack, LIKE, r[12]]} only places on agents whose attribute (or
 * host name) matches the regular expression in full.
 */
sealed interface Constraint {

    /** Whether an instance may go to this agent, given the hosts the job already uses. */
    boolean allows(String hostname, Map<String, String> attributes, Set<String> usedHosts);

    record Unique(String field) implements Constraint {
        @Override
        public boolean allows(String hostname, Map<String, String> attributes, Set<String> usedHosts) {
            return !usedHosts.contains(hostname);
        }
    }

    record Like(String field, Pattern pattern) implements Constraint {
        @Override
        public boolean allows(String hostname, Map<String, String> attributes, Set<String> usedHosts) {
            String value = field.equals("hostname") ? hostname : attributes.get(field);
            return value != null && pattern.matcher(value).matches();
        }
    }

    /** Parses one constraint or says, in words, what is wrong with it. */
    static Constraint parse(List<String> parts) {
        String field = parts.get(0);
        String operator = parts.get(1);
        switch (operator) {
            case "UNIQUE" -> {
                if (!field.equals("hostname")) {
                    throw new IllegalArgumentException("UNIQUE is supported on hostname only");
                }
                if (parts.size() != 2) {
                    throw new IllegalArgumentException("UNIQUE takes no value");
                }
                return new Unique(field);
            }
            case "LIKE" -> {
                if (parts.size() != 3) {
                    throw new IllegalArgumentException("LIKE needs a regular expression");
                }
                try {
                    return new Like(field, Pattern.compile(parts.get(2)));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("'" + parts.get(2) + "' is not a regular expression");
                }
            }
            default -> throw new IllegalArgumentException("operator must be UNIQUE or LIKE, got " + operator);
        }
    }
}
