package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.JsException;
import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ContextOptions#failOnUnhandledRejection()}: off, rejections are ignored; on, the run fails with the reason. */
class UnhandledRejectionTest extends SharedVmTest {
    private static final String REJECTS = "async function f() { throw new RangeError('lost'); }\nf(); 'completed'";

    @Test
    void byDefaultAnUnhandledRejectionDoesNotFailTheRun() {
        try (VmContext context = vm.createContext()) {
            assertThat(vm.compile(REJECTS).runInContext(context)).isEqualTo("completed");
        }
    }

    @Test
    void whenAskedTheRunFailsWithTheReasonAndTheContextStaysUsable() {
        try (VmContext context = vm.createContext(Map.of(), ContextOptions.builder().failOnUnhandledRejection(true).build())) {
            assertThatThrownBy(() -> vm.compile(REJECTS, io.github.jsvm.ScriptOptions.builder().filename("f.js").build()).runInContext(context))
                    .isInstanceOfSatisfying(JsException.class, e -> {
                        assertThat(e.errorName()).isEqualTo("RangeError");
                        assertThat(e.errorMessage()).isEqualTo("lost");
                        assertThat(e.frames().get(0).filename()).isEqualTo("f.js");
                    });
            assertThat(vm.compile("Promise.reject(1).catch(() => {}); Promise.resolve().then(() => 2); 'ok'").runInContext(context))
                    .isEqualTo("ok");
        }
    }
}
