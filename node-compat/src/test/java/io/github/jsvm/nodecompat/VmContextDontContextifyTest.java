package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.JsException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.PropertyDescriptor;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.VmContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node's checks of {@code vm.constants.DONT_CONTEXTIFY}: a "vanilla" context whose global object is an
 * ordinary object, with no interceptors and no sandbox behind it. It is a context, has the built-ins, lists
 * no enumerable keys, takes writes from inside and outside, lets nothing leak into the caller's context,
 * has no Node globals, keeps an accessor's attributes, and can be frozen, after which every write fails.
 *
 * <p>Every jsvm context is of this kind (the copy model: its global object is the context's own ordinary
 * object), so {@code vm.createContext()} plays {@code createContext(DONT_CONTEXTIFY)}'s part. Node reads
 * and writes the returned global object directly; here the outside reads are {@code global} and the
 * outside writes, descriptor reads and definitions go through {@code globalObject()}, which assigns as
 * strict code does, as Node's strict test file does. Node's "current context", which must stay clean, is
 * the {@code Vm}'s own context of {@code runInThisContext}. Node's {@code vm.runInNewContext(code, ...)} is
 * {@code compile(code).runInNewContext(...)} in Java: the checks of {@code Script#runInNewContext} and of
 * {@code vm.runInNewContext} are one.
 */
@NodeTest("test/parallel/test-vm-context-dont-contextify.js")
@Inexpressible(assertion = "createContext of an already created vanilla context returns that same context",
        reason = "createContext takes a Java map of globals: a VmContext cannot be passed to it")
@Inexpressible(assertion = "runInContext of a defineProperty without a context throws a TypeError",
        reason = "it checks Node's validation of a missing JavaScript argument; Java's runInContext requires a VmContext")
@Inexpressible(assertion = "after Object.freeze(context) from outside, every write fails as after a freeze from inside (checkFrozen)",
        reason = "the Java API has no call that freezes or seals the global object from the host")
@Inexpressible(assertion = "the namespace a vanilla context's import() resolves to is the very object the main context's import() gives",
        reason = "contexts share no objects and Java sees copies of namespaces: identity across contexts cannot be observed")
class VmContextDontContextifyTest extends NodeVmTest {

    private static Object run(String code, VmContext context) {
        return vm.compile(code).runInContext(context);
    }

    private static Object inThisContext(String code) {
        return vm.compile(code).runInThisContext();
    }

    private static JsException thrown(Runnable action) {
        JsException error = catchThrowableOfType(JsException.class, action::run);
        assertThat(error).isNotNull();
        return error;
    }

    @Test
    @NodeDifference("D1")
    @DisplayName("test-vm-context-dont-contextify.js: globalThis in the new context is reference-equal to the returned context object")
    void globalThisIsTheContextObject() {
        try (VmContext context = vm.createContext()) {
            Object global = run("globalThis", context);
            assertThat(global).isNotSameAs(context).isInstanceOf(Map.class);
            assertThat((Map<?, ?>) global).isEmpty();
        }
    }

    @Test
    @DisplayName("test-vm-context-dont-contextify.js: the vanilla context is a context")
    void isAContext() {
        try (VmContext context = vm.createContext()) {
            assertThat(vm.isContext(context)).isTrue();
        }
    }

    @Test
    @DisplayName("test-vm-context-dont-contextify.js: the built-ins are read directly on the context: typeof context.Array is 'function'")
    void builtInsReadDirectly() {
        try (VmContext context = vm.createContext()) {
            assertThat(context.global("Array")).isInstanceOf(JsFunction.class);
        }
    }

    @Test
    @DisplayName("test-vm-context-dont-contextify.js: Object.keys(context) is empty: the properties of the global are not enumerable")
    void noEnumerableKeys() {
        try (VmContext context = vm.createContext()) {
            assertThat(context.globals()).isEmpty();
        }
    }

    @Test
    @DisplayName("test-vm-context-dont-contextify.js: Script.runInContext: globalThis.hey = 1 does not leak into the current context")
    void runInContextDoesNotLeak() {
        try (VmContext context = vm.createContext()) {
            run("globalThis.hey = 1; Object.freeze(globalThis); globalThis.process", context);
            assertThat(inThisContext("globalThis.hey")).isNull();
        }
    }

    @Test
    @DisplayName("test-vm-context-dont-contextify.js: Script.runInContext: the vanilla context has no Node globals: globalThis.process is undefined")
    void runInContextHasNoNodeGlobals() {
        try (VmContext context = vm.createContext()) {
            assertThat(run("globalThis.hey = 1; Object.freeze(globalThis); globalThis.process", context)).isNull();
        }
    }

    @Test
    @DisplayName("test-vm-context-dont-contextify.js: Script.runInNewContext and vm.runInNewContext: globalThis.hey = 1 does not leak into the current context")
    void runInNewContextDoesNotLeak() {
        vm.compile("globalThis.hey = 1; Object.freeze(globalThis); globalThis.process").runInNewContext(Map.of());
        assertThat(inThisContext("globalThis.hey")).isNull();
    }

    @Test
    @DisplayName("test-vm-context-dont-contextify.js: Script.runInNewContext and vm.runInNewContext: globalThis.process is undefined")
    void runInNewContextHasNoNodeGlobals() {
        assertThat(vm.compile("globalThis.hey = 1; Object.freeze(globalThis); globalThis.process").runInNewContext(Map.of())).isNull();
    }

    @Test
    @DisplayName("test-vm-context-dont-contextify.js: globalThis.foo = 1 inside does not pollute the current context; context.foo, globalThis.foo and foo read 1")
    void mutationViaGlobalThis() {
        try (VmContext context = vm.createContext()) {
            run("globalThis.foo = 1;", context);
            assertThat(inThisContext("globalThis.foo")).isNull();
            assertThat(context.global("foo")).isEqualTo(1);
            assertThat(run("globalThis.foo", context)).isEqualTo(1);
            assertThat(run("foo", context)).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("test-vm-context-dont-contextify.js: context.foo = 2 from outside: context.foo, globalThis.foo and foo read 2")
    void mutationFromOutside() {
        try (VmContext context = vm.createContext()) {
            run("globalThis.foo = 1;", context);
            context.globalObject().set("foo", 2);
            assertThat(context.global("foo")).isEqualTo(2);
            assertThat(run("globalThis.foo", context)).isEqualTo(2);
            assertThat(run("foo", context)).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("test-vm-context-dont-contextify.js: bar = 1 inside does not pollute the current context; context.bar, globalThis.bar and bar read 1")
    void contextualMutation() {
        try (VmContext context = vm.createContext()) {
            run("bar = 1;", context);
            assertThat(inThisContext("globalThis.bar")).isNull();
            assertThat(context.global("bar")).isEqualTo(1);
            assertThat(run("globalThis.bar", context)).isEqualTo(1);
            assertThat(run("bar", context)).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("test-vm-context-dont-contextify.js: a new property context.baz = 1 from outside: context.baz, globalThis.baz and baz read 1")
    void newPropertyFromOutside() {
        try (VmContext context = vm.createContext()) {
            context.globalObject().set("baz", 1);
            assertThat(context.global("baz")).isEqualTo(1);
            assertThat(run("globalThis.baz", context)).isEqualTo(1);
            assertThat(run("baz", context)).isEqualTo(1);
        }
    }

    /** The accessor {@code qux} Node's test defines inside the context: getter only, not enumerable, not configurable. */
    @Nested
    class DefinedAccessor {
        private static final String DEFINE_QUX = "Object.defineProperty(globalThis, \"qux\", {"
                + "enumerable: false, configurable: false, get() { return 1; } })";

        private VmContext withQux() {
            VmContext context = vm.createContext();
            run(DEFINE_QUX, context);
            return context;
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: defineProperty(globalThis, 'qux') inside does not pollute the current context; context.qux and qux read 1")
        void accessorReads() {
            try (VmContext context = withQux()) {
                assertThat(inThisContext("globalThis.qux")).isNull();
                assertThat(context.global("qux")).isEqualTo(1);
                assertThat(run("qux", context)).isEqualTo(1);
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: the descriptor of context.qux is not enumerable, not configurable, with a getter function")
        void accessorDescriptor() {
            try (VmContext context = withQux()) {
                Optional<PropertyDescriptor> found = context.globalObject().getOwnPropertyDescriptor("qux");
                assertThat(found).isPresent();
                PropertyDescriptor descriptor = found.get();
                assertThat(descriptor.enumerable()).isFalse();
                assertThat(descriptor.configurable()).isFalse();
                assertThat(descriptor.getter()).isInstanceOf(JsFunction.class);
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: context.qux = 1 from outside throws a TypeError (a getter only)")
        void assigningTheAccessorFromOutsideThrows() {
            try (VmContext context = withQux()) {
                assertThat(thrown(() -> context.globalObject().set("qux", 1)).errorName()).isEqualTo("TypeError");
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: Object.defineProperty(context, 'qux', { value: 1 }) from outside throws a TypeError")
        void redefiningTheAccessorFromOutsideThrows() {
            try (VmContext context = withQux()) {
                assertThat(thrown(() -> context.globalObject().defineProperty("qux", PropertyDescriptor.data(1, false, false, false)))
                        .errorName()).isEqualTo("TypeError");
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: setting qux inside without a setter fails silently: 'qux = 2; qux' is 1")
        void assigningTheAccessorInsideFailsSilently() {
            try (VmContext context = withQux()) {
                assertThat(run("qux = 2; qux", context)).isEqualTo(1);
            }
        }
    }

    /** Node's checkFrozen, on a vanilla context frozen from inside with {@code Object.freeze(globalThis)}. */
    @Nested
    class FrozenFromInside {

        private VmContext frozen() {
            VmContext context = vm.createContext();
            run("Object.freeze(globalThis)", context);
            return context;
        }

        private void assertNotDefined(VmContext context, String name) {
            assertThat(thrown(() -> run(name, context)).errorName()).isEqualTo("ReferenceError");
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: checkFrozen: globalThis.foo = 1 inside fails silently: context.foo and globalThis.foo are undefined")
        void assignmentViaGlobalThisFailsSilently() {
            try (VmContext context = frozen()) {
                run("globalThis.foo = 1", context);
                assertThat(context.global("foo")).isNull();
                assertThat(run("globalThis.foo", context)).isNull();
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: checkFrozen: after globalThis.foo = 1, foo is not looked up contextually (ReferenceError)")
        void assignedViaGlobalThisIsNotDefined() {
            try (VmContext context = frozen()) {
                run("globalThis.foo = 1", context);
                assertNotDefined(context, "foo");
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: checkFrozen: context.foo = 2 from outside throws a TypeError")
        void assignmentFromOutsideThrows() {
            try (VmContext context = frozen()) {
                assertThat(thrown(() -> context.globalObject().set("foo", 2)).errorName()).isEqualTo("TypeError");
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: checkFrozen: after the refused context.foo = 2, context.foo and globalThis.foo are undefined and foo is not defined")
        void refusedAssignmentFromOutsideLeavesNothing() {
            try (VmContext context = frozen()) {
                catchThrowableOfType(JsException.class, () -> context.globalObject().set("foo", 2));
                assertThat(context.global("foo")).isNull();
                assertThat(run("globalThis.foo", context)).isNull();
                assertNotDefined(context, "foo");
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: checkFrozen: bar = 1 inside fails silently: context.bar and globalThis.bar are undefined")
        void contextualAssignmentFailsSilently() {
            try (VmContext context = frozen()) {
                run("bar = 1", context);
                assertThat(context.global("bar")).isNull();
                assertThat(run("globalThis.bar", context)).isNull();
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: checkFrozen: after bar = 1, bar is not looked up contextually (ReferenceError)")
        void contextuallyAssignedIsNotDefined() {
            try (VmContext context = frozen()) {
                run("bar = 1", context);
                assertNotDefined(context, "bar");
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: checkFrozen: Object.defineProperty(globalThis, 'qux', ...) inside throws a TypeError")
        void defineInsideThrows() {
            try (VmContext context = frozen()) {
                assertThat(thrown(() -> run("Object.defineProperty(globalThis, \"qux\", {"
                        + "enumerable: false, configurable: false, get() { return 1; } })", context)).errorName()).isEqualTo("TypeError");
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: checkFrozen: after the refused define, context.qux and globalThis.qux are undefined and qux has no descriptor")
        void refusedDefineLeavesNothing() {
            try (VmContext context = frozen()) {
                catchThrowableOfType(JsException.class, () -> run("Object.defineProperty(globalThis, \"qux\", { get() { return 1; } })", context));
                assertThat(context.global("qux")).isNull();
                assertThat(run("globalThis.qux", context)).isNull();
                assertThat(context.globalObject().getOwnPropertyDescriptor("qux")).isEmpty();
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: checkFrozen: Object.defineProperty(context, 'qux', { value: 1 }) from outside throws a TypeError")
        void defineFromOutsideThrows() {
            try (VmContext context = frozen()) {
                assertThat(thrown(() -> context.globalObject().defineProperty("qux", PropertyDescriptor.data(1, false, false, false)))
                        .errorName()).isEqualTo("TypeError");
            }
        }

        @Test
        @DisplayName("test-vm-context-dont-contextify.js: checkFrozen: qux is not defined inside (ReferenceError)")
        void undefinedNameThrows() {
            try (VmContext context = frozen()) {
                assertNotDefined(context, "qux");
            }
        }
    }

    @Test
    @DisplayName("test-vm-context-dont-contextify.js: import() of message.mjs with the main context's default loader in a vanilla context resolves to its namespace")
    void dynamicImportWithTheDefaultLoader(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("message.mjs"), EsModuleVmMainContextDefaultLoaderTest.MESSAGE_MODULE);
        try (VmContext context = vm.createContext(Map.of(), ContextOptions.builder().moduleRoot(root).build())) {
            vm.compile("import('./message.mjs')" + EsModuleVmMainContextDefaultLoaderTest.RECORD_OUTCOME,
                    ScriptOptions.builder().importModuleDynamically(ImportModuleDynamically.DEFAULT_LOADER).build()).runInContext(context);
            assertThat(context.global("outcome")).isEqualTo(List.of("[object Module]", List.of("message"), "A message"));
        }
    }
}
