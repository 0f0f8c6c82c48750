package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check that an indexed (numeric) property the script defines on the global object
 * appears on the sandbox under that index.
 */
@NodeTest("test/parallel/test-vm-indexed-properties.js")
class VmIndexedPropertiesTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-indexed-properties.js: a numeric property defined on the global reads back on the sandbox")
    void indexedPropertyReadsBack() {
        try (VmContext ctx = vm.createContext(Map.of())) {
            vm.compile("Object.defineProperty(this, 99, { value: 20, enumerable: true });").runInContext(ctx);
            assertThat(ctx.global("99")).isEqualTo(20);
            assertThat(ctx.globals()).containsEntry("99", 20);
        }
    }
}
