package io.github.jsvm.cli;

import io.github.jsvm.ScriptSyntaxException;

/**
 * Tells a REPL entry that is merely unfinished from one that is wrong: GraalJS reports running out of
 * input as "... but found eof", or (for an open template literal) at a position past the last line.
 */
final class UnfinishedInput {
    private UnfinishedInput() {}

    static boolean is(ScriptSyntaxException syntax, String code) {
        long lines = code.lines().count();
        return syntax.reason().endsWith("found eof") || syntax.line() > lines;
    }
}
