/** Nothing is null unless its type says {@code @Nullable}. */
@NullMarked
package io.github.jsvm.engine;

import org.jspecify.annotations.NullMarked;
