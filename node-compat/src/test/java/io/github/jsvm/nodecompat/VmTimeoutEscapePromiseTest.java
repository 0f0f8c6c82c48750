package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's regression test for issue 3020 with a promise job queued before an endless loop: promise jobs, drained after the script
 * ({@code microtaskMode: 'afterEvaluate'}, always the case in jsvm), must not escape the run's
 * timeout. The loop gives up after two seconds with an "escaped" error, so a job that escaped the
 * timeout fails the test with that error instead of a timeout. Node's {@code loop} uses
 * {@code process.hrtime}; here it is defined in the context with {@code Date.now()}, and the timeout
 * is 50 ms instead of Node's few milliseconds.
 */
@NodeTest("test/parallel/test-vm-timeout-escape-promise.js")
class VmTimeoutEscapePromiseTest extends NodeVmTest {
    private static final String LOOP = """
            function loop() {
              const start = Date.now();
              while (1) {
                const span = Date.now() - start;
                if (span >= 2000) throw new Error(`escaped timeout at ${span} milliseconds!`);
              }
            }
            """;

    @Test
    @DisplayName("test-vm-timeout-escape-promise.js: both the script's loop and the loop in its promise job are stopped: the run throws the timeout error 'Script execution timed out after <n>ms'")
    void promiseJobCannotEscapeTheTimeout() {
        ScriptTimeoutException e = catchThrowableOfType(ScriptTimeoutException.class,
                () -> vm.compile(LOOP + "Promise.resolve().then(() => loop()); loop();").runInNewContext(Map.of(), RunOptions.withTimeout(Duration.ofMillis(50))));
        assertThat(e).isNotNull();
        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(e.getMessage()).isEqualTo("Script execution timed out after 50ms");
    }
}
