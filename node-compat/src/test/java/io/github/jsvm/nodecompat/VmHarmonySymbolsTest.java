package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.FunctionOptions;
import io.github.jsvm.HostFunction;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check that a context has its own {@code Symbol} constructor, distinct from the
 * caller's, unless the caller passes its own in as a global, in which case the script sees that very
 * function. The caller's realm is the Vm's main context; a function the caller passes in is a
 * {@link HostFunction}.
 */
@NodeTest("test/parallel/test-vm-harmony-symbols.js")
class VmHarmonySymbolsTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-harmony-symbols.js: the context's Symbol is a function of its own, not the caller's")
    void contextHasItsOwnSymbol() {
        JsFunction callerSymbol = (JsFunction) vm.compileFunction("return Symbol", List.of(), FunctionOptions.defaults()).call();
        try (VmContext ctx = vm.createContext(Map.of())) {
            vm.compile("this.Symbol = Symbol").runInContext(ctx);
            Object symbol = ctx.global("Symbol");
            assertThat(symbol).isInstanceOf(JsFunction.class);
            assertThat(((JsFunction) symbol).context()).isSameAs(ctx).isNotSameAs(callerSymbol.context());
        }
    }

    @Test
    @DisplayName("test-vm-harmony-symbols.js: a Symbol function passed in by the caller is the one the context keeps")
    void passedInSymbolIsKept() {
        HostFunction callerSymbol = args -> "symbol";
        try (VmContext ctx = vm.createContext(Map.of("Symbol", callerSymbol))) {
            vm.compile("this.Symbol = Symbol").runInContext(ctx);
            assertThat(ctx.global("Symbol")).isSameAs(callerSymbol);
        }
    }
}
