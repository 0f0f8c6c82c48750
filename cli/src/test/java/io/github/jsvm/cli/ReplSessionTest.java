package io.github.jsvm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.RunOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REPL's core fed line by line, as the terminal front end feeds it. */
class ReplSessionTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Vm vm = Vm.create();
    private final VmContext context = vm.createContext(Map.of(), ContextOptions.builder()
            .consoleOutput(out).failOnUnhandledRejection(true).build());

    @AfterEach
    void close() {
        context.close();
        vm.close();
    }

    private ReplSession session(RunOptions limits) {
        return new ReplSession(vm, context, limits, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<ReplSession.State> feed(ReplSession session, String... lines) {
        List<ReplSession.State> states = new ArrayList<>();
        for (String line : lines) {
            states.add(session.accept(line));
        }
        return states;
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statepersistsBetweenEntriesAndValuesPrintAsTheRunnerPrintsThem() {
        feed(session(RunOptions.defaults()), "let count = 40;", "var twice = (x) => x * 2;", "count + 2",
                "({ list: [1, 'a'], twice: twice(count) })", "'text'", "console.log('logged')");
        assertThat(out()).isEqualTo("42\n{ list: [ 1, 'a' ], twice: 80 }\ntext\nlogged\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void unfinishedStatementsContinueOnTheNextLine() {
        ReplSession session = session(RunOptions.defaults());
        assertThat(feed(session, "function add(a, b) {", "  return a + b;", "}")).containsExactly(
                ReplSession.State.CONTINUING, ReplSession.State.CONTINUING, ReplSession.State.READY);
        assertThat(feed(session, "const s = `two", "lines`;", "[add(1,", "2)]", "s.length")).containsExactly(
                ReplSession.State.CONTINUING, ReplSession.State.READY, ReplSession.State.CONTINUING, ReplSession.State.READY,
                ReplSession.State.READY);
        assertThat(out()).isEqualTo("[ 3 ]\n9\n");
    }

    @Test
    void errorsArePrintedAndTheSessionGoesOn() {
        ReplSession session = session(RunOptions.defaults());
        assertThat(feed(session, "null.x", "var y y;", "}", "throw 'plain'", "Promise.reject(new Error('later'))", "1 + 1"))
                .containsOnly(ReplSession.State.READY);
        assertThat(err()).startsWith("Uncaught TypeError: ")
                .contains("\nUncaught SyntaxError: Expected ; but found y\n")
                .contains("\nUncaught SyntaxError: Expected eof but found }\n")
                .contains("\nUncaught plain\n")
                .contains("\nUncaught Error: later\n    at REPL5:1:")
                .doesNotContain("^");
        assertThat(out()).isEqualTo("2\n");
    }

    @Test
    void limitsApplyToEachEntry() {
        ReplSession session = session(RunOptions.builder().cpuTimeLimit(java.time.Duration.ofMillis(200)).build());
        feed(session, "let n = 0;", "for (;;) n++;", "n > 0");
        assertThat(err()).isEqualTo("Uncaught Error: CPU time limit of 200ms exceeded (--cpu-limit)\n");
        assertThat(out()).isEqualTo("true\n");
    }

    @Test
    void dotExitEndsTheSessionAndCtrlCDropsAnUnfinishedEntry() {
        ReplSession session = session(RunOptions.defaults());
        assertThat(session.accept("if (true) {")).isEqualTo(ReplSession.State.CONTINUING);
        session.discardPending();
        assertThat(session.state()).isEqualTo(ReplSession.State.READY);
        assertThat(session.accept("  ")).isEqualTo(ReplSession.State.READY);
        assertThat(session.accept(".exit")).isEqualTo(ReplSession.State.ENDED);
        assertThat(out() + err()).isEmpty();
    }
}
