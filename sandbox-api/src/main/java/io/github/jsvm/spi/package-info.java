/** The service interface an engine implements; applications do not use it. */
@NullMarked
package io.github.jsvm.spi;

import org.jspecify.annotations.NullMarked;
