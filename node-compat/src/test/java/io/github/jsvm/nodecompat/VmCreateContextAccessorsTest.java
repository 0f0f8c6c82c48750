package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.HostFunction;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check that accessor properties of the sandbox work as globals: a bare assignment
 * to a global with a setter calls the setter, and bare reads call the getters.
 */
@NodeTest("test/parallel/test-vm-create-context-accessors.js")
class VmCreateContextAccessorsTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-create-context-accessors.js: assigning a global with a setter and reading globals with getters go through the accessors")
    void accessorGlobalsCallTheirGetterAndSetter() {
        // A Java map cannot hold accessors: they are defined on the global object by a first run,
        // and their state lives on the host side, as in Node, through two host functions.
        AtomicReference<Object> stored = new AtomicReference<>();
        HostFunction store = args -> {
            stored.set(args.get(0));
            return null;
        };
        HostFunction load = args -> stored.get();
        try (VmContext ctx = vm.createContext(Map.of("store", store, "load", load))) {
            vm.compile("""
                    Object.defineProperty(this, 'getter', { get() { return 'ok'; } });
                    Object.defineProperty(this, 'setter', { set(v) { store(v); }, get() { return 'ok=' + load(); } });
                    """).runInContext(ctx);
            Object result = vm.compile("setter = 'test'; [getter, setter]").runInContext(ctx);
            assertThat(result).isEqualTo(List.of("ok", "ok=test"));
            assertThat(stored.get()).isEqualTo("test");
        }
    }
}
