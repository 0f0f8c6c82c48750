package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.JsException;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleAlreadyLinkedException;
import io.github.jsvm.ModuleLinkException;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.ModuleStatusException;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's checks that module operations are refused in the wrong status, that a linker returning
 * something unusable fails the link (and errors the module), and that evaluation errors are kept.
 */
@NodeTest("test/parallel/test-vm-module-errors.js")
@Inexpressible(assertion = "new SourceTextModule() and invalid options objects throw ERR_INVALID_ARG_TYPE",
        reason = "Java's types: the code is a String and the options a ModuleOptions record")
@Inexpressible(assertion = "link() with a non-function linker rejects with ERR_INVALID_ARG_TYPE",
        reason = "the linker is a typed ModuleLinker; null is a NullPointerException as everywhere in the API")
@Inexpressible(assertion = "evaluate(false) and a non-boolean breakOnSigint reject with ERR_INVALID_ARG_TYPE",
        reason = "RunOptions is a typed record; there is no breakOnSigint (no signals in a library)")
@Inexpressible(assertion = "invalid importModuleDynamically and cachedData options throw ERR_INVALID_ARG_TYPE",
        reason = "typed builder methods; V8 cached data does not exist on GraalJS")
@Inexpressible(assertion = "Module.prototype methods and getters called on other objects throw ERR_INVALID_ARG_TYPE",
        reason = "Java methods cannot be called with another receiver")
class ModuleErrorsTest extends NodeVmTest {

    private static SourceTextModule linkedEmpty() {
        SourceTextModule module = vm.sourceTextModule("", ModuleOptions.defaults());
        module.link();
        return module;
    }

    @Test
    @DisplayName("test-vm-module-errors.js: linking a linked module fails with ERR_VM_MODULE_ALREADY_LINKED")
    void linkingTwiceIsRefused() {
        SourceTextModule module = linkedEmpty();
        assertThat(module.status()).isEqualTo(ModuleStatus.LINKED);
        assertThatThrownBy(module::link).isInstanceOf(ModuleAlreadyLinkedException.class);
    }

    @Test
    @DisplayName("test-vm-module-errors.js: evaluating an unlinked module fails with 'must be one of linked, evaluated, or errored'")
    void evaluatingUnlinkedIsRefused() {
        SourceTextModule module = vm.sourceTextModule("", ModuleOptions.defaults());
        assertThatThrownBy(module::evaluate).isInstanceOf(ModuleStatusException.class)
                .hasMessageStartingWith("Module status must be one of linked, evaluated, or errored");
    }

    @Test
    @DisplayName("test-vm-module-errors.js: error of an unlinked module fails with 'Module status must be errored'")
    void errorOfUnlinkedIsRefused() {
        SourceTextModule module = vm.sourceTextModule("", ModuleOptions.defaults());
        assertThatThrownBy(module::error).isInstanceOf(ModuleStatusException.class).hasMessageStartingWith("Module status must be errored");
    }

    @Test
    @DisplayName("test-vm-module-errors.js: error of an evaluated module fails with 'Module status must be errored'")
    void errorOfEvaluatedIsRefused() {
        SourceTextModule module = linkedEmpty();
        module.evaluate();
        assertThatThrownBy(module::error).isInstanceOf(ModuleStatusException.class).hasMessageStartingWith("Module status must be errored");
    }

    @Test
    @DisplayName("test-vm-module-errors.js: namespace of an unlinked module fails with 'must not be unlinked or linking'")
    void namespaceOfUnlinkedIsRefused() {
        SourceTextModule module = vm.sourceTextModule("", ModuleOptions.defaults());
        assertThatThrownBy(module::namespace).isInstanceOf(ModuleStatusException.class)
                .hasMessageStartingWith("Module status must not be unlinked or linking");
    }

