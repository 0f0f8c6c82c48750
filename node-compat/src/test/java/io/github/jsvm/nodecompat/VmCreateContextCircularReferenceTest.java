package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check that a sandbox referring to itself ({@code sbx.window = sbx}) can be
 * contextified, and that a property set on the context later is reachable through any number of
 * steps along that self-reference.
 */
@NodeTest("test/parallel/test-vm-create-context-circular-reference.js")
class VmCreateContextCircularReferenceTest extends NodeVmTest {

    @Test
    @NodeDifference("D1")
    @DisplayName("test-vm-create-context-circular-reference.js: a property set on the context is reachable through the sandbox's self-reference")
    void selfReferenceIsACopyNotTheGlobal() {
        Map<String, Object> sandbox = new HashMap<>();
        sandbox.put("window", sandbox);
        try (VmContext ctx = vm.createContext(sandbox)) {
            ctx.setGlobal("test", 123);
            Object seen = vm.compile("""
                    [window.window.window === window, test, typeof window.window.window.window.window.test]
                    """).runInContext(ctx);
            // The cycle keeps its shape, but 'window' is a copy of the map, not the global object,
            // so a global set afterwards is not seen through it (Node: 123).
            assertThat(seen).isEqualTo(List.of(true, 123, "undefined"));
        }
    }
}
