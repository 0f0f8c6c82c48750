package io.github.jsvm;

import org.jspecify.annotations.Nullable;

/**
 * A property of a context's global object as {@code Object.getOwnPropertyDescriptor} describes it,
 * copied to Java; or what {@link GlobalObject#defineProperty} defines. Either a data property
 * ({@code value}, {@code writable}) or an accessor ({@code getter}, {@code setter}; each a
 * {@link JsFunction} of the context, a {@link HostFunction}, or {@code null} for none).
 *
 * @param value the value of a data property, converted as described in {@link Vm}
 * @param getter the getter of an accessor, or {@code null}
 * @param setter the setter of an accessor, or {@code null}
 * @param accessor whether this is an accessor property
 * @param writable whether a data property can be assigned ({@code false} for accessors)
 * @param enumerable whether the property is listed by {@code Object.keys} (and {@link VmContext#globals()})
 * @param configurable whether the property can be deleted or redefined
 */
public record PropertyDescriptor(@Nullable Object value, @Nullable Object getter, @Nullable Object setter, boolean accessor, boolean writable,
        boolean enumerable, boolean configurable) {

    /**
     * Validates that an accessor has no value and a data property no getter or setter.
     *
     * @throws InvalidArgumentException when an accessor has a value or is writable, a data property has
     *     a getter or setter, or a getter or setter is neither a {@link JsFunction} nor a {@link HostFunction}
     */
    public PropertyDescriptor {
        if (accessor && (value != null || writable)) {
            throw new InvalidArgumentException("an accessor property has no value and is not writable");
        }
        if (!accessor && (getter != null || setter != null)) {
            throw new InvalidArgumentException("a data property has no getter or setter");
        }
        for (@Nullable Object function : new @Nullable Object[] {getter, setter}) {
            if (function != null && !(function instanceof JsFunction) && !(function instanceof HostFunction)) {
                throw new InvalidArgumentException("a getter or setter is a JsFunction or a HostFunction, not " + function.getClass().getName());
            }
        }
    }

    /** A data property. */
    public static PropertyDescriptor data(@Nullable Object value, boolean writable, boolean enumerable, boolean configurable) {
        return new PropertyDescriptor(value, null, null, false, writable, enumerable, configurable);
    }

    /**
     * An accessor property; {@code getter} and {@code setter} may each be {@code null}.
     *
     * @throws InvalidArgumentException when a getter or setter is neither a {@link JsFunction} nor a {@link HostFunction}
     */
    public static PropertyDescriptor accessor(@Nullable Object getter, @Nullable Object setter, boolean enumerable, boolean configurable) {
        return new PropertyDescriptor(null, getter, setter, true, false, enumerable, configurable);
    }
}
