/**
 * Engine-neutral API for compiling JavaScript once and running it in isolated, sandboxed contexts.
 * Start with {@link io.github.jsvm.Vm}.
 *
 * <p>Nothing is null unless its type says {@code @Nullable}: for options, null means "not set".
 */
@NullMarked
package io.github.jsvm;

import org.jspecify.annotations.NullMarked;
