package io.atrium.allocator.sorter.drf;

import io.atrium.allocator.sorter.Sorter;
import io.atrium.resources.Quantities;
import io.atrium.resources.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Weighted, hierarchical Dominant Resource Fairness (Ghodsi et al., as in Mesos
 * {@code sorter/drf}). A client's share is its largest fraction of any scalar in the pool,
 * divided by its weight; siblings in the role tree are ordered by the share of everything below
 * them, and {@link #sort()} walks the tree in that order.
 *
 * <pre>
 *            (root)
 *           /      \
 *        acme      globex        internal nodes: compared by subtree allocation
 *       /    \         \
 *   [acme]  acme/ml  [globex]    [x] = the client x itself, competing with x's children
 *             |
 *         [acme/ml]
 * </pre>
 *
 * <p>An allocation change moves the changed nodes to their place among their siblings (binary
 * insertion); a change of weights or of the pool marks nodes dirty, and the next walk re-sorts
 * their children.
 */
public final class DrfSorter implements Sorter {

    private static final Comparator<Node> FAIREST_FIRST = (a, b) -> {
        int byShare = Double.compare(a.share, b.share);
        return byShare != 0 ? byShare : a.path.compareTo(b.path);
    };

    /** Counts walks, to stamp visited nodes. */
    private long walks;

    private final Node root = new Node("", null, false);
    private final Map<String, Node> internals = new HashMap<>();
    private final Map<String, Node> clients = new HashMap<>();
    private final Map<String, Double> weights = new HashMap<>();
    /** Scalar names seen so far, each with its index into the amount arrays below. */
    private final Map<String, Integer> names = new HashMap<>();

    private final List<String> nameList = new ArrayList<>();
    private long[] total = new long[0];

    public DrfSorter() {
        internals.put("", root);
    }

    @Override
    public void add(String client) {
        if (clients.containsKey(client)) {
            throw new IllegalArgumentException("client " + client + " is already in the sorter");
        }
        Node parent = internal(client);
        Node leaf = new Node(client, parent, true);
        leaf.weight = parent.weight;
        parent.children.add(leaf);
        parent.dirty = true;
        clients.put(client, leaf);
    }

    @Override
    public void remove(String client) {
        Node leaf = client(client);
        unallocated(client, toQuantities(leaf.allocation));
        clients.remove(client);
        Node node = leaf.parent;
        node.children.remove(leaf);
        while (node != root && node.children.isEmpty()) {
            node.parent.children.remove(node);
            internals.remove(node.path);
            node = node.parent;
        }
    }

    @Override
    public boolean contains(String client) {
        return clients.containsKey(client);
    }

    @Override
    public void activate(String client) {
        client(client).active = true;
    }

    @Override
    public void deactivate(String client) {
        client(client).active = false;
    }

    @Override
    public void updateWeight(String path, double weight) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("a weight must be a positive number, got " + weight);
        }
        weights.put(path, weight);
        Node node = internals.get(path);
        if (node != null) {
            node.weight = weight;
            Node leaf = clients.get(path);
            if (leaf != null) {
                leaf.weight = weight;
            }
            refreshShares(node);
        }
    }

    @Override
    public void allocated(String client, Quantities quantities) {
        change(client(client), quantities, true);
    }

    @Override
    public void unallocated(String client, Quantities quantities) {
        change(client(client), quantities, false);
    }

    @Override
    public Quantities allocation(String path) {
        Node node = internals.get(path);
        if (node == null) {
            node = clients.get(path);
        }
        return node == null ? Quantities.NONE : toQuantities(node.allocation);
    }

    @Override
    public void addTotal(Quantities quantities) {
        total = add(total, quantities, 1);
        refreshAllShares();
    }

    @Override
    public void removeTotal(Quantities quantities) {
        total = add(total, quantities, -1);
        refreshAllShares();
    }

    @Override
    public List<String> sort() {
        List<String> order = new ArrayList<>(clients.size());
        visit(order::add);
        return Collections.unmodifiableList(order);
    }

    @Override
    public void visit(Predicate<String> visitor) {
        walk(root, visitor, ++walks);
    }

    /**
     * Visits below {@code node} in order; returns false once the visitor asked to stop. The
     * visitor's allocations move nodes within the live list (a share only grows, so a node only
     * moves later); instead of copying the list for every agent, the walk stays at an index whose
     * node moved away, and a stamp keeps a moved node from being visited twice.
     */
    private boolean walk(Node node, Predicate<String> visitor, long walk) {
        if (node.dirty) {
            node.children.sort(FAIREST_FIRST);
            node.dirty = false;
        }
        List<Node> children = node.children;
        int i = 0;
        while (i < children.size()) {
            Node child = children.get(i);
            if (child.visited == walk) {
                i++;
                continue;
            }
            child.visited = walk;
            boolean goOn = child.client ? !child.active || visitor.test(child.path) : walk(child, visitor, walk);
            if (!goOn) {
                return false;
            }
            if (i < children.size() && children.get(i) == child) {
                i++;
            }
        }
        return true;
    }

    private void change(Node leaf, Quantities quantities, boolean add) {
        if (quantities.isEmpty()) {
            return;
        }
        for (Node node = leaf; node != null; node = node.parent) {
            node.allocation = add(node.allocation, quantities, add ? 1 : -1);
            if (node.parent != null) {
                node.share = share(node);
                reposition(node);
            }
        }
    }

    /** Moves a node whose share changed to its place among its (sorted) siblings. */
    private static void reposition(Node node) {
        List<Node> siblings = node.parent.children;
        if (node.parent.dirty) {
            return;
        }
        int at = siblings.indexOf(node);
        siblings.remove(at);
        int insert = Collections.binarySearch(siblings, node, FAIREST_FIRST);
        siblings.add(insert < 0 ? -insert - 1 : insert, node);
    }

    /** Adds {@code sign} times {@code quantities} to {@code amounts}, growing it for new names; never below zero. */
    private long[] add(long[] amounts, Quantities quantities, int sign) {
        long[] result = amounts;
        for (int i = 0; i < quantities.size(); i++) {
            int index = index(quantities.name(i));
            if (index >= result.length) {
                result = Arrays.copyOf(result, nameList.size());
            }
            result[index] = Math.max(0, result[index] + sign * quantities.millisAt(i));
        }
        return result;
    }

    private int index(String name) {
        Integer index = names.get(name);
        if (index == null) {
            index = nameList.size();
            names.put(name, index);
            nameList.add(name);
        }
        return index;
    }

    private Quantities toQuantities(long[] amounts) {
        Map<String, Scalar> map = new HashMap<>();
        for (int i = 0; i < amounts.length; i++) {
            map.put(nameList.get(i), new Scalar(amounts[i]));
        }
        return Quantities.of(map);
    }

    private Node internal(String path) {
        Node node = internals.get(path);
        if (node == null) {
            int slash = path.lastIndexOf('/');
            Node parent = slash < 0 ? root : internal(path.substring(0, slash));
            node = new Node(path, parent, false);
            node.weight = weights.getOrDefault(path, 1.0);
            parent.children.add(node);
            parent.dirty = true;
            internals.put(path, node);
        }
        return node;
    }

    private Node client(String client) {
        Node leaf = clients.get(client);
        if (leaf == null) {
            throw new IllegalArgumentException("client " + client + " is not in the sorter");
        }
        return leaf;
    }

    private double share(Node node) {
        double dominant = 0;
        long[] allocation = node.allocation;
        for (int i = 0; i < allocation.length && i < total.length; i++) {
            if (total[i] > 0 && allocation[i] > 0) {
                dominant = Math.max(dominant, (double) allocation[i] / total[i]);
            }
        }
        return dominant / node.weight;
    }

    private void refreshShares(Node node) {
        node.share = share(node);
        for (Node child : node.children) {
            if (child.client) {
                child.share = share(child);
            }
        }
        node.dirty = true;
        if (node.parent != null) {
            node.parent.dirty = true;
        }
    }

    private void refreshAllShares() {
        for (Node node : internals.values()) {
            node.share = share(node);
            node.dirty = true;
        }
        for (Node leaf : clients.values()) {
            leaf.share = share(leaf);
        }
    }

    /** A role path in the tree, or a client leaf hanging below the node of the same path. */
    private static final class Node {
        final String path;
        final Node parent;
        final boolean client;
        final List<Node> children = new ArrayList<>();
        long[] allocation = new long[0];
        double weight = 1;
        double share;
        boolean active = true;
        boolean dirty;
        /** The walk that last visited this node. */
        long visited;

        Node(String path, Node parent, boolean client) {
            this.path = path;
            this.parent = parent;
            this.client = client;
        }
    }
}
