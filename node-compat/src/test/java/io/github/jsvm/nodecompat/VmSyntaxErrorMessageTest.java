package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.JsException;
import io.github.jsvm.VmContext;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test that an error thrown by code run with {@code vm.runInContext} and caught by the caller
 * carries exactly its own message ({@code "boo"}), and that nothing is written to the error output on
 * the way (Node runs it in a child process and fails on any stderr data). The port reads the message
 * from the {@link JsException} and watches the context's console output stream.
 */
@NodeTest("test/parallel/test-vm-syntax-error-message.js")
class VmSyntaxErrorMessageTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-syntax-error-message.js: the caught error's message is exactly the thrown message")
    void messageIsTheThrownMessage() {
        try (VmContext context = vm.createContext(Map.of())) {
            JsException e = catchThrowableOfType(JsException.class,
                    () -> vm.compile("throw new Error('boo')").runInContext(context));
            assertThat(e.errorMessage()).isEqualTo("boo");
        }
    }

    @Test
    @DisplayName("test-vm-syntax-error-message.js: throwing out of the context writes nothing to the error output")
    void nothingIsPrinted() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (VmContext context = vm.createContext(Map.of(), ContextOptions.builder().consoleOutput(output).build())) {
            catchThrowableOfType(JsException.class, () -> vm.compile("throw new Error('boo')").runInContext(context));
        }
        assertThat(output.toString()).isEmpty();
    }
}
