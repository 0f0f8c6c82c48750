package io.github.jsvm;

/**
 * How a module is created. Immutable.
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
        String identifier,
        VmContext context,
        ImportModuleDynamically importModuleDynamically,
        ImportMetaInitializer initializeImportMeta) {

    private static final ModuleOptions DEFAULTS = new ModuleOptions(null, null, ImportModuleDynamically.NONE, null);

    /** Validates the components. */
    public ModuleOptions {
        Checks.notNull(importModuleDynamically, "importModuleDynamically");
    }

    /** Generated identifier, the main context, no import hook, empty {@code import.meta}. */
    public static ModuleOptions defaults() {
        return DEFAULTS;
    }

    /** Default options, except that the module belongs to {@code context}. */
    public static ModuleOptions in(VmContext context) {
        return builder().context(context).build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ModuleOptions}; not thread-safe. */
    public static final class Builder {
        private String identifier;
        private VmContext context;
        private ImportModuleDynamically importModuleDynamically = ImportModuleDynamically.NONE;
        private ImportMetaInitializer initializeImportMeta;

        private Builder() {}

        /** Sets the identifier shown in stack traces and errors. */
        public Builder identifier(String identifier) {
            this.identifier = Checks.notNull(identifier, "identifier");
            return this;
        }

        /** Sets the context the module belongs to. */
        public Builder context(VmContext context) {
            this.context = Checks.notNull(context, "context");
            return this;
        }

        /** Sets the hook for {@code import()} calls in the module's code. */
        public Builder importModuleDynamically(ImportModuleDynamically hook) {
            this.importModuleDynamically = Checks.notNull(hook, "importModuleDynamically");
            return this;
        }

        /** Sets what fills {@code import.meta}. */
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
