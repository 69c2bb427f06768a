package io.atrium.allocator;

import io.atrium.resources.Quantities;
import io.atrium.resources.Resources;
import io.atrium.resources.Roles;
import io.atrium.resources.Scalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Quota bookkeeping for one allocation cycle: what each role with a quota has consumed, the
 * headroom the pool must keep for guarantees not yet reached, and how much an offer to a role
 * may carry.
 *
 * <pre>
 * consumed(Q)    = allocated to Q and below + unallocated reservations to Q and below
 * unsatisfied(Q) = guarantees(Q) - consumed(Q), floored at zero
 * required(Q)    = max(unsatisfied(Q), sum of required(C) for quota roles C nested in Q)
 * headroom       = sum of required(Q) over the outermost quota roles
 * spare          = unreserved available on active agents - headroom
 * </pre>
 *
 * An offer's unreserved scalars stay within {@code spare} (plus, in the guarantee stage, what the
 * role itself still needs), and what it adds to the consumption of the role and each parent stays
 * within their {@code limit - consumed}.
 */
final class QuotaBook {

    private final Map<String, Quota> quotas;
    private final Map<String, Quantities> consumed = new HashMap<>();
    private final Map<String, Quantities> unsatisfied = new HashMap<>();
    /** Room under each limited role's limits, computed when first needed. */
    private final Map<String, Quantities> room = new HashMap<>();

    private final Map<String, List<String>> nested = new HashMap<>();
    private final List<String> outermost = new ArrayList<>();
    private Quantities available;
    private Quantities required = Quantities.NONE;
    private Set<String> requiredNames = Set.of();
    private Quantities spare;
    private int rolesBelowGuarantee;

    QuotaBook(Map<String, Quota> quotas, Function<String, Quantities> consumedOf, Quantities available) {
        this.quotas = new HashMap<>(quotas);
        this.available = available;
        for (String role : new TreeSet<>(quotas.keySet())) {
            consumed.put(role, consumedOf.apply(role));
            updateUnsatisfied(role);
            String parent = nearestQuotaAbove(role);
            if (parent == null) {
                outermost.add(role);
            } else {
                nested.computeIfAbsent(parent, p -> new ArrayList<>()).add(role);
            }
        }
        recomputeHeadroom();
    }

    boolean isEmpty() {
        return quotas.isEmpty();
    }

    /** Whether some role with a quota has not reached its guarantee. */
    boolean anyBelowGuarantee() {
        return rolesBelowGuarantee > 0;
    }

    /** Whether {@code role} or a role above it has a guarantee it has not reached. */
    boolean belowGuarantee(String role) {
        for (String q = role; q != null; q = Roles.parent(q)) {
            Quantities need = unsatisfied.get(q);
            if (need != null && !need.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code offer} holds some unreserved scalar {@code role} still needs for its guarantee. */
    boolean helpsGuarantee(String role, Resources offer) {
        Quantities need = nearestUnsatisfied(role);
        Quantities offered = offer.unreserved().quantities();
        for (int i = 0; i < need.size(); i++) {
            if (offered.millis(need.name(i)) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code offer} cut down to what quota allows for {@code role}: unreserved scalars within the
     * spare headroom (plus, in the guarantee stage, what the role still needs), and for the role
     * and each parent with a limit, whatever would raise its consumption within {@code limit -
     * consumed}.
     */
    Resources trim(String role, Resources offer, boolean guaranteeStage) {
        if (quotas.isEmpty()) {
            return offer;
        }
        Resources trimmed = offer;
        if (!requiredNames.isEmpty()) {
            Quantities room = guaranteeStage ? spare.plus(nearestUnsatisfied(role)) : spare;
            trimmed = trimmed.cap(room, requiredNames, r -> !r.isReserved());
        }
        for (String q = role; q != null; q = Roles.parent(q)) {
            Quota quota = quotas.get(q);
            if (quota == null || quota.limits().isEmpty()) {
                continue;
            }
            trimmed = trimmed.cap(roomUnder(q, quota), quota.limits().keySet(), raisesConsumptionOf(q));
        }
        return trimmed;
    }

    /** Records that {@code offer} was allocated to {@code role}. */
    void allocated(String role, Resources offer) {
        if (quotas.isEmpty()) {
            return;
        }
        boolean guaranteesMoved = false;
        for (String q = role; q != null; q = Roles.parent(q)) {
            Quantities used = consumed.get(q);
            if (used != null) {
                consumed.put(q, used.plus(offer.filter(raisesConsumptionOf(q)).quantities()));
                room.remove(q);
                guaranteesMoved |= updateUnsatisfied(q);
            }
        }
        available = available.minusFloored(offer.unreserved().quantities());
        if (guaranteesMoved) {
            recomputeHeadroom();
        } else {
            spare = available.minusFloored(required);
        }
    }

    /**
     * Reservations to a role and below already count as its consumption, so allocating them
     * changes nothing; unreserved resources, and reservations to a role above it, add to it.
     */
    private static Predicate<Resources.Resource> raisesConsumptionOf(String quotaRole) {
        return r -> !r.isReserved() || !Roles.isAncestorOrSelf(quotaRole, r.role());
    }

    /** Recomputes what {@code role} still needs; returns whether it changed. */
    private boolean updateUnsatisfied(String role) {
        Quantities need = quotas.get(role).guarantees().minusFloored(consumed.get(role));
        Quantities before = unsatisfied.put(role, need);
        if (need.equals(before)) {
            return false;
        }
        if (before != null && !before.isEmpty()) {
            rolesBelowGuarantee--;
        }
        if (!need.isEmpty()) {
            rolesBelowGuarantee++;
        }
        return true;
    }

    private Quantities nearestUnsatisfied(String role) {
        for (String q = role; q != null; q = Roles.parent(q)) {
            Quantities need = unsatisfied.get(q);
            if (need != null && !need.isEmpty()) {
                return need;
            }
        }
        return Quantities.NONE;
    }

    private void recomputeHeadroom() {
        Quantities total = Quantities.NONE;
        for (String role : outermost) {
            total = total.plus(requiredBy(role));
        }
        required = total;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < required.size(); i++) {
            names.add(required.name(i));
        }
        requiredNames = names;
        spare = available.minusFloored(required);
    }

    private Quantities requiredBy(String role) {
        Quantities inner = Quantities.NONE;
        for (String child : nested.getOrDefault(role, List.of())) {
            inner = inner.plus(requiredBy(child));
        }
        return unsatisfied.get(role).max(inner);
    }

    /**
     * {@code limit - consumed} per limited name, at least zero; kept until the role's
     * consumption changes, as roles at their limit are asked again for every agent.
     */
    private Quantities roomUnder(String role, Quota quota) {
        Quantities left = room.get(role);
        if (left == null) {
            Quantities used = consumed.get(role);
            Map<String, Scalar> amounts = new TreeMap<>();
            quota.limits()
                    .forEach((name, limit) ->
                            amounts.put(name, new Scalar(Math.max(0, limit.millis() - used.millis(name)))));
            left = Quantities.of(amounts); // a name at zero is absent: millis() reads 0
            room.put(role, left);
        }
        return left;
    }

    private String nearestQuotaAbove(String role) {
        for (String q = Roles.parent(role); q != null; q = Roles.parent(q)) {
            if (quotas.containsKey(q)) {
                return q;
            }
        }
        return null;
    }
}
