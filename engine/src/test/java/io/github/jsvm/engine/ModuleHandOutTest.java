package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ModuleOptions;
import io.github.jsvm.VmContext;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A module an import resolved to is held until the engine reads it: between the resolver returning
 * its key and the engine reading its text, nothing else may hold it (a hook that builds a module and
 * returns it). The collection in that window is forced here, not left to luck.
 */
class ModuleHandOutTest extends SharedVmTest {

    @Test
    void aModuleHandedToTheEngineSurvivesACollectionUntilTheEngineReadsIt() {
        try (VmContext vmContext = vm.createContext()) {
            ContextModules modules = ((GraalContext) vmContext).modules();
            String handedOut = freshModuleKey(vmContext, true);
            String merelyRegistered = freshModuleKey(vmContext, false);
            collectUntilCleared(merelyRegistered, modules);
            assertThat(modules.find(merelyRegistered)).as("the control: a collection did happen in the window").isNull();
            assertThat(modules.serve(handedOut)).as("the engine reads the handed-out module").isNotNull();
        }
    }

    @Test
    void aHandedOutModuleIsReleasedAtTheEndOfTheRunWhenTheEngineNeverReadIt() {
        try (VmContext vmContext = vm.createContext()) {
            ContextModules modules = ((GraalContext) vmContext).modules();
            String handedOut = freshModuleKey(vmContext, true);
            modules.releaseHandedOut();
            collectUntilCleared(handedOut, modules);
            assertThat(modules.find(handedOut)).isNull();
        }
    }

    /** Builds a module nobody references and returns its key, handed out to the engine or not. */
    private static String freshModuleKey(VmContext context, boolean handOut) {
        GraalModule module = (GraalModule) vm.syntheticModule(List.of("value"), m -> m.setExport("value", 1), ModuleOptions.in(context));
        return handOut ? ((GraalContext) context).modules().handOut(module) : module.key();
    }

    private static void collectUntilCleared(String key, ContextModules modules) {
        WeakReference<Object> canary = new WeakReference<>(new Object());
        for (int i = 0; i < 50 && (modules.find(key) != null || !canary.refersTo(null)); i++) {
            System.gc();
        }
    }
}
