package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Throws malformed and hostile bodies at every write endpoint (a seeded random JSON fuzzer;
 * jqwik's generators cannot run inside a Quarkus test): random JSON of every shape,
 * valid requests with one field replaced by garbage or an unknown field added, and broken
 * JSON text (truncated, deeply nested, huge, non-numbers). Whatever comes in, the answer is
 * never a 5xx, every refusal is a problem+json, and a refused request changes nothing.
 */
@QuarkusTest
class WriteFuzzTest {

    private static final int BODIES_PER_ENDPOINT = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One write endpoint: who calls it, how, and a valid body to start mutations from. */
    private record Target(
            String user, String method, String path, Supplier<String> ifMatch, Map<String, Object> valid) {}

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    private final Map<String, String> tokens = new HashMap<>();
    private final String tenant = "fz-" + Long.toHexString(System.nanoTime()).substring(4);
    private String alice;

    @BeforeEach
    void aTenantToChange() {
        assertThat(call(
                                "admin",
                                "POST",
                                "/api/admin/tenants",
                                null,
                                json(Map.of("name", tenant, "displayName", "Fuzz")))
                        .status())
                .isEqualTo(201);
        alice = call(
                        "admin",
                        "POST",
                        "/api/tenants/" + tenant + "/members",
                        null,
                        json(Map.of("user", "alice", "role", "tenant-admin")))
                .field("subject");
    }

    /** Its tenant goes, with the guarantees the fuzzer may have given it (held back from everyone else). */
    @AfterEach
    void deleteTheTenant() {
        assertThat(call("admin", "DELETE", "/api/admin/tenants/" + tenant + "?drain=true", null, null)
                        .status())
                .isIn(202, 204);
    }

    @Test
    void noBodyMakesAServerErrorOrLeavesHalfWrittenState() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (Target target : targets()) {
            for (int i = 0; i < BODIES_PER_ENDPOINT; i++) {
                String body = hostile(target.valid(), random);
                String before = digest();
                Answer response = call(
                        target.user(),
                        target.method(),
                        target.path(),
                        target.ifMatch() == null ? null : target.ifMatch().get(),
                        body);
                int status = response.status();
                statuses.merge(status, 1, Integer::sum);
                String where = target.method() + " " + target.path() + " with " + abbreviated(body) + " (seed " + seed
                        + ") -> " + status + " " + abbreviated(response.body());
                if (status >= 500) {
                    failures.add("server error: " + where);
                } else if (status >= 400) {
                    if (!response.contentType().startsWith("application/problem+json")) {
                        failures.add("not a problem: " + where);
                    } else if (response.body().contains("Exception")
                            || response.body().contains("\tat ")) {
                        failures.add("internals shown: " + where);
                    }
                    if (!digest().equals(before)) {
                        failures.add("refused but changed state: " + where);
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        // The fuzzer reached both sides of validation: bodies refused for what is in them, and
        // (mutated but still valid) bodies accepted.
        assertThat(statuses).as("answers by status").containsKeys(400, 201);
    }

    private List<Target> targets() {
        String tenants = "/api/admin/tenants/" + tenant;
        String roles = "/api/admin/roles/" + tenant;
        String members = "/api/tenants/" + tenant + "/members";
        return List.of(
                // Jobs in the fuzz tenant, which goes after the test: a mutated job without its
                // constraint would otherwise wait in a real tenant and take other tests' agents.
                new Target(
                        "alice",
                        "POST",
                        "/api/tenants/" + tenant + "/jobs",
                        null,
                        Api.pinnedJob("fuzzed", "true", 1, "fz-none")),
                new Target("admin", "POST", "/api/admin/tenants", null, Map.of("name", "fz-x", "displayName", "X")),
                new Target(
                        "admin", "PATCH", tenants, () -> etag(tenants), Map.of("displayName", "Y", "suspended", false)),
                new Target("alice", "POST", members, null, Map.of("user", "dave", "role", "viewer")),
                new Target(
                        "alice",
                        "PUT",
                        members + "/" + alice + "/role",
                        () -> etag(members + "/" + alice),
                        Map.of("role", "tenant-admin")),
                new Target(
                        "alice",
                        "POST",
                        "/api/tenants/" + tenant + "/tokens",
                        null,
                        Map.of("name", "fz", "role", "viewer")),
                new Target(
                        "admin",
                        "PUT",
                        roles + "/quota",
                        () -> etag(roles),
                        Map.of("guarantees", Map.of("cpus", 1), "limits", Map.of("cpus", 2, "mem", 64))),
                new Target("admin", "PUT", roles + "/weight", () -> etag(roles), Map.of("weight", 2)));
    }

    /** A hostile body: random JSON, a valid body with one field broken or one added, or broken text. */
    private static String hostile(Map<String, Object> valid, Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> json(jsonValue(3, random));
            case 1 -> {
                Map<String, Object> broken = new LinkedHashMap<>(valid);
                List<String> fields = new ArrayList<>(valid.keySet());
                broken.put(fields.get(random.nextInt(fields.size())), jsonValue(2, random));
                yield json(broken);
            }
            case 2 -> {
                Map<String, Object> extra = new LinkedHashMap<>(valid);
                extra.put("unknown" + random.nextInt(1000), 1);
                yield json(extra);
            }
            case 3 -> {
                String text = json(valid);
                int cut = random.nextInt(text.length());
                yield random.nextBoolean()
                        ? text.substring(0, cut)
                        : text.substring(0, cut) + (char) random.nextInt(0x3000) + text.substring(cut);
            }
            default -> RAW.get(random.nextInt(RAW.size()));
        };
    }

    /** Texts that are not JSON, or JSON at the edge of what a parser takes. */
    private static final List<String> RAW = List.of(
            "",
            "null",
            "NaN",
            "{\"name\": NaN}",
            "{\"instances\": 1e400, \"weight\": -1e400}",
            "{\"weight\": 99999999999999999999999999999999999999}",
            "[".repeat(5000) + "]".repeat(5000),
            "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
            "{\"name\": \"" + "x".repeat(200_000) + "\"}",
            "{\"name\": \"\\u0000\\ud800\"}",
            "\u0000\u0001\u0002",
            "{\"name\": \"a\", \"name\": \"b\"}",
            "'single quotes'",
            "{} {}",
            "{\"__proto__\": {\"admin\": true}}");

    private static final List<Object> EDGES = java.util.Arrays.asList(
            null,
            true,
            false,
            0,
            -1,
            Integer.MAX_VALUE,
            Long.MIN_VALUE,
            1e308,
            -0.0,
            1e-300,
            0.5,
            "",
            " ",
            "acme",
            "globex",
            "../../etc/passwd",
            "'; drop table job; --",
            "<script>",
            "cpus",
            "mem",
            "tenant-admin",
            "developer",
            "2020-01-01T00:00:00Z",
            "\u0000",
            "x".repeat(5000));

    private static final List<String> KEYS = List.of(
            "name",
            "command",
            "role",
            "user",
            "cpus",
            "mem",
            "limits",
            "guarantees",
            "weight",
            "instances",
            "resources",
            "displayName",
            "suspended",
            "expiresAt",
            "x");

    /** Random JSON: edge values, random numbers and strings (any code point), lists and objects. */
    private static Object jsonValue(int depth, Random random) {
        int kind = random.nextInt(depth == 0 ? 4 : 6);
        return switch (kind) {
            case 0 -> EDGES.get(random.nextInt(EDGES.size()));
            case 1 -> random.nextBoolean() ? (Object) random.nextLong() : (Object) (random.nextDouble() * 1e6 - 5e5);
            case 2, 3 ->
                random.ints(random.nextInt(40), 0, 0x10FFFF)
                        .filter(Character::isValidCodePoint)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString();
            case 4 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(jsonValue(depth - 1, random));
                }
                yield list;
            }
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.put(KEYS.get(random.nextInt(KEYS.size())), jsonValue(depth - 1, random));
                }
                yield object;
            }
        };
    }

    /** What the write endpoints can change, counted: equal before and after a refused request. */
    private String digest() {
        return pool.query("""
                        select concat_ws('/',
                            (select count(*) from job), (select count(*) from tenant),
                            (select sum(version) from tenant), (select count(*) from membership),
                            (select sum(version) from membership), (select count(*) from api_token),
                            (select coalesce(sum(version), 0) from role_setting), (select count(*) from audit)) as d""")
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString("d");
    }

    private String etag(String path) {
        return call("admin", "GET", path, null, null).etag();
    }

    /** One request; when the caller is over their rate limit, asked again after it lets them. */
    private Answer call(String user, String method, String path, String ifMatch, String body) {
        String token = tokens.computeIfAbsent(user, Tokens::accessToken);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        AtomicReference<Answer> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    answer.set(new Answer(
                            response.statusCode(),
                            response.headers().firstValue("Content-Type").orElse(""),
                            response.headers().firstValue("ETag").orElse(null),
                            response.body()));
                    return response.statusCode() != 429 || !response.body().contains("/rate-limited");
                });
        return answer.get();
    }

    /** What came back. */
    private record Answer(int status, String contentType, String etag, String body) {

        /** A field of the JSON body. */
        String field(String name) {
            return io.restassured.path.json.JsonPath.from(body).getString(name);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
    }
}
