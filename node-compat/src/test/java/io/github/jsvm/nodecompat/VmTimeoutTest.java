package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.HostFunction;
import io.github.jsvm.JsException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test of the {@code timeout} run option: an endless loop run in the main context is stopped
 * by its 100 ms timeout with Node's message, a script that finishes before its timeout runs
 * normally, and runs nested in one another (the inner one started from a function the outer sandbox
 * provides, in a new context) end with the timeout that fires first, inner or outer, or with the
 * inner script's error. Node's {@code ERR_SCRIPT_EXECUTION_TIMEOUT} error is jsvm's
 * {@link ScriptTimeoutException}, with the same message. Node's 10 ms inner timeout is 50 ms here; the
 * timeouts that must not fire keep Node's values.
 */
@NodeTest("test/parallel/test-vm-timeout.js")
class VmTimeoutTest extends NodeVmTest {

    private static RunOptions timeout(long millis) {
        return RunOptions.withTimeout(Duration.ofMillis(millis));
    }

    /** A sandbox whose runInVM(timeout) runs {@code code} in a new context with that timeout, as Node's runInVM. */
    private static VmContext sandboxRunning(String code) {
        HostFunction runInVm = args -> vm.compile(code).runInNewContext(Map.of(), timeout(((Number) args.get(0)).longValue()));
        return vm.createContext(Map.of("runInVM", runInVm));
    }

    @Test
    @DisplayName("test-vm-timeout.js: an endless loop run in this context with a 100 ms timeout throws 'Script execution timed out after 100ms'")
    void endlessLoopTimesOut() {
        try (Vm own = Vm.create()) {
            ScriptTimeoutException e = catchThrowableOfType(ScriptTimeoutException.class,
                    () -> own.compile("while(true) {}").runInThisContext(timeout(100)));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).isEqualTo("Script execution timed out after 100ms");
        }
    }

    @Test
    @DisplayName("test-vm-timeout.js: an empty script run in this context with a 1000 ms timeout completes normally")
    void scriptFinishingFirstCompletes() {
        try (Vm own = Vm.create()) {
            assertThat(own.compile("").runInThisContext(timeout(1000))).isNull();
        }
    }

    @Test
    @DisplayName("test-vm-timeout.js: nested runs: the inner run's shorter timeout fires and propagates out with its own duration")
    void innerTimeoutPropagates() {
        try (VmContext context = sandboxRunning("while(true) {}")) {
            Throwable thrown = catchThrowable(() -> {
                vm.compile("runInVM(50)").runInContext(context, timeout(10000));
                throw new AssertionError("Test 5 failed");
            });
            assertThat(thrown).isInstanceOf(ScriptTimeoutException.class)
                    .hasMessage("Script execution timed out after 50ms");
        }
    }

    @Test
    @DisplayName("test-vm-timeout.js: nested runs: the outer run's shorter timeout fires first and ends both runs with its duration")
    void outerTimeoutFiresFirst() {
        try (VmContext context = sandboxRunning("while(true) {}")) {
            Throwable thrown = catchThrowable(() -> {
                vm.compile("runInVM(10000)").runInContext(context, timeout(100));
                throw new AssertionError("Test 6 failed");
            });
            assertThat(thrown).isInstanceOf(ScriptTimeoutException.class)
                    .hasMessage("Script execution timed out after 100ms");
        }
    }

    @Test
    @DisplayName("test-vm-timeout.js: nested runs with timeouts: an error the inner script throws propagates out of the outer run")
    void innerErrorPropagates() {
        try (VmContext context = sandboxRunning("throw new Error('foobar')")) {
            Throwable thrown = catchThrowable(() -> vm.compile("runInVM(10000)").runInContext(context, timeout(100000)));
            assertThat(thrown).isInstanceOf(JsException.class).hasMessageContaining("foobar");
        }
    }
}
