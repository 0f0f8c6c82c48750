package io.github.jsvm;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Fills {@code import.meta} of a {@link SourceTextModule}: Node's {@code initializeImportMeta}.
 * Called once per module, when its evaluation starts, and only for modules whose text mentions
 * {@code import.meta}. Without an initializer {@code import.meta} is an empty object.
 */
@FunctionalInterface
public interface ImportMetaInitializer {

    /**
     * Returns the properties to define on {@code import.meta} (converted as described in {@link Vm});
     * {@code null} for none.
     *
     * @throws Exception to make the module's evaluation fail with the exception's message
     */
    @Nullable Map<String, ?> initialize(SourceTextModule module) throws Exception;
}
