package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.HostFunction;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check that an enumerable accessor defined on the global object with
 * {@code Object.defineProperty} works from the script (its getter returns a sandbox object, which
 * is also copied to a second global) and shows on the sandbox: the completion value is the sandbox's
 * object, the accessor reads it from outside, and the sandbox's keys list the original globals and
 * the two new ones.
 */
@NodeTest("test/parallel/test-vm-global-define-property.js")
class VmGlobalDefinePropertyTest {
    private static final String CODE = """
            Object.defineProperty(this, "f", {
              get: function() { return x; },
              set: function(k) { x = k; },
              configurable: true,
              enumerable: true
            });
            g = f;
            f;
            """;
    private static Vm vm;
    private final Map<String, Object> x = Map.of("marker", "x");
    private VmContext ctx;
    private Object result;

    @BeforeAll
    static void createVm() {
        vm = Vm.create();
    }

    @AfterAll
    static void closeVm() {
        vm.close();
    }

    @BeforeEach
    void runTheScript() {
        HostFunction log = args -> null;
        Map<String, Object> sandbox = new LinkedHashMap<>();
        sandbox.put("console", Map.of("log", log));
        sandbox.put("x", x);
        ctx = vm.createContext(sandbox);
        Script script = vm.compile(CODE, ScriptOptions.builder().filename("test").build());
        result = script.runInContext(ctx);
    }

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    @Test
    @DisplayName("test-vm-global-define-property.js: the completion value is a truthy object")
    void resultIsAnObject() {
        assertThat(result).isNotNull().isInstanceOf(Map.class);
    }

    @Test
    @DisplayName("test-vm-global-define-property.js: the completion value is the sandbox's x object")
    void resultIsTheSandboxObject() {
        // Values are copies: equal in Java, and the getter returns the very object x in the context.
        assertThat(result).isEqualTo(x);
        assertThat(vm.compile("f === x && g === x").runInContext(ctx)).isEqualTo(true);
    }

    @Test
    @DisplayName("test-vm-global-define-property.js: the accessor read from outside gives the completion value")
    void accessorReadFromOutsideGivesTheResult() {
        assertThat(ctx.global("f")).isEqualTo(result);
    }

    @Test
    @DisplayName("test-vm-global-define-property.js: the sandbox's keys start with its original globals, console and x")
    void sandboxKeysStartWithTheOriginalGlobals() {
        assertThat(new ArrayList<>(ctx.globals().keySet()).subList(0, 2)).containsExactly("console", "x");
    }

    @Test
    @NodeDifference("D2")
    @DisplayName("test-vm-global-define-property.js: the sandbox's keys end with g, then the accessor f")
    void scriptCreatedKeysFollowCreationOrder() {
        List<String> keys = new ArrayList<>(ctx.globals().keySet());
        keys.remove("console");
        // jsvm lists the global object's properties in creation order: f (defined first), then g.
        assertThat(keys).containsExactly("x", "f", "g");
    }
}
