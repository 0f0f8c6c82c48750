package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.HostFunction;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.VmContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test of the {@code timeout} run option: an endless loop is stopped by a 100 ms timeout, a
 * negative or zero timeout is rejected as out of range, a script that finishes before its timeout
 * runs normally, and a timeout of a run nested inside another run (started from a function the outer
 * sandbox provides) propagates out as a timeout error. Node's {@code runInThisContext} runs in a fresh
 * context here (jsvm has no main-context script runs yet); a Node {@code RangeError} for an invalid
 * argument is jsvm's {@link InvalidArgumentException}.
 */
@NodeTest("test/parallel/test-vm-timeout.js")
class VmTimeoutTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-timeout.js: an endless loop with a 100 ms timeout throws")
    void endlessLoopTimesOut() {
        assertThatThrownBy(() -> vm.compile("while(true) {}").runInNewContext(Map.of(), RunOptions.withTimeout(Duration.ofMillis(100))))
                .isInstanceOf(ScriptTimeoutException.class);
    }

    @Test
    @DisplayName("test-vm-timeout.js: a negative timeout is rejected as out of range")
    void negativeTimeoutIsRejected() {
        assertThatThrownBy(() -> RunOptions.withTimeout(Duration.ofMillis(-1))).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    @DisplayName("test-vm-timeout.js: a zero timeout is rejected as out of range")
    void zeroTimeoutIsRejected() {
        assertThatThrownBy(() -> RunOptions.withTimeout(Duration.ZERO)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    @DisplayName("test-vm-timeout.js: a script that ends before its 1000 ms timeout completes normally")
    void scriptFinishingFirstCompletes() {
        assertThat(vm.compile("'done'").runInNewContext(Map.of(), RunOptions.withTimeout(Duration.ofMillis(1000)))).isEqualTo("done");
    }

    @Test
    @DisplayName("test-vm-timeout.js: the timeout of a run nested in another run propagates out as a timeout error")
    void nestedTimeoutPropagates() {
        HostFunction runInVm = args -> vm.compile("while(true) {}")
                .runInNewContext(Map.of(), RunOptions.withTimeout(Duration.ofMillis(((Number) args.get(0)).longValue())));
        try (VmContext context = vm.createContext(Map.of("runInVM", runInVm))) {
            assertThatThrownBy(() -> {
                vm.compile("runInVM(10)").runInContext(context, RunOptions.withTimeout(Duration.ofMillis(100)));
                throw new AssertionError("Test 5 failed");
            }).isInstanceOf(ScriptTimeoutException.class).hasMessageContaining("Script execution timed out");
        }
    }
}
