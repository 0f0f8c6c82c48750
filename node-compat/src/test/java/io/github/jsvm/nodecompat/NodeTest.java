package io.github.jsvm.nodecompat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the file of Node's repository a test class ports (for example
 * {@code test/parallel/test-vm-basic.js}). Every test method of the class names, in its display
 * name, the assertion of that file it comes from.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NodeTest {
    /** The path of the Node test file, relative to the root of Node's repository. */
    String value();
}
