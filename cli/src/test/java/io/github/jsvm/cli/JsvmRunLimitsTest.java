package io.github.jsvm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The limit flags: each stops a program that exceeds it, and each rejects a bad value by name. */
class JsvmRunLimitsTest {

    @Test
    void aCpuLimitStopsAProgramThatExceedsIt() {
        Outcome outcome = Outcome.of("", "--cpu-limit", "300ms", "-e", "console.log('started'); for (;;) {}");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out()).isEqualTo("started\n");
        assertThat(outcome.err()).isEqualTo("Error: CPU time limit of 300ms exceeded (--cpu-limit)\n");
    }

    @Test
    void aTimeoutStopsAProgramThatExceedsItAndTheMessageNamesTheFlag() {
        Outcome outcome = Outcome.of("", "--timeout", "300ms", "-e", "for (;;) {}");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("Error: Script execution timed out after 300ms (--timeout)\n");
    }

    @Test
    void aDurationTheLimitsCannotHoldIsAUsageError() {
        for (String flag : new String[] {"--timeout", "--cpu-limit"}) {
            Outcome outcome = Outcome.of("", flag, "9999999999999", "-e", "1");
            assertThat(outcome.exitCode()).as(flag).isEqualTo(2);
            assertThat(outcome.err()).as(flag).startsWith("jsvm-run: ").doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void anAllocationLimitStopsAProgramThatExceedsIt() {
        Outcome outcome = Outcome.of("", "--allocation-limit=16m", "-e", "const a = []; for (;;) a.push(new Array(1e4).fill(1));");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("Error: allocation limit of 16m exceeded (--allocation-limit)\n");
    }

    @Test
    void aStatementLimitStopsAProgramThatExceedsIt() {
        Outcome outcome = Outcome.of("", "--statement-limit", "1000", "-e", "console.log('started'); for (;;) {}");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out()).isEqualTo("started\n");
        assertThat(outcome.err()).isEqualTo("Error: statement limit of 1000 exceeded (--statement-limit)\n");
        assertThat(Outcome.of("", "--statement-limit=100000", "-p", "let s = 0; for (let i = 0; i < 100; i++) s += i; s").out())
                .isEqualTo("4950\n");
    }

    @Test
    void aConsoleLimitDropsOutputPastItWithOneMarkerLine() {
        String program = "for (let i = 0; i < 100; i++) console.log('line ' + i); 'done'";
        Outcome capped = Outcome.of("", "--console-limit", "21", "-p", program);
        assertThat(capped.exitCode()).isZero();
        String[] lines = capped.out().split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).isEqualTo("line 0");
        assertThat(lines[2]).isEqualTo("line 2");
        assertThat(lines[3]).isEqualTo("[jsvm: console output truncated: this run's limit of 21 bytes reached]");
        assertThat(lines[4]).isEqualTo("done");
        assertThat(Outcome.of("", "-p", program).out().split("\n")).as("without the flag").hasSize(101);
    }

    @Test
    void aMaximumStackDepthGivesTheProgramACatchableRangeErrorAtThatDepth() {
        String program = "let depth = 0; function dive() { depth++; dive(); } "
                + "try { dive(); } catch (e) { e.constructor.name + ' at ' + depth }";
        assertThat(Outcome.of("", "--max-stack-depth", "50", "-p", program).out()).isEqualTo("RangeError at 49\n");
        assertThat(Outcome.of("", "-p", program).out()).as("without the flag, the engine's own limit").isNotEqualTo("RangeError at 49\n")
                .startsWith("RangeError at ");
    }

    @Test
    void programsWithinTheirLimitsRunNormally() {
        Outcome outcome = Outcome.of("", "--cpu-limit", "2s", "--allocation-limit", "512m", "--timeout", "1m", "-p",
                "Array.from({ length: 1000 }, (_, i) => i).reduce((a, b) => a + b)");
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out()).isEqualTo("499500\n");
    }

    @Test
    void badLimitValuesAreUsageErrorsNamingTheProblem() {
        assertUsage("--cpu-limit must be a duration such as 500ms, 2s or 1m (a bare number is milliseconds), got 'fast'",
                "--cpu-limit", "fast", "-e", "1");
        assertUsage("--cpu-limit must be positive, got '0s'", "--cpu-limit", "0s", "-e", "1");
        assertUsage("--cpu-limit needs a duration", "--cpu-limit");
        assertUsage("--allocation-limit must be a size in bytes such as 512k, 64m or 1g (a bare number is bytes), got '64x'",
                "--allocation-limit", "64x", "-e", "1");
        assertUsage("--allocation-limit must be a size in bytes such as 512k, 64m or 1g (a bare number is bytes), got '-1'",
                "--allocation-limit=-1", "-e", "1");
        assertUsage("--allocation-limit is too large: '99999999999g'", "--allocation-limit", "99999999999g", "-e", "1");
        assertUsage("--statement-limit must be a positive whole number, got '1e6'", "--statement-limit", "1e6", "-e", "1");
        assertUsage("--statement-limit must be positive, got '0'", "--statement-limit", "0", "-e", "1");
        assertUsage("--max-stack-depth must be a positive whole number, got 'deep'", "--max-stack-depth", "deep", "-e", "1");
        assertUsage("--max-stack-depth is too large: '3000000000'", "--max-stack-depth=3000000000", "-e", "1");
        assertUsage("--console-limit must be a size in bytes such as 512k, 64m or 1g (a bare number is bytes), got 'lots'",
                "--console-limit", "lots", "-e", "1");
    }

    private static void assertUsage(String problem, String... args) {
        Outcome outcome = Outcome.of("", args);
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("jsvm-run: " + problem + "\nUsage: jsvm-run");
    }
}
