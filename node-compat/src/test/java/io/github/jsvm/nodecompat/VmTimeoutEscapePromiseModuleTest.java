package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.ModuleOptions;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's regression test for issue 3020 with a {@code SourceTextModule}: a module that queues a promise
 * job running an endless loop, then loops itself, in a context whose promise jobs are drained after the
 * evaluation ({@code microtaskMode: 'afterEvaluate'}, always the case in jsvm), is stopped by
 * {@code evaluate}'s timeout: neither loop escapes it. The loop gives up after two seconds with an
 * "escaped" error, so a loop that escaped the timeout fails the test with that error instead of a
 * timeout. Node's {@code loop} and {@code hrtime} are functions of the main context put in the sandbox;
 * here {@code loop} is defined in the context with {@code Date.now()}, and the timeout is 50 ms instead of
 * Node's 5 ms. The linker must not be called: the module imports nothing. Node's
 * {@code ERR_SCRIPT_EXECUTION_TIMEOUT} rejection is jsvm's {@link ScriptTimeoutException}, with the same message.
 */
@NodeTest("test/parallel/test-vm-timeout-escape-promise-module.js")
class VmTimeoutEscapePromiseModuleTest extends NodeVmTest {
    private static final String LOOP = """
            globalThis.loop = function loop() {
              const start = Date.now();
              while (1) {
                const span = Date.now() - start;
                if (span >= 2000) throw new Error(`escaped timeout at ${span} milliseconds!`);
              }
            };
            """;

    @Test
    @DisplayName("test-vm-timeout-escape-promise-module.js: evaluate({ timeout }) of a module looping in its body and in a promise job rejects with ERR_SCRIPT_EXECUTION_TIMEOUT")
    void promiseJobCannotEscapeTheModuleTimeout() {
        try (VmContext context = vm.createContext()) {
            vm.compile(LOOP).runInContext(context);
            SourceTextModule module = vm.sourceTextModule("Promise.resolve().then(() => loop()); loop();", ModuleOptions.in(context));
            module.link((specifier, referrer, attributes) -> {
                throw new AssertionError("the linker must not be called: " + specifier);
            });
            ScriptTimeoutException e = catchThrowableOfType(ScriptTimeoutException.class,
                    () -> module.evaluate(RunOptions.withTimeout(Duration.ofMillis(50))));
            assertThat(e).isNotNull();
            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(50));
            assertThat(e.getMessage()).isEqualTo("Script execution timed out after 50ms");
        }
    }
}
