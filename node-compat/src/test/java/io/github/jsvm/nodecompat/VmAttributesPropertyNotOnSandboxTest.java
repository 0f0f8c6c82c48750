package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.JsFunction;
import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's regression test for issue 2734: an accessor property defined on the context's global object
 * keeps its getter (it is not flattened into a data property), so the descriptor the code stores in a
 * global has a {@code get} function.
 */
@NodeTest("test/parallel/test-vm-attributes-property-not-on-sandbox.js")
class VmAttributesPropertyNotOnSandboxTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-attributes-property-not-on-sandbox.js: the descriptor of a getter defined on the global object has a get function")
    void accessorIsNotFlattened() {
        try (VmContext sandbox = vm.createContext()) {
            vm.compile("""
                    Object.defineProperty(this, 'foo', { get: function() { return 17; } });
                    var desc = Object.getOwnPropertyDescriptor(this, 'foo');
                    """).runInContext(sandbox);
            assertThat(((Map<?, ?>) sandbox.global("desc")).get("get")).isInstanceOf(JsFunction.class);
        }
    }
}
