package io.atrium.tenancy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Weights and quotas as platform admins change them: stored, audited, and never overwritten unseen. */
@QuarkusTest
class RoleSettingsTest {

    @Inject
    Pool pool;

    /** A role of its own for each test, so that no other test's allocation is touched. */
    private final String role = "settings-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aChangeNamesTheVersionItWasMadeFromAndGetsTheNextOne() {
        String unset = version();
        assertThat(unset).isEqualTo("\"0\"");

        Response quota = put("quota", unset, Map.of("guarantees", Map.of("cpus", 1), "limits", Map.of("cpus", 2)));
        quota.then().statusCode(200);
        assertThat(quota.header("ETag")).isEqualTo("\"1\"");
        assertThat(quota.jsonPath().getDouble("limits.cpus")).isEqualTo(2.0);

        Response weight = put("weight", quota.header("ETag"), Map.of("weight", 2.5));
        weight.then().statusCode(200);
        assertThat(weight.header("ETag")).isEqualTo("\"2\"");
        assertThat(weight.jsonPath().getDouble("weight")).isEqualTo(2.5);
        assertThat(weight.jsonPath().getDouble("guarantees.cpus"))
                .as("the quota stays")
                .isEqualTo(1.0);
        assertThat(version()).isEqualTo("\"2\"");
        // Stored with its version, for the next start of the master.
        assertThat(stored("select version, weight, limits from role_setting where role = $1"))
                .containsExactly("2", "2.5", "cpus:2");
    }

    @Test
    void twoAdminsChangingFromTheSameVersionCannotOverwriteEachOther() {
        String read = version();
        put("weight", read, Map.of("weight", 3)).then().statusCode(200);

        Response late = put("weight", read, Map.of("weight", 5));

        late.then().statusCode(412).contentType("application/problem+json");
        assertThat(late.jsonPath().getString("type")).endsWith("/precondition-failed");
        assertThat(late.jsonPath().getString("detail")).contains("changed since version 0 (now 1)");
        assertThat(Api.setRole(role, "weight", Map.of("weight", 4)).jsonPath().getDouble("weight"))
                .as("after reading again the change goes through")
                .isEqualTo(4.0);
    }

    @Test
    void aChangeWithoutIfMatchIsRefusedAndChangesNothing() {
        Response blind = given().auth()
                .oauth2(Tokens.accessToken("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("weight", 9))
                .put("/api/admin/roles/" + role + "/weight");

        blind.then().statusCode(428).contentType("application/problem+json");
        assertThat(blind.jsonPath().getString("detail")).contains("If-Match");
        assertThat(version()).isEqualTo("\"0\"");
        assertThat(put("weight", "\"seven\"", Map.of("weight", 9)).statusCode()).isEqualTo(412);
    }

    @Test
    void eachChangeIsAnAuditedEventWrittenWithIt() {
        Response changed = put("quota", version(), Map.of("limits", Map.of("mem", 4096)));
        changed.then().statusCode(200);

        List<String> events = stored("select type || ' ' || envelope from outbox where key = $1 order by id");
        assertThat(events).hasSize(1);
        assertThat(events.getFirst())
                .startsWith("io.atrium.quota.changed.v1 ")
                .contains("\"username\":\"admin\"")
                .contains("\"limit\":{\"mem\":4096.0}");
    }

    @Test
    void onlyPlatformAdminsChangeRoles() {
        given().auth()
                .oauth2(Tokens.accessToken("alice"))
                .contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(Map.of("weight", 2))
                .put("/api/admin/roles/acme/weight")
                .then()
                .statusCode(403);
    }

    private String version() {
        return Api.roleVersion(role);
    }

    private Response put(String setting, String ifMatch, Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.accessToken("admin"))
                .contentType(ContentType.JSON)
                .header("If-Match", ifMatch)
                .body(body)
                .put("/api/admin/roles/" + role + "/" + setting);
    }

    /** The first row's columns (or each row's first column) of {@code sql} about this test's role, as text. */
    private List<String> stored(String sql) {
        List<String> values = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(role)).await().indefinitely().forEach(row -> {
            if (row.size() == 1) {
                values.add(String.valueOf(row.getValue(0)));
            } else {
                for (int i = 0; i < row.size(); i++) {
                    values.add(String.valueOf(row.getValue(i)));
                }
            }
        });
        return values;
    }
}
