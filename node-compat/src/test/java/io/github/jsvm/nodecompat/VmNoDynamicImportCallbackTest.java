package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.FunctionOptions;
import io.github.jsvm.JsFunction;
import io.github.jsvm.VmContext;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test that {@code import()} in code compiled without an {@code importModuleDynamically} hook
 * (a {@code vm.Script}, and a function from {@code vm.compileFunction}) returns a promise that rejects
 * with the code {@code ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING}. A promise converted to Java is a plain
 * copy, so the promise is kept in the context and its rejection read by a second script; the
 * compiled function is created in that context and called from guest code.
 */
@NodeTest("test/parallel/test-vm-no-dynamic-import-callback.js")
class VmNoDynamicImportCallbackTest extends NodeVmTest {
    private static final String OBSERVE = "imported.then(() => { globalThis.code = 'resolved'; }, (e) => { globalThis.code = e.code; })";

    @Test
    @DisplayName("test-vm-no-dynamic-import-callback.js: import() in a script without a hook rejects with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING")
    void scriptWithoutHook() {
        try (VmContext context = vm.createContext()) {
            vm.compile("globalThis.imported = import(\"fs\")").runInContext(context);
            vm.compile(OBSERVE).runInContext(context);
            assertThat(context.global("code")).isEqualTo("ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING");
        }
    }

    @Test
    @DisplayName("test-vm-no-dynamic-import-callback.js: import() in a compiled function without a hook rejects with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING")
    void compiledFunctionWithoutHook() {
        try (VmContext context = vm.createContext()) {
            JsFunction fn = vm.compileFunction("return import(\"fs\")", List.of(), FunctionOptions.builder().parsingContext(context).build());
            context.setGlobal("fn", fn);
            vm.compile("globalThis.imported = fn();").runInContext(context);
            vm.compile(OBSERVE).runInContext(context);
            assertThat(context.global("code")).isEqualTo("ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING");
        }
    }
}
