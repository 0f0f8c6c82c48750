package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's regression test for issue 6287: a property set on the context's global object and then
 * deleted is really gone, so its own property descriptor is {@code undefined} ({@code null} in Java).
 */
@NodeTest("test/parallel/test-vm-deleting-property.js")
class VmDeletingPropertyTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-deleting-property.js: after delete this.x, the global object has no own descriptor for x")
    void deletedPropertyHasNoDescriptor() {
        try (VmContext context = vm.createContext()) {
            Object res = vm.compile("""
                    this.x = 'prop';
                    delete this.x;
                    Object.getOwnPropertyDescriptor(this, 'x');
                    """).runInContext(context);
            assertThat(res).isNull();
            assertThat(context.globals()).doesNotContainKey("x");
        }
    }
}
