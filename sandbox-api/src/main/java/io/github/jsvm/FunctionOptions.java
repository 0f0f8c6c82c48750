package io.github.jsvm;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Vm#compileFunction} compiles a function body. Immutable; made with {@link #builder()} or
 * {@link #toBuilder()}, so that options added later need no change to callers.
 *
 * @param filename the name reported in stack traces and errors
 * @param lineOffset added to every reported line of the body
 * @param columnOffset added to reported columns on the body's first line
 * @param parsingContext the context the function is created in and runs in; {@code null} for the
 *     Vm's main context, which every caller naming no context shares: its runs take turns (a call
 *     waits while another one runs there) instead of failing as busy
 * @param contextExtensions objects whose properties are in scope for the body, innermost last, as
 *     Node's {@code contextExtensions}; each is converted to a JavaScript object once, at compile time
 * @param importModuleDynamically serves {@code import()} calls in the body; the referrer is the function
 */
public record FunctionOptions(
        String filename,
        int lineOffset,
        int columnOffset,
        @Nullable VmContext parsingContext,
        List<Map<String, Object>> contextExtensions,
        ImportModuleDynamically importModuleDynamically) {

    /** The filename used when none is given: what Node's stack traces show for a compiled function ({@code <anonymous>}). */
    public static final String DEFAULT_FILENAME = "<anonymous>";

    private static final FunctionOptions DEFAULTS =
            new FunctionOptions(DEFAULT_FILENAME, 0, 0, null, List.of(), ImportModuleDynamically.NONE);

    /**
     * Validates the components; copies the extension list.
     *
     * @throws NullPointerException when {@code filename}, {@code contextExtensions}, one of its elements or
     *     {@code importModuleDynamically} is {@code null}
     */
    public FunctionOptions {
        Checks.notNull(filename, "filename");
        contextExtensions = checkExtensions(contextExtensions);
        Checks.notNull(importModuleDynamically, "importModuleDynamically");
    }

    private static List<Map<String, Object>> checkExtensions(List<Map<String, Object>> extensions) {
        Checks.notNull(extensions, "contextExtensions");
        for (int i = 0; i < extensions.size(); i++) {
            Checks.notNull(extensions.get(i), "contextExtensions[" + i + "]");
        }
        return List.copyOf(extensions);
    }

    /** Default filename, no offsets, the main context, no extensions. */
    public static FunctionOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link FunctionOptions}; setters reject {@code null} and out-of-range values at once, naming the option
     * (an option that may be absent is absent while it is not set). Not thread-safe.
     */
    public static final class Builder {
        private String filename;
        private int lineOffset;
        private int columnOffset;
        private @Nullable VmContext parsingContext;
        private List<Map<String, Object>> contextExtensions;
        private ImportModuleDynamically importModuleDynamically;

        private Builder(FunctionOptions start) {
            this.filename = start.filename;
            this.lineOffset = start.lineOffset;
            this.columnOffset = start.columnOffset;
            this.parsingContext = start.parsingContext;
            this.contextExtensions = start.contextExtensions;
            this.importModuleDynamically = start.importModuleDynamically;
        }

        /**
         * Sets the name reported in stack traces and errors.
         *
         * @throws NullPointerException when {@code filename} is {@code null}
         */
        public Builder filename(String filename) {
            this.filename = Checks.notNull(filename, "filename");
            return this;
        }

        /** Sets the number added to every reported line. */
        public Builder lineOffset(int lineOffset) {
            this.lineOffset = lineOffset;
            return this;
        }

        /** Sets the number added to reported columns on the first line. */
        public Builder columnOffset(int columnOffset) {
            this.columnOffset = columnOffset;
            return this;
        }

        /**
         * Sets the context the function lives in.
         *
         * @throws NullPointerException when {@code context} is {@code null}
         */
        public Builder parsingContext(VmContext context) {
            this.parsingContext = Checks.notNull(context, "parsingContext");
            return this;
        }

        /** Sets the scope objects, innermost last; the list is copied, the objects are not. */
        public Builder contextExtensions(List<Map<String, Object>> extensions) {
            this.contextExtensions = checkExtensions(extensions);
            return this;
        }

        /**
         * Sets the hook for {@code import()} calls in this code; {@link ImportModuleDynamically#NONE} by default.
         *
         * @throws NullPointerException when {@code hook} is {@code null}
         */
        public Builder importModuleDynamically(ImportModuleDynamically hook) {
            this.importModuleDynamically = Checks.notNull(hook, "importModuleDynamically");
            return this;
        }

        /** Creates the options. */
        public FunctionOptions build() {
            return new FunctionOptions(filename, lineOffset, columnOffset, parsingContext, contextExtensions, importModuleDynamically);
        }
    }
}
