package io.github.jsvm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CI's smoke run: every benchmark runs (one fork, one short iteration) but two of the three libraries', and
 * every other row is measured.
 */
class BenchmarkSmokeTest {

    @Test
    void everyBenchmarkRuns() throws Exception {
        Map<String, Double> medians = RunBenchmarks.runJmh(false, true);
        for (RunBenchmarks.Row row : RunBenchmarks.ROWS) {
            if (row.jsvm().matches(RunBenchmarks.SMOKE_SKIPS)) {
                assertThat(medians).doesNotContainKey(row.jsvm());
                continue;
            }
            assertThat(medians).containsKey(row.jsvm());
            if (row.raw() != null) {
                assertThat(medians).containsKey(row.raw());
            }
        }
        assertThat(medians.values()).allSatisfy(value -> assertThat(value).isPositive());
    }

    @Test
    void warmUpRowsRunInFreshProcesses() throws Exception {
        String section = WarmUpRows.run(false, true, RunBenchmarks.jitFlags());
        assertThat(section).startsWith("\n## Warm-up").contains("first 20 in a fresh process");
        // Two scenarios, each with Vm.create, wall, thread CPU and process CPU measured; no Node in a smoke run.
        assertThat(section.lines().filter(line -> line.matches("\\| .* \\| [\\d,]+ \\| [\\d,]+ \\| [\\d,]+ \\| [\\d,]+ "
                + "\\| n/a \\| n/a \\| n/a \\|"))).hasSize(2);
    }

    @Test
    void reportsMediansAndRatios() {
        assertThat(RunBenchmarks.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(RunBenchmarks.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        String report = RunBenchmarks.report(Map.of("tinyInExistingContext_jsvm", 2.0, "tinyInExistingContext_raw", 1.0),
                Map.of("tiny-in-existing-context", 4.0), "Node test.", Map.of("retained heap per idle context", "100 KB"), false);
        assertThat(report).contains("| run a tiny script in an existing context | 2.00 | 1.00 | 4.00 | 2.00 | 0.50 |")
                .contains("| retained heap per idle context | 100 KB |");
    }
}
