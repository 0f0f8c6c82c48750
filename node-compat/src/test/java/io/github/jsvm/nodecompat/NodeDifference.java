package io.github.jsvm.nodecompat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a ported assertion where jsvm deliberately differs from Node: the test asserts jsvm's
 * documented behaviour instead of Node's. {@link #value()} is the row of the README table
 * "Differences from Node's vm" that explains why.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NodeDifference {
    /** The difference's identifier in the README table, for example {@code D3}. */
    String value();
}
