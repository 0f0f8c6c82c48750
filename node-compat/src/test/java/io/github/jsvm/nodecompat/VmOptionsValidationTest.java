package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.RunOptions;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's checks that {@code new vm.Script} and the {@code run*} methods reject invalid options. Java's
 * types rule out nearly all of Node's invalid values (options that are not an object, offsets that are not
 * integers, a filename that is not a string, flags that are not booleans); what Java can still express is a
 * timeout that is not positive: {@code RunOptions} refuses it with an {@link InvalidArgumentException},
 * Java's counterpart of Node's argument errors, when the options are built, so no {@code runInThisContext},
 * {@code runInContext} or {@code runInNewContext} can be given one.
 */
@NodeTest("test/parallel/test-vm-options-validation.js")
@Inexpressible(assertion = "new vm.Script('void 0', 42) rejects options that are not an object",
        reason = "ScriptOptions is a Java record: Java's types make other options impossible")
@Inexpressible(assertion = "lineOffset and columnOffset of null, {}, [1], 'bad', true or 0.1 are rejected with ERR_INVALID_ARG_TYPE",
        reason = "the offsets are Java ints: Java's types make other values impossible")
@Inexpressible(assertion = "lineOffset and columnOffset of Number.MAX_SAFE_INTEGER are rejected with ERR_OUT_OF_RANGE",
        reason = "the offsets are Java ints: a value beyond 32 bits cannot be given")
@Inexpressible(assertion = "filename 123 is rejected with ERR_INVALID_ARG_TYPE",
        reason = "the filename is a Java String: Java's types make a number impossible")
@Inexpressible(assertion = "produceCachedData 1 and cachedData [0], {}, true, 'bad' or 42 are rejected with ERR_INVALID_ARG_TYPE",
        reason = "there is no cachedData or produceCachedData option (D13), and Java's types rule out such values")
@Inexpressible(assertion = "run options null, 'bad' or 42 are rejected by runInThisContext, runInContext and runInNewContext",
        reason = "RunOptions is a Java record: Java's types make other options impossible")
@Inexpressible(assertion = "a timeout of {}, [1], 'bad', null or NaN is rejected by the three run methods",
        reason = "the timeout is a Java Duration: other values are impossible, and null is Java's 'no timeout'")
@Inexpressible(assertion = "displayErrors and breakOnSigint of {}, [1], 'bad', 1 or null are rejected by the three run methods",
        reason = "RunOptions has neither flag: a JsException always carries the displayErrors header, and there is no breakOnSigint (D13)")
class VmOptionsValidationTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-options-validation.js: a timeout of -1 is rejected for runInThisContext, runInContext and runInNewContext")
    void negativeTimeoutIsRejected() {
        assertThatThrownBy(() -> RunOptions.withTimeout(Duration.ofMillis(-1))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> RunOptions.builder().timeout(Duration.ofMillis(-1)).build()).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    @DisplayName("test-vm-options-validation.js: a timeout of 0 is rejected for runInThisContext, runInContext and runInNewContext")
    void zeroTimeoutIsRejected() {
        assertThatThrownBy(() -> RunOptions.withTimeout(Duration.ZERO)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> RunOptions.builder().timeout(Duration.ZERO).build()).isInstanceOf(InvalidArgumentException.class);
    }
}
