package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.HostFunction;
import io.github.jsvm.JsFunction;
import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check that a callback a script hands to a host timer runs in the script's context
 * later, after the run has returned, and its implicit global lands on the sandbox. jsvm contexts have
 * no timers; the host's {@code setTimeout} is a {@link HostFunction} that queues the callback, and the
 * test fires it after the run, as Node's event loop would.
 */
@NodeTest("test/parallel/test-vm-context-async-script.js")
class VmContextAsyncScriptTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-context-async-script.js: a callback given to the host's setTimeout sets its global on the sandbox when it fires later")
    void deferredCallbackWritesTheGlobal() {
        List<JsFunction> timers = new ArrayList<>();
        HostFunction setTimeout = args -> {
            timers.add((JsFunction) args.get(0));
            return null;
        };
        try (VmContext ctx = vm.createContext(Map.of("setTimeout", setTimeout))) {
            vm.compile("setTimeout(function() { x = 3; }, 0);").runInContext(ctx);
            assertThat(ctx.global("x")).isNull();
            assertThat(timers).hasSize(1);
            timers.get(0).call();
            assertThat(ctx.global("x")).isEqualTo(3);
        }
    }
}
