package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test that a new context has a {@code Proxy} constructor of its own (the caller's is not
 * leaked into it), and that a {@code Proxy} the caller puts in the sandbox is the one the code sees.
 * The caller's {@code Proxy} is that of a second context; the first assertion is read as "the
 * function belongs to the new context".
 */
@NodeTest("test/parallel/test-vm-proxies.js")
class VmProxiesTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-proxies.js: the new context has its own Proxy function, not the caller's")
    void newContextHasItsOwnProxy() {
        try (VmContext sandbox = vm.createContext()) {
            vm.compile("this.Proxy = Proxy").runInContext(sandbox);
            assertThat(sandbox.global("Proxy")).isInstanceOf(JsFunction.class);
            assertThat(((JsFunction) sandbox.global("Proxy")).context()).isSameAs(sandbox);
        }
    }

    @Test
    @NodeDifference("D5")
    @DisplayName("test-vm-proxies.js: the caller's Proxy passed in the sandbox is the same function after the code assigns it")
    void callersProxyPassedIn() {
        try (VmContext caller = vm.createContext()) {
            Object callersProxy = caller.global("Proxy");
            assertThat(callersProxy).isInstanceOf(JsFunction.class);
            assertThatThrownBy(() -> vm.createContext(Map.of("Proxy", callersProxy)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("another context");
        }
    }
}
