package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's regression test for issue 10223: a data property defined on the context's global object
 * without attributes is not writable (the default), and defining a property under a symbol key works
 * as well, its descriptor holding the value.
 */
@NodeTest("test/parallel/test-vm-data-property-writable.js")
class VmDataPropertyWritableTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-data-property-writable.js: a property defined with only a value on the global object is not writable")
    void definedPropertyIsNotWritable() {
        try (VmContext context = vm.createContext(Map.of())) {
            Object desc = vm.compile("""
                    Object.defineProperty(this, 'foo', {value: 5});
                    Object.getOwnPropertyDescriptor(this, 'foo');
                    """).runInContext(context);
            assertThat(desc).asInstanceOf(MAP).containsEntry("writable", false);
        }
    }

    @Test
    @DisplayName("test-vm-data-property-writable.js: a symbol-keyed property defined on the global object has the given value")
    void symbolKeyedPropertyIsDefined() {
        try (VmContext context = vm.createContext(Map.of())) {
            Object desc = vm.compile("""
                    const bar = Symbol('bar');
                    Object.defineProperty(this, bar, {value: 6});
                    Object.getOwnPropertyDescriptor(this, bar);
                    """).runInContext(context);
            assertThat(desc).asInstanceOf(MAP).containsEntry("value", 6);
        }
    }
}
