package io.github.jsvm.engine;

/**
 * Source text that carries the {@link HostDefinedOptions} of the code compiled from it.
 *
 * <p>GraalJS keeps a source's text reachable from every function compiled from it, so anything the
 * text references lives exactly as long as some of that code can still run: this is where a script's
 * hook is anchored. Identity of this object is not a lookup key (Truffle may wrap it); the id in the
 * source URI is.
 */
final class ScriptText implements CharSequence {
    private final String text;
    /* Never read: its only job is to be reachable from the compiled code. */
    @SuppressWarnings("unused")
    private final Object anchor;

    /** Text that keeps {@code anchor} (normally the code's {@link HostDefinedOptions}) reachable. */
    ScriptText(String text, Object anchor) {
        this.text = text;
        this.anchor = anchor;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
