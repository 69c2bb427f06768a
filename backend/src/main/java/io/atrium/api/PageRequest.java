package io.atrium.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Which page of a newest-first list a client asks for: at most {@code limit} items after the
 * one the cursor names. A cursor is the sort key of the last item a page held — its time and
 * id — so pages neither repeat nor skip items when new ones arrive in between (keyset
 * pagination); it is opaque to clients (base64url) and says which list wrote it.
 *
 * @param list which list the cursor belongs to ({@code jobs}, {@code tasks})
 * @param limit how many items at most (1..{@value #MAX_LIMIT})
 * @param after the sort key of the last item already seen; null for the first page
 */
public record PageRequest(String list, int limit, Key after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    /** Where an item sorts: newest first, then by id descending between items of the same time. */
    public record Key(Instant time, String id) {}

    /** Newest first; items of the same time by id, descending. */
    public static final Comparator<Key> NEWEST_FIRST =
            Comparator.comparing(Key::time).thenComparing(Key::id).reversed();

    private static final String VERSION = "1";

    /**
     * Reads the {@code limit} and {@code cursor} query parameters of {@code list}; a bad one is
     * a 400 problem naming it.
     */
    public static PageRequest of(String list, String limit, String cursor) {
        int size = Page.limit(limit);
        Key after = null;
        if (cursor != null) {
            after = decode(list, cursor);
            if (after == null) {
                throw ErrorCode.VALIDATION_FAILED.invalid(
                        "cursor", "is not a cursor this list gave; start again without one");
            }
        }
        return new PageRequest(list, size, after);
    }

    /** Whether an item sorting at {@code key} belongs after the cursor (all do without one). */
    public boolean includes(Key key) {
        return after == null || NEWEST_FIRST.compare(key, after) > 0;
    }

    /**
     * The page of {@code sorted} (already newest first, filtered by the caller, may hold more
     * than a page) that follows the cursor.
     */
    public <T> Page<T> page(List<T> sorted, Function<T, Key> key) {
        List<T> items = sorted.stream()
                .filter(item -> includes(key.apply(item)))
                .limit(limit + 1L)
                .toList();
        return cut(items, key);
    }

    /**
     * The page from up to {@code limit + 1} items that follow the cursor (as a query with
     * {@code limit + 1} returns them): the extra one only says that a next page exists.
     */
    public <T> Page<T> cut(List<T> items, Function<T, Key> key) {
        return Page.of(items, limit, item -> {
            Key last = key.apply(item);
            return list + VERSION + "|" + last.time() + "|" + last.id();
        });
    }

    /** The key a cursor of {@code list} names, or null if it is not one. */
    private static Key decode(String list, String cursor) {
        try {
            String text = Page.position(cursor.strip());
            String[] parts = text.split("\\|", 3);
            if (parts.length != 3 || !parts[0].equals(list + VERSION) || parts[2].isEmpty()) {
                return null;
            }
            return new Key(Instant.parse(parts[1]), parts[2]);
        } catch (AtriumException | DateTimeParseException e) {
            return null;
        }
    }
}
