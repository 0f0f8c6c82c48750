package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test of an identity edge case: the sandbox holds an object whose property points back at the
 * sandbox, and a getter defined on the global object returns that back reference; Node replaces the
 * sandbox by the context's global object, so the getter's value is {@code this}. In jsvm the sandbox
 * {@code Map} is copied, and its back reference becomes a plain object shaped like it, not the global
 * object.
 */
@NodeTest("test/parallel/test-vm-property-not-on-sandbox.js")
class VmPropertyNotOnSandboxTest extends NodeVmTest {

    @Test
    @NodeDifference("D1")
    @DisplayName("test-vm-property-not-on-sandbox.js: a getter returning the sandbox through a back reference yields the global object")
    void backReferenceToTheSandboxIsTheGlobal() {
        Map<String, Object> sandbox = new HashMap<>();
        Map<String, Object> document = new HashMap<>();
        document.put("defaultView", sandbox);
        sandbox.put("document", document);
        try (VmContext context = vm.createContext(sandbox)) {
            vm.compile("""
                    Object.defineProperty(this, 'foo', { get: function() { return document.defaultView; } });
                    var result = foo === this;
                    var copyKeepsItsShape = document.defaultView.document === document;
                    """).runInContext(context);
            assertThat(context.global("result")).isEqualTo(false);
            assertThat(context.global("copyKeepsItsShape")).isEqualTo(true);
        }
    }
}
