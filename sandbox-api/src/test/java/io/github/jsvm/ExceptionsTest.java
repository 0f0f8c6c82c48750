package io.github.jsvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExceptionsTest {

    @Test
    void syntaxErrorsAreLaidOutLikeNodesDisplayErrors() {
        ScriptSyntaxException error = new ScriptSyntaxException("a.js", 12, 9, "Unexpected token", "let a = );", 9);
        assertThat(error.getMessage()).isEqualTo("a.js:12\nlet a = );\n        ^\nSyntaxError: Unexpected token");
        assertThat(error).isInstanceOf(VmException.class);
        assertThat(error.filename()).isEqualTo("a.js");
    }

    @Test
    void jsExceptionsRenderAV8Stack() {
        JsException error = new JsException("TypeError", "x is not a function", null,
                List.of(new JsStackFrame("run", "job.js", 3, 5), new JsStackFrame("", "job.js", 9, 1)));
        assertThat(error.getMessage()).isEqualTo("TypeError: x is not a function");
        assertThat(error.jsStack()).isEqualTo("TypeError: x is not a function\n    at run (job.js:3:5)\n    at job.js:9:1");
        assertThat(new JsException(null, "42", 42, List.of()).getMessage()).isEqualTo("Uncaught 42");
    }

    @Test
    void framesWithoutPositionsStayReadable() {
        JsStackFrame frame = new JsStackFrame("f", "<native>", 0, 0);
        assertThat(frame).hasToString("f (<native>)");
        assertThat(frame.filename()).isEqualTo("<native>");
    }
}
