package io.atrium.events;

import java.util.Map;
import java.util.TreeMap;

/**
 * Offers made and answered per second per role, for dashboards that cannot take every offer
 * event: the hub counts the offer events it reads into one bucket per second and keeps the
 * last minute. Thread-safe.
 */
public final class OfferRates {

    /** What happens to offers, in the order of {@link Counts}' fields. */
    private static final String[] OUTCOMES = {"created", "accepted", "declined", "rescinded", "expired"};

    private static final int SECONDS_KEPT = 60;

    /** How many offers of a role had each outcome in one second. */
    public record Counts(long created, long accepted, long declined, long rescinded, long expired) {}

    /** The counts of one second, by role. */
    public record Second(long epochSecond, Map<String, Counts> roles) {}

    private final long[] seconds = new long[SECONDS_KEPT];

    @SuppressWarnings("unchecked")
    private final Map<String, long[]>[] buckets = new Map[SECONDS_KEPT];

    /** Counts one offer event of {@code role} ({@code offer.created}, ...) read at {@code epochMillis}. */
    synchronized void count(String type, String role, long epochMillis) {
        int outcome = java.util.Arrays.asList(OUTCOMES).indexOf(type.substring(type.indexOf('.') + 1));
        if (outcome < 0 || role == null) {
            return;
        }
        long second = epochMillis / 1000;
        int slot = (int) (second % SECONDS_KEPT);
        if (seconds[slot] != second || buckets[slot] == null) {
            seconds[slot] = second;
            buckets[slot] = new TreeMap<>();
        }
        buckets[slot].computeIfAbsent(role, r -> new long[OUTCOMES.length])[outcome]++;
    }

    /** The counts of {@code epochSecond} for the roles of {@code tenant} (all roles when null). */
    synchronized Second of(long epochSecond, String tenant) {
        int slot = (int) (epochSecond % SECONDS_KEPT);
        Map<String, Counts> roles = new TreeMap<>();
        if (seconds[slot] == epochSecond && buckets[slot] != null) {
            buckets[slot].forEach((role, n) -> {
                if (tenant == null || io.atrium.resources.Roles.tenantOf(role).equals(tenant)) {
                    roles.put(role, new Counts(n[0], n[1], n[2], n[3], n[4]));
                }
            });
        }
        return new Second(epochSecond, roles);
    }
}
