package io.github.jsvm.nodecompat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An assertion of the ported Node file that has no Java counterpart (it tests Node's argument
 * validation of JavaScript values, its process, its inspector, ...), with the reason. Counted, never run.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Inexpressible.List.class)
public @interface Inexpressible {
    /** The assertion, in a few words. */
    String assertion();

    /** Why Java cannot express it. */
    String reason();

    /** Holds repeated {@link Inexpressible} annotations. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        Inexpressible[] value();
    }
}
