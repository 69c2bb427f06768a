package io.atrium.tenancy;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A role's quota: guarantees and limits per resource (cpus, mem, disk, gpus), and the most tasks at once. */
@Schema(name = "QuotaRequest")
public record QuotaRequest(
        @Schema(description = "Held back for the role until it uses them", examples = "{\"cpus\": 2, \"mem\": 4096}")
        Map<
                        @Pattern(regexp = "cpus|mem|disk|gpus", message = "must be cpus, mem, disk or gpus") String,
                        @NotNull @DecimalMin("0") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 3)
                        BigDecimal>
                guarantees,

        @Schema(description = "Never offered past these", examples = "{\"cpus\": 4}")
        Map<
                        @Pattern(regexp = "cpus|mem|disk|gpus", message = "must be cpus, mem, disk or gpus") String,
                        @NotNull @DecimalMin("0") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 3)
                        BigDecimal>
                limits,

        @Schema(
                description = "Most tasks the role (with the roles below it) runs at once; absent: no such limit",
                examples = "50")
        @Min(0)
        @Max(1_000_000)
        Integer maxTasks) {

    static String text(Map<String, BigDecimal> amounts) {
        return amounts == null
                ? ""
                : amounts.entrySet().stream()
                        .map(e -> e.getKey() + ":"
                                + e.getValue().stripTrailingZeros().toPlainString())
                        .collect(Collectors.joining(";"));
    }
}
