package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.JsException;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's tests of what {@code evaluate()} of a {@code SourceTextModule} gives: a synchronous throw
 * rejects it at once with the module's {@code error}, and again on a second call; a module without
 * top-level await is evaluated at once and its named or default exports read back; a top-level
 * {@code await} that fulfils or rejects settles the evaluation; every module body runs once however often
 * it is evaluated (Node's {@code globalThis.callCount}, kept in the module's context here).
 *
 * <p>jsvm's {@code evaluate()} is void: a rejected promise is the exception it throws, the same object as
 * {@code error()}, and a fulfilled one its normal return. The modules are linked with
 * {@code linkRequests([])} and {@code instantiate()}, as in Node.
 */
@NodeTest("test/parallel/test-vm-module-evaluate-source-text-module.js")
@Inexpressible(assertion = "evaluate() returns a promise resolved to undefined (inspect shows 'Promise { undefined }'), on the first and on a second call",
        reason = "evaluate() is void: Java's types make a promise or a result impossible")
@Inexpressible(assertion = "right after evaluate() of a module awaiting at its top level, the promise is '<pending>' and reading namespace.a throws a ReferenceError (fulfilling and rejecting cases)",
        reason = "evaluate() returns no promise: it returns once the promise jobs of its run are done, when Node's awaited"
                + " Promise.resolve() or Promise.reject() has settled; no moment before that is observable from Java")
class ModuleEvaluateSourceTextModuleTest extends NodeVmTest {
    private VmContext context;

