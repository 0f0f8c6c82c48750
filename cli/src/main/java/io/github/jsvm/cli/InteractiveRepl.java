package io.github.jsvm.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The REPL on a terminal: JLine reads lines (editing, history kept in {@code ~/.jsvm_repl_history})
 * and hands them to a {@link ReplSession}. Ctrl-D or {@code .exit} ends it; Ctrl-C drops the entry
 * being typed.
 */
final class InteractiveRepl {
    private static final String PROMPT = "> ";
    private static final String CONTINUATION_PROMPT = "| ";

    private InteractiveRepl() {}

    static void run(ReplSession session) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("jsvm-run")
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".jsvm_repl_history"))
                    // Braces and quotes are the session's business: it knows when an entry is finished.
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            while (session.state() != ReplSession.State.ENDED) {
                String line;
                try {
                    line = reader.readLine(session.state() == ReplSession.State.CONTINUING ? CONTINUATION_PROMPT : PROMPT);
                } catch (UserInterruptException interrupt) {
                    session.discardPending();
                    continue;
                } catch (EndOfFileException endOfInput) {
                    return;
                }
                session.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        }
    }
}
