package io.github.jsvm.nodecompat;

import io.github.jsvm.PropertyDescriptor;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;

/**
 * The sandbox of Node's {@code test-vm-ownkeys.js}, {@code -ownpropertynames.js} and
 * {@code -ownpropertysymbols.js}: {@code a} (enumerable), {@code b} (defined, so not enumerable) and
 * two symbols, one assigned and one defined, put on the global object by guest code since Java cannot
 * name them.
 */
final class OwnKeysSandbox {
    private OwnKeysSandbox() {}

    /** What {@code listing} (a script listing the global's keys as strings) lists in the sandbox beyond what it lists in a new context. */
    static List<Object> keysBeyondANewContexts(Vm vm, String listing) {
        @SuppressWarnings("unchecked")
        List<Object> nativeKeys = (List<Object>) vm.compile(listing).runInNewContext(Map.of());
        try (VmContext ctx = vm.createContext(Map.of("a", true))) {
            ctx.globalObject().defineProperty("b", PropertyDescriptor.data(true, false, false, false));
            vm.compile("globalThis[Symbol('1')] = true; Object.defineProperty(globalThis, Symbol('2'), { value: true });").runInContext(ctx);
            @SuppressWarnings("unchecked")
            List<Object> ownKeys = (List<Object>) vm.compile(listing).runInContext(ctx);
            return ownKeys.stream().filter(key -> !nativeKeys.contains(key)).toList();
        }
    }
}