    @BeforeEach
    void createContext() {
        context = vm.createContext();
        vm.compile("globalThis.callCount = { syncError: 0, syncNamedExports: 0, syncDefaultExports: 0, asyncEvaluation: 0, asyncRejection: 0 };")
                .runInContext(context);
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private SourceTextModule instantiated(String code) {
        SourceTextModule mod = vm.sourceTextModule(code, ModuleOptions.in(context));
        mod.linkRequests(List.of());
        mod.instantiate();
        return mod;
    }

    private Object callCount(String name) {
        return vm.compile("globalThis.callCount." + name).runInContext(context);
    }

    private static JsException rejection(SourceTextModule mod) {
        JsException error = catchThrowableOfType(JsException.class, mod::evaluate);
        assertThat(error).isNotNull();
        return error;
    }

    private SourceTextModule syncError() {
        return instantiated("globalThis.callCount.syncError++;\nthrow new Error(\"synchronous source text module\");\nexport const a = 1;");
    }

    @Test
    @DisplayName("test-vm-module-evaluate-source-text-module.js: a synchronous error rejects evaluate() at once; the body ran once")
    void synchronousErrorRejectsAtOnce() {
        SourceTextModule mod = syncError();
        rejection(mod);
        assertThat(callCount("syncError")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-module-evaluate-source-text-module.js: after a synchronous error mod.error is set, with message 'synchronous source text module'")
    void synchronousErrorIsTheModulesError() {
        SourceTextModule mod = syncError();
        rejection(mod);
        assertThat(mod.status()).isEqualTo(ModuleStatus.ERRORED);
        assertThat(mod.error()).isInstanceOf(JsException.class);
        assertThat(((JsException) mod.error()).errorMessage()).isEqualTo("synchronous source text module");
    }

    @Test
    @DisplayName("test-vm-module-evaluate-source-text-module.js: the synchronous rejection's reason is mod.error")
    void synchronousRejectionReasonIsTheError() {
        SourceTextModule mod = syncError();
        assertThat(rejection(mod)).isSameAs(mod.error());
    }

    @Test
    @DisplayName("test-vm-module-evaluate-source-text-module.js: evaluate() again is rejected at once with the same error; the module is evaluated once")
    void synchronousErrorAgain() {
        SourceTextModule mod = syncError();
        JsException first = rejection(mod);
        assertThat(rejection(mod)).isSameAs(first);
        assertThat(callCount("syncError")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-module-evaluate-source-text-module.js: named exports without top-level await: after evaluate() namespace.a is 1 and namespace.b is 2; the body ran once")
    void namedExportsAtOnce() {
        SourceTextModule mod = instantiated("globalThis.callCount.syncNamedExports++;\nexport const a = 1, b = 2;");
        mod.evaluate();
        assertThat(mod.namespace().get("a")).isEqualTo(1);
        assertThat(mod.namespace().get("b")).isEqualTo(2);
        assertThat(callCount("syncNamedExports")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-module-evaluate-source-text-module.js: named exports: evaluate() again: namespace.a is 1, namespace.b is 2; the module is evaluated once")
    void namedExportsAgain() {
        SourceTextModule mod = instantiated("globalThis.callCount.syncNamedExports++;\nexport const a = 1, b = 2;");
        mod.evaluate();
        mod.evaluate();
        assertThat(mod.namespace().get("a")).isEqualTo(1);
        assertThat(mod.namespace().get("b")).isEqualTo(2);
        assertThat(callCount("syncNamedExports")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-module-evaluate-source-text-module.js: a default export without top-level await: after evaluate() namespace.default is 42; the body ran once")
    void defaultExportAtOnce() {
        SourceTextModule mod = instantiated("globalThis.callCount.syncDefaultExports++;\nexport default 42;");
        mod.evaluate();
        assertThat(mod.namespace().get("default")).isEqualTo(42);
        assertThat(callCount("syncDefaultExports")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-module-evaluate-source-text-module.js: default export: evaluate() again: namespace.default is 42; the module is evaluated once")
    void defaultExportAgain() {
        SourceTextModule mod = instantiated("globalThis.callCount.syncDefaultExports++;\nexport default 42;");
        mod.evaluate();
        mod.evaluate();
        assertThat(mod.namespace().get("default")).isEqualTo(42);
        assertThat(callCount("syncDefaultExports")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-module-evaluate-source-text-module.js: top-level await: the body ran once on evaluate(), and once fulfilled it has still run once")
    void topLevelAwaitFulfils() {
        SourceTextModule mod = instantiated("globalThis.callCount.asyncEvaluation++;\nawait Promise.resolve();\nexport const a = 1;");
        mod.evaluate();
        assertThat(mod.status()).isEqualTo(ModuleStatus.EVALUATED);
        assertThat(callCount("asyncEvaluation")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-module-evaluate-source-text-module.js: top-level await: evaluate() again after fulfilment: namespace.a is 1; the module is evaluated once")
    void topLevelAwaitAgain() {
        SourceTextModule mod = instantiated("globalThis.callCount.asyncEvaluation++;\nawait Promise.resolve();\nexport const a = 1;");
        mod.evaluate();
        mod.evaluate();
        assertThat(mod.namespace().get("a")).isEqualTo(1);
        assertThat(callCount("asyncEvaluation")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-module-evaluate-source-text-module.js: a rejected top-level await rejects evaluate() with mod.error, message 'asynchronous source text module'; the body ran once")
    void topLevelAwaitRejects() {
        SourceTextModule mod = instantiated("globalThis.callCount.asyncRejection++;\n"
                + "await Promise.reject(new Error(\"asynchronous source text module\"));\nexport const a = 1;");
        JsException error = rejection(mod);
        assertThat(error).isSameAs(mod.error());
        assertThat(error.errorMessage()).isEqualTo("asynchronous source text module");
        assertThat(callCount("asyncRejection")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-module-evaluate-source-text-module.js: after a rejected top-level await, evaluate() again is rejected at once with the same reason; the module is evaluated once")
    void topLevelAwaitRejectsAgain() {
        SourceTextModule mod = instantiated("globalThis.callCount.asyncRejection++;\n"
                + "await Promise.reject(new Error(\"asynchronous source text module\"));\nexport const a = 1;");
        JsException first = rejection(mod);
        assertThat(rejection(mod)).isSameAs(first);
        assertThat(callCount("asyncRejection")).isEqualTo(1);
    }
}
