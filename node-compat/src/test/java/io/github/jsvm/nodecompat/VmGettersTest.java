package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.JsFunction;
import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check (GH-2734, GH-11803) that the descriptor of a getter-only property, read on the
 * global object from inside the context, has the same keys and the same values as the descriptor
 * of that property where it was defined.
 */
@NodeTest("test/parallel/test-vm-getters.js")
class VmGettersTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-getters.js: the getter property's descriptor seen from the context has the defined descriptor's keys and values")
    void getterDescriptorIsPreserved() {
        // A Java map cannot hold a getter: a first run defines it on the global object and keeps
        // the descriptor it had at definition time; the checked descriptor is read in a later run.
        try (VmContext ctx = vm.createContext()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> defined = (Map<String, Object>) vm.compile("""
                    Object.defineProperty(this, 'prop', { get() { return 'foo'; } });
                    globalThis.definedDescriptor = Object.getOwnPropertyDescriptor(this, 'prop');
                    definedDescriptor;
                    """).runInContext(ctx);
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = (Map<String, Object>) vm.compile("Object.getOwnPropertyDescriptor(this, 'prop');")
                    .runInContext(ctx);
            assertThat(seen.keySet()).containsExactlyElementsOf(defined.keySet());
            assertThat(seen.keySet()).containsExactly("get", "set", "enumerable", "configurable");
            assertThat(seen.get("get")).isInstanceOf(JsFunction.class);
            assertThat(seen.get("set")).isEqualTo(defined.get("set")).isNull();
            assertThat(seen.get("enumerable")).isEqualTo(defined.get("enumerable")).isEqualTo(false);
            assertThat(seen.get("configurable")).isEqualTo(defined.get("configurable")).isEqualTo(false);
            ctx.setGlobal("probe", seen.get("get"));
            assertThat(vm.compile("probe === definedDescriptor.get").runInContext(ctx)).isEqualTo(true);
        }
    }
}
