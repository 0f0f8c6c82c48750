package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.HostFunction;
import io.github.jsvm.ModuleLinkException;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.SyntheticModule;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Host callbacks that fail in awkward ways: exceptions that cannot be printed or have no message,
 * {@code OutOfMemoryError}s, functions whose {@code toString()} throws, results that overflow the
 * stack when converted. Each is reported like any host failure: a typed error for the host, a plain
 * {@code Error} without Java class names for the guest, and no module left half-failed.
 */
class UnrulyHostFailuresTest extends SharedVmTest {

    /** An exception whose getMessage() and toString() throw, as a broken application exception may. */
    static final class Unprintable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage of an unprintable exception");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString of an unprintable exception");
        }
    }

    @Test
    void aSyntheticEvaluatorThrowingAnUnprintableExceptionLeavesItsModuleErrored() {
        try (VmContext context = vm.createContext()) {
            SyntheticModule module = vm.syntheticModule(List.of("a"), self -> {
                throw new Unprintable();
            }, ModuleOptions.in(context));
            assertThatThrownBy(module::evaluate).isInstanceOf(VmException.class)
                    .hasMessageContaining(Unprintable.class.getName())
                    .cause().isInstanceOf(Unprintable.class);
            assertThat(module.status()).isEqualTo(ModuleStatus.ERRORED);
            assertThat(module.error().getCause()).isInstanceOf(Unprintable.class);
            assertThat(vm.compile("1 + 1").runInContext(context)).isEqualTo(2);
        }
    }

    @Test
    void anImportMetaInitializerThrowingAnUnprintableExceptionLeavesItsModuleErrored() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule module = vm.sourceTextModule("export const url = import.meta.url;", ModuleOptions.builder()
                    .context(context).initializeImportMeta(self -> {
                        throw new Unprintable();
                    }).build());
            module.link();
            assertThatThrownBy(module::evaluate).isInstanceOf(VmException.class).cause().isInstanceOf(Unprintable.class);
            assertThat(module.status()).isEqualTo(ModuleStatus.ERRORED);
        }
    }

    @Test
    void anEvaluatorFailureWithoutAMessageIsNamedByItsClass() {
        try (VmContext context = vm.createContext()) {
            SyntheticModule module = vm.syntheticModule(List.of("a"), self -> {
                throw new IllegalStateException();
            }, ModuleOptions.in(context));
            assertThatThrownBy(module::evaluate).isInstanceOf(VmException.class)
                    .hasMessage("Host code threw java.lang.IllegalStateException");
        }
    }

    @Test
    void aLinkerThrowingAnUnprintableExceptionFailsTheLinkWithAModuleLinkException() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule module = vm.sourceTextModule("import { a } from 'x';", ModuleOptions.in(context));
            assertThatThrownBy(() -> module.link((specifier, referrer, attributes) -> {
                throw new Unprintable();
            })).isInstanceOf(ModuleLinkException.class).hasMessageContaining("the linker threw for 'x'")
                    .cause().isInstanceOf(Unprintable.class);
            assertThat(module.status()).isEqualTo(ModuleStatus.ERRORED);
        }
    }

    @Test
    void anUnprintableHostFunctionExceptionIsHiddenFromTheGuestEvenWhenMessagesAreExposed() {
        Unprintable thrown = new Unprintable();
        HostFunction failing = args -> {
            throw thrown;
        };
        try (VmContext context = vm.createContext(Map.of("failing", failing),
                ContextOptions.builder().exposeHostErrorMessages(true).build())) {
            assertThat((String) vm.compile("try { failing() } catch (e) { String(e) }").runInContext(context))
                    .startsWith("Error: A host function failed (host error ").doesNotContain("java.", "Unprintable");
            assertThatThrownBy(() -> vm.compile("failing()").runInContext(context)).isSameAs(thrown);
        }
    }

    @Test
    void aHostFunctionWhoseToStringThrowsCanBeCalled() {
        HostFunction function = new HostFunction() {
            @Override
            public Object call(List<Object> args) {
                return 42;
            }

            @Override
            public String toString() {
                throw new IllegalStateException("toString of a host function");
            }
        };
        try (VmContext context = vm.createContext(Map.of("answer", function))) {
            assertThat(vm.compile("answer()").runInContext(context)).isEqualTo(42);
        }
    }

    @Test
    void anOutOfMemoryErrorOfAHostCallbackIsAPlainErrorToTheGuestAndTheHostHeapUncaught() {
        HostFunction huge = args -> new long[Integer.MAX_VALUE].length; // "Requested array size exceeds VM limit"
        try (VmContext context = vm.createContext(Map.of("huge", huge))) {
            assertThat((String) vm.compile("try { huge() } catch (e) { String(e) }").runInContext(context))
                    .startsWith("Error: A host function failed (host error ").doesNotContain("java.", "Memory");
            Object rejection = vm.compile("globalThis.reason = 'unsettled'; import('x').catch((e) => { reason = String(e); }); 1",
                    ScriptOptions.builder().importModuleDynamically((specifier, referrer, attributes) -> new long[Integer.MAX_VALUE])
                            .build()).runInContext(context);
            assertThat(rejection).isEqualTo(1);
            assertThat((String) context.global("reason")).startsWith("Error: The import hook of ").doesNotContain("java.", "Memory");
            assertThatThrownBy(() -> vm.compile("huge()").runInContext(context)).isInstanceOf(ResourceExhaustedException.class)
                    .extracting(e -> ((ResourceExhaustedException) e).resource()).isEqualTo(ResourceExhaustedException.Resource.HOST_HEAP);
            assertThat(vm.compile("1 + 1").runInContext(context)).isEqualTo(2);
        }
    }

    @Test
    void aHostFunctionResultTooDeepForTheStackIsAPlainErrorToTheGuest() throws InterruptedException {
        List<Object> deep = new ArrayList<>();
        List<Object> innermost = deep;
        for (int i = 0; i < 999; i++) { // within the converter's depth limit: only the stack is too small
            List<Object> next = new ArrayList<>();
            innermost.add(next);
            innermost = next;
        }
        // Calls the function from ever deeper guest recursion until converting its result no longer
        // fits in what is left of the stack (or the guest's own recursion overflows first). The
        // conversion needs far more stack than ten guest frames, so steps of ten cannot skip past it.
        String probe = """
                function nested(n) { return n === 0 ? deep() : nested(n - 1); }
                let outcome = 'the result always fit';
                for (let n = 0; n < 100000; n += 10) {
                  try { nested(n); } catch (e) { outcome = e instanceof RangeError ? 'the guest overflowed first' : String(e); break; }
                }
                outcome""";
        AtomicReference<Object> outcome = new AtomicReference<>();
        try (VmContext context = vm.createContext(Map.of("deep", (HostFunction) args -> deep))) {
            Thread small = new Thread(null, () -> {
                try {
                    outcome.set(vm.compile(probe).runInContext(context));
                } catch (RuntimeException | Error e) {
                    outcome.set(e);
                }
            }, "small-stack", 512 * 1024);
            small.start();
            small.join();
            assertThat(outcome.get()).isInstanceOf(String.class);
            assertThat((String) outcome.get()).startsWith("Error: A host function returned a value with no JavaScript counterpart")
                    .doesNotContain("java.");
        }
    }
}
