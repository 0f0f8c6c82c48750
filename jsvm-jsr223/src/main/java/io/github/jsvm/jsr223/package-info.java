/** Nothing is null unless its type says {@code @Nullable}. */
@NullMarked
package io.github.jsvm.jsr223;

import org.jspecify.annotations.NullMarked;
