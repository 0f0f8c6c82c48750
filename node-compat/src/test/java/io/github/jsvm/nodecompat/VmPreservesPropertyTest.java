package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.github.jsvm.ScriptOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test that a property of the contextified object keeps its attributes (not configurable, not
 * enumerable, not writable) as seen by code in the context: {@code Object.getOwnPropertyDescriptor}
 * on {@code this} returns a descriptor object with the value and the three attributes false. A Java
 * {@code Map} carries values only, so the property is put on the context's global object by a first
 * run; the descriptor comes back from a later run of a script named {@code test}.
 */
@NodeTest("test/parallel/test-vm-preserves-property.js")
class VmPreservesPropertyTest {
    private static Vm vm;
    private VmContext context;

    @BeforeAll
    static void createVm() {
        vm = Vm.create();
    }

    @AfterAll
    static void closeVm() {
        vm.close();
    }

    @BeforeEach
    void createContextWithProperty() {
        context = vm.createContext();
        vm.compile("Object.defineProperty(this, 'prop', { configurable: false, enumerable: false, writable: false, value: 'val' })")
                .runInContext(context);
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private Object descriptor() {
        return vm.compile("Object.getOwnPropertyDescriptor(this, \"prop\")", ScriptOptions.builder().filename("test").build())
                .runInContext(context);
    }

    @Test
    @DisplayName("test-vm-preserves-property.js: the property's descriptor is an object holding its value")
    void descriptorIsAnObjectWithTheValue() {
        assertThat(descriptor()).asInstanceOf(MAP).containsEntry("value", "val");
    }

    @Test
    @DisplayName("test-vm-preserves-property.js: the descriptor says not configurable, not enumerable and not writable")
    void attributesArePreserved() {
        assertThat(descriptor()).asInstanceOf(MAP)
                .containsEntry("configurable", false)
                .containsEntry("enumerable", false)
                .containsEntry("writable", false);
    }
}
