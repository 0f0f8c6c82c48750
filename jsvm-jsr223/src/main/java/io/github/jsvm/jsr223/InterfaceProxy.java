package io.github.jsvm.jsr223;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Java interfaces implemented by guest functions, for {@link javax.script.Invocable#getInterface}. */
final class InterfaceProxy {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            double.class, Double.class, float.class, Float.class, short.class, Short.class, byte.class, Byte.class,
            boolean.class, Boolean.class, char.class, Character.class);

    private InterfaceProxy() {}

    /** Calls the guest function behind one method. */
    @FunctionalInterface
    interface Invoker {
        @Nullable Object invoke(String name, @Nullable Object[] args) throws Exception;
    }

    /**
     * The names of {@code type}'s abstract methods.
     *
     * @throws IllegalArgumentException when {@code type} is not an interface
     */
    static List<String> abstractMethodNames(Class<?> type) {
        if (type == null || !type.isInterface()) {
            throw new IllegalArgumentException("getInterface needs an interface, not " + type);
        }
        return Arrays.stream(type.getMethods())
                .filter(method -> Modifier.isAbstract(method.getModifiers()))
                .map(Method::getName)
                .distinct()
                .toList();
    }

    /** A proxy whose abstract methods call {@code invoker}, results converted to the declared return types. */
    static <T> T create(Class<T> type, Invoker invoker) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "jsvm implementation of " + type.getName();
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return convert(invoker.invoke(method.getName(), args == null ? new Object[0] : args), method.getReturnType(), method);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /* Guest numbers come back as Integer, Long or Double; the interface may declare any numeric type. */
    private static @Nullable Object convert(@Nullable Object value, Class<?> returnType, Method method) {
        if (returnType == void.class) {
            return null;
        }
        Class<?> target = BOXES.getOrDefault(returnType, returnType);
        if (value == null || target.isInstance(value)) {
            if (value == null && returnType.isPrimitive()) {
                throw new ClassCastException(method + " returned undefined or null, which is not a " + returnType);
            }
            return value;
        }
        if (value instanceof Number number) {
            if (target == Integer.class) return number.intValue();
            if (target == Long.class) return number.longValue();
            if (target == Double.class) return number.doubleValue();
            if (target == Float.class) return number.floatValue();
            if (target == Short.class) return number.shortValue();
            if (target == Byte.class) return number.byteValue();
        }
        if (target == Character.class && value instanceof String text && text.length() == 1) {
            return text.charAt(0);
        }
        throw new ClassCastException(method + " returned a " + value.getClass().getName() + ", not a " + returnType.getName());
    }
}
