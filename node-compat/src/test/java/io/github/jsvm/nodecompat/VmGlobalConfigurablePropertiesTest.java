package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check (GH-47799) that a configurable data property defined on the global object can
 * be read back and then redefined with a new value. Java has no {@code defineProperty}: the
 * definitions run as guest code and the values are read back from Java.
 */
@NodeTest("test/parallel/test-vm-global-configurable-properties.js")
class VmGlobalConfigurablePropertiesTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-global-configurable-properties.js: a configurable property defined on the global is read back")
    void definedPropertyIsReadBack() {
        try (VmContext ctx = vm.createContext()) {
            vm.compile("Object.defineProperty(this, 'x', { value: '1', configurable: true });").runInContext(ctx);
            assertThat(ctx.global("x")).isEqualTo("1");
        }
    }

    @Test
    @DisplayName("test-vm-global-configurable-properties.js: redefining the configurable property changes its value")
    void redefinedPropertyHasTheNewValue() {
        try (VmContext ctx = vm.createContext()) {
            vm.compile("Object.defineProperty(this, 'x', { value: '1', configurable: true });").runInContext(ctx);
            vm.compile("Object.defineProperty(this, 'x', { value: '2', configurable: true });").runInContext(ctx);
            assertThat(ctx.global("x")).isEqualTo("2");
        }
    }
}
