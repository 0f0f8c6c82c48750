package io.github.jsvm;

import org.jspecify.annotations.Nullable;

/**
 * How a module is created. Immutable; made with {@link #builder()}, {@link #in(VmContext)} or
 * {@link #toBuilder()}, so that options added later need no change to callers.
 *
 * @param identifier the name shown in stack traces and errors; {@code null} for
 *     {@code vm:module(N)} with N unique in the {@code Vm}
 * @param context the context the module belongs to; {@code null} for the {@code Vm}'s main context
 * @param importModuleDynamically serves {@code import()} calls in a {@link SourceTextModule}'s code;
 *     the referrer is the module
 * @param initializeImportMeta fills a {@link SourceTextModule}'s {@code import.meta}; {@code null}
 *     leaves it empty
 */
public record ModuleOptions(
        @Nullable String identifier,
        @Nullable VmContext context,
        ImportModuleDynamically importModuleDynamically,
        @Nullable ImportMetaInitializer initializeImportMeta) {

    private static final ModuleOptions DEFAULTS = new ModuleOptions(null, null, ImportModuleDynamically.NONE, null);

    /**
     * Validates the components.
     *
     * @throws NullPointerException when {@code importModuleDynamically} is {@code null}
     */
    public ModuleOptions {
        Checks.notNull(importModuleDynamically, "importModuleDynamically");
    }

    /** Generated identifier, the main context, no import hook, empty {@code import.meta}. */
    public static ModuleOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Default options, except that the module belongs to {@code context}.
     *
     * @throws NullPointerException when {@code context} is {@code null}
     */
    public static ModuleOptions in(VmContext context) {
        return builder().context(context).build();
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
     * Builds {@link ModuleOptions}; setters reject {@code null} and out-of-range values at once, naming the option
     * (an option that may be absent is absent while it is not set). Not thread-safe.
     */
    public static final class Builder {
        private @Nullable String identifier;
        private @Nullable VmContext context;
        private ImportModuleDynamically importModuleDynamically;
        private @Nullable ImportMetaInitializer initializeImportMeta;

        private Builder(ModuleOptions start) {
            this.identifier = start.identifier;
            this.context = start.context;
            this.importModuleDynamically = start.importModuleDynamically;
            this.initializeImportMeta = start.initializeImportMeta;
        }

        /**
         * Sets the identifier shown in stack traces and errors.
         *
         * @throws NullPointerException when {@code identifier} is {@code null}
         */
        public Builder identifier(String identifier) {
            this.identifier = Checks.notNull(identifier, "identifier");
            return this;
        }

        /**
         * Sets the context the module belongs to.
         *
         * @throws NullPointerException when {@code context} is {@code null}
         */
        public Builder context(VmContext context) {
            this.context = Checks.notNull(context, "context");
            return this;
        }

        /**
         * Sets the hook for {@code import()} calls in the module's code; {@link ImportModuleDynamically#NONE} by default.
         *
         * @throws NullPointerException when {@code hook} is {@code null}
         */
        public Builder importModuleDynamically(ImportModuleDynamically hook) {
            this.importModuleDynamically = Checks.notNull(hook, "importModuleDynamically");
            return this;
        }

        /**
         * Sets what fills {@code import.meta}.
         *
         * @throws NullPointerException when {@code initializer} is {@code null}
         */
        public Builder initializeImportMeta(ImportMetaInitializer initializer) {
            this.initializeImportMeta = Checks.notNull(initializer, "initializeImportMeta");
            return this;
        }

        /** Creates the options. */
        public ModuleOptions build() {
            return new ModuleOptions(identifier, context, importModuleDynamically, initializeImportMeta);
        }
    }
}
