package io.github.jsvm.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard input is a terminal, which decides between the REPL and reading a program from it. */
final class StandardInput {
    private StandardInput() {}

    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal (JDK 22+): since JDK 22 System.console() exists even when input is redirected.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }
}