    @Test
    @DisplayName("test-vm-module-errors.js: a linker returning no module fails the link and leaves the module errored")
    void linkerReturningNoModuleErrorsTheModule() {
        SourceTextModule module = vm.sourceTextModule("import 'foo';", ModuleOptions.defaults());
        assertThatThrownBy(() -> module.link((specifier, referrer, attributes) -> null)).isInstanceOf(ModuleLinkException.class);
        assertThat(module.status()).isEqualTo(ModuleStatus.ERRORED);
    }

    @Test
    @DisplayName("test-vm-module-errors.js: a linker returning a module of another context fails the link and errors the module")
    void linkerReturningAModuleOfAnotherContextErrorsTheModule() {
        try (VmContext other = vm.createContext(Map.of("a", 1))) {
            SourceTextModule foreign = vm.sourceTextModule("", ModuleOptions.in(other));
            foreign.link();
            SourceTextModule module = vm.sourceTextModule("import 'foo';", ModuleOptions.defaults());
            assertThatThrownBy(() -> module.link((specifier, referrer, attributes) -> foreign))
                    .isInstanceOf(ModuleLinkException.class).hasMessageContaining("not a module of");
            assertThat(module.status()).isEqualTo(ModuleStatus.ERRORED);
        }
    }

    @Test
    @DisplayName("test-vm-module-errors.js: a request resolved to an errored module fails with ERR_VM_MODULE_LINK_FAILURE, caused by its error")
    void requestResolvedToAnErroredModuleFailsTheLink() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule errored = vm.sourceTextModule("throw new Error('the cause');", ModuleOptions.in(context));
            errored.link();
            assertThatThrownBy(errored::evaluate).isInstanceOf(JsException.class);
            assertThat(errored.status()).isEqualTo(ModuleStatus.ERRORED);
            SourceTextModule root = vm.sourceTextModule("import 'errored';", ModuleOptions.in(context));
            assertThatThrownBy(() -> root.link((specifier, referrer, attributes) -> errored))
                    .isInstanceOf(ModuleLinkException.class).hasCause(errored.error());
        }
    }

    @Test
    @DisplayName("test-vm-module-errors.js: importing a name the dependency does not export fails the link with a SyntaxError")
    void importingAMissingExportFailsTheLink() {
        SourceTextModule module = vm.sourceTextModule("import { nonexistent } from 'module';", ModuleOptions.defaults());
        assertThatThrownBy(() -> module.link((specifier, referrer, attributes) -> vm.sourceTextModule("", ModuleOptions.defaults())))
                .isInstanceOf(ModuleLinkException.class).hasMessageStartingWith("SyntaxError:");
    }

    @Test
    @DisplayName("test-vm-module-errors.js: an evaluation error is the module's error and its status is errored")
    void evaluationErrorIsKept() {
        SourceTextModule module = vm.sourceTextModule("throw new Error();", ModuleOptions.defaults());
        module.link();
        Throwable thrown = null;
        try {
            module.evaluate();
        } catch (JsException e) {
            thrown = e;
        }
        assertThat(thrown).isNotNull().isSameAs(module.error());
        assertThat(module.status()).isEqualTo(ModuleStatus.ERRORED);
    }

    @Test
    @DisplayName("test-vm-module-errors.js: link() while the module is linking fails with ERR_VM_MODULE_STATUS")
    void linkWhileLinkingIsRefused() {
        SourceTextModule module = vm.sourceTextModule("import 'dep';", ModuleOptions.defaults());
        Throwable[] seen = new Throwable[1];
        module.link((specifier, referrer, attributes) -> {
            assertThat(referrer.status()).isEqualTo(ModuleStatus.LINKING);
            try {
                module.link();
            } catch (ModuleStatusException e) {
                seen[0] = e;
            }
            Module dependency = vm.sourceTextModule("", ModuleOptions.defaults());
            return dependency;
        });
        assertThat(seen[0]).isInstanceOf(ModuleStatusException.class).isNotInstanceOf(ModuleAlreadyLinkedException.class)
                .hasMessageStartingWith("Module status must be unlinked");
    }
}
