package io.github.jsvm.engine;

import io.github.jsvm.ContextClosedException;
import io.github.jsvm.HostFunction;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.VmException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.jspecify.annotations.Nullable;

/**
 * Copies values between Java and one context, following the rules documented on {@link
 * io.github.jsvm.Vm}.
 *
 * <p>Objects and arrays are built by helper functions created when the context starts, before any
 * guest code runs. They capture the built-ins they use and define properties with
 * null-prototype descriptors, so a script that later replaces {@code Object} or plants setters on
 * {@code Object.prototype} cannot intercept values the host hands in.
 */
final class ValueConverter {
    private static final int MAX_DEPTH = 1000;
    static final long MAX_VALUES = 10_000_000;
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final Source HELPERS = Source.newBuilder(SourceOrigin.LANGUAGE, """
            (function () {
              'use strict';
              const global = globalThis;
              const defineProperty = Object.defineProperty;
              const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
              const deleteProperty = Reflect.deleteProperty;
              const reflectOwnKeys = Reflect.ownKeys;
              const symbolToString = Symbol.prototype.toString;
              const keys = Object.keys;
              const ErrorConstructor = Error;
              const BigIntConstructor = BigInt;
              const DateConstructor = Date;
              const isArray = Array.isArray;
              const getTime = Date.prototype.getTime;
              const objectToString = Object.prototype.toString;
              const isNaNNumber = Number.isNaN;
              const apply = Reflect.apply;
              const arraySlice = Array.prototype.slice;
              const WeakMapConstructor = WeakMap;
              const weakGet = WeakMap.prototype.get;
              const weakSet = WeakMap.prototype.set;
              // Errors that stand for a host exception, to the id of that exception (see HostFailures).
              const hostErrors = new WeakMapConstructor();
              const errorConstructors = { __proto__: null, Error, TypeError, RangeError };
              const define = (target, key, value) => defineProperty(target, key,
                  { __proto__: null, value, writable: true, enumerable: true, configurable: true });
              return {
                object(names, values) {
                  const result = {};
                  for (let i = 0; i < names.length; i++) define(result, names[i], values[i]);
                  return result;
                },
                // The original slice of the host's list defines each element of a new array (no
                // setter of the guest's runs) and keeps it a dense array: defining indices one by
                // one made GraalJS store them as a dictionary, at over a kilobyte per element.
                array(values) {
                  return apply(arraySlice, values, []);
                },
                // Fills an object (names given) or an array (names null) created before its values.
                fill(target, names, values) {
                  for (let i = 0; i < values.length; i++) define(target, names === null ? i : names[i], values[i]);
                  return target;
                },
                ownGlobals() {
                  const names = keys(global);
                  const values = [];
                  for (let i = 0; i < names.length; i++) define(values, i, global[names[i]]);
                  return [names, values];
                },
                readGlobal: (name) => global[name],
                isError: (value) => value instanceof ErrorConstructor,
                isBigInt: (value) => typeof value === 'bigint',
                bigintSample: 0n,
                bigint: (digits) => BigIntConstructor(digits),
                date: (millis) => new DateConstructor(millis),
                // A guest string cut before it is copied to the host, the cut marked.
                clip: (text, max) => text.length > max
                    ? text.slice(0, max) + '… [' + (text.length - max) + ' more characters]' : text,
                // For objects that are not plain arrays to the engine: 1 for an array behind a Proxy,
                // 2 for an invalid Date (the engine reports neither), 0 for anything else.
                kind(value) {
                  try {
                    if (isArray(value)) return 1;
                  } catch (revokedProxy) {
                    return 0;
                  }
                  // Never throw for ordinary objects: an exception costs a captured stack (microseconds).
                  if (apply(objectToString, value, []) !== '[object Date]') return 0;
                  try {
                    return isNaNNumber(apply(getTime, value, [])) ? 2 : 0;
                  } catch (toStringTagOnly) {
                    return 0;
                  }
                },
                throwError(name, message, code) {
                  const error = new (errorConstructors[name] || ErrorConstructor)(message);
                  if (code !== undefined) defineProperty(error, 'code', { __proto__: null, value: code, writable: true, configurable: true });
                  throw error;
                },
                rethrow(value) { throw value; },
                hostError(message, id) {
                  const error = new ErrorConstructor(message);
                  apply(weakSet, hostErrors, [error, id]);
                  throw error;
                },
                hostErrorId: (value) => apply(weakGet, hostErrors, [value]),
                // A host write to a read-only global fails as Node's does (its sandbox write redefines the property).
                writeGlobal(name, value) {
                  const existing = getOwnPropertyDescriptor(global, name);
                  if (existing !== undefined && existing.writable === false) {
                    throw new errorConstructors.TypeError('Cannot redefine property: ' + name);
                  }
                  global[name] = value;
                },
                // The host's live handle on the global object (GlobalObject), with built-ins captured here.
                globalObject: {
                  __proto__: null,
                  delete: (name) => deleteProperty(global, name),
                  hasOwn: (name) => getOwnPropertyDescriptor(global, name) !== undefined,
                  define(name, accessor, value, getter, setter, writable, enumerable, configurable) {
                    const descriptor = { __proto__: null, enumerable, configurable };
                    if (accessor) {
                      descriptor.get = getter === null ? undefined : getter;
                      descriptor.set = setter === null ? undefined : setter;
                    } else {
                      descriptor.value = value;
                      descriptor.writable = writable;
                    }
                    defineProperty(global, name, descriptor);
                  },
                  // [accessor, value, get, set, writable, enumerable, configurable], or null.
                  describe(name) {
                    const d = getOwnPropertyDescriptor(global, name);
                    if (d === undefined) return null;
                    const accessor = !('value' in d) && !('writable' in d);
                    return [accessor, accessor ? undefined : d.value, accessor ? d.get : undefined, accessor ? d.set : undefined,
                        !accessor && d.writable, d.enumerable, d.configurable];
                  },
                  ownKeys() {
                    const keys = reflectOwnKeys(global);
                    const result = [];
                    for (let i = 0; i < keys.length; i++) {
                      define(result, i, typeof keys[i] === 'symbol' ? apply(symbolToString, keys[i], []) : keys[i]);
                    }
                    return result;
                  },
                },
                // A global handed to createContext: an own enumerable property even under a built-in's name
                // (console, Object, ...), as Node's sandbox properties are. False for a read-only built-in (NaN, undefined).
                defineGlobal(name, value) {
                  const existing = getOwnPropertyDescriptor(global, name);
                  if (existing === undefined || existing.configurable) {
                    defineProperty(global, name, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
                    return true;
                  }
                  if (existing.writable !== true) return false;
                  global[name] = value;
                  return true;
                },
              };
            })()
            """, SourceOrigin.INTERNAL_PREFIX + "conversions.js").cached(true).internal(true).buildLiteral();

    private final ContextRunner runner;
    /* The guest helpers; dropped on close, when they are all that would keep the context's realm reachable. */
    private volatile @Nullable Helpers helpers;
    private final HostFailures hostFailures;
    /*
     * Weak on purpose: host functions handed to the guest reference this converter, and the guest
     * context is reachable from the wrapper's cleanup action. A strong reference here would keep
     * every wrapper reachable and its context open forever. During a run the wrapper is alive (the
     * run was started through it), which is the only time functions are converted.
     */
    private final WeakReference<GraalContext> owner;

    ValueConverter(ContextRunner runner, GraalContext owner, boolean exposeHostErrorMessages) {
        this.runner = runner;
        this.hostFailures = new HostFailures(exposeHostErrorMessages);
        this.owner = new WeakReference<>(owner);
        this.helpers = new Helpers(runner.polyglot().eval(HELPERS));
    }

    /** The guest functions this converter calls, one per job. */
    private record Helpers(Value newObject, Value newArray, Value ownGlobals, Value readGlobal, Value writeGlobal,
            Value defineGlobal, Value globalObject, Value isError, Value isBigInt, Value bigint, Value kind, Value clip, Value throwError, Value rethrow,
            Value hostError, Value hostErrorId, Value fill, Value bigintType, Value date) {
        Helpers(Value helpers) {
            this(helpers.getMember("object"), helpers.getMember("array"), helpers.getMember("ownGlobals"),
                    helpers.getMember("readGlobal"), helpers.getMember("writeGlobal"), helpers.getMember("defineGlobal"),
                    helpers.getMember("globalObject"), helpers.getMember("isError"),
                    helpers.getMember("isBigInt"), helpers.getMember("bigint"), helpers.getMember("kind"),
                    helpers.getMember("clip"), helpers.getMember("throwError"), helpers.getMember("rethrow"),
                    helpers.getMember("hostError"), helpers.getMember("hostErrorId"), helpers.getMember("fill"),
                    helpers.getMember("bigintSample").getMetaObject(), helpers.getMember("date"));
        }
    }

    /* The time values a JavaScript Date can hold: 10^8 days either side of the epoch. */
    private static final long MAX_DATE_MILLIS = 8_640_000_000_000_000L;

    /** {@code instant} as a Date's time value (milliseconds, the rest dropped). */
    private static long dateMillis(Instant instant, String where) {
        long millis;
        try {
            millis = instant.toEpochMilli();
        } catch (ArithmeticException tooFar) {
            millis = Long.MAX_VALUE;
        }
        if (Math.abs(millis) > MAX_DATE_MILLIS) {
            throw new InvalidArgumentException(shortened(where) + " is " + instant + ", outside the range of a JavaScript Date (±"
                    + MAX_DATE_MILLIS + " ms around 1970)");
        }
        return millis;
    }

    private static final int ARRAY_BEHIND_PROXY = 1;
    private static final int INVALID_DATE = 2;

    private Helpers helpers() {
        Helpers current = helpers;
        if (current == null) {
            throw runner.closedException();
        }
        return current;
    }

    /** Counts a call into a host function for the current run's usage report, if it has one. */
    void countHostFunctionCall() {
        RunUsageRecorder usage = runner.usage();
        if (usage != null) {
            usage.hostFunctionCalled();
        }
    }

    /** Drops every reference into the guest; the context has closed. */
    void release() {
        helpers = null;
    }

    /** The enumerable own properties of the global object, converted. */
    Map<String, Object> globals() {
        Value pair = helpers().ownGlobals().execute();
        Value names = pair.getArrayElement(0);
        Value values = pair.getArrayElement(1);
        CopiedObject globals = new CopiedObject();
        Walk walk = new Walk();
        for (long i = 0; i < names.getArraySize(); i++) {
            globals.define(names.getArrayElement(i).asString(), toJava(values.getArrayElement(i), walk, 0));
        }
        return globals;
    }

    /**
     * The text of a guest value for a message, at most {@code max} characters (a longer string is
     * cut in the guest, before anything is copied, and the cut marked); non-strings as the engine
     * displays them; {@code null} for a missing or null value.
     */
    @Nullable String text(@Nullable Value value, int max) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return helpers().clip().execute(value, max).asString();
        }
        return ErrorTranslator.clip(value.toString());
    }

    /** Whether {@code value} is an Error of this context (its {@code name} and {@code message} apply). */
    boolean isError(Value value) {
        return value.hasMembers() && helpers().isError().execute(value).asBoolean();
    }

    /**
     * Creates a guest error and returns it as the exception that, thrown from a host callback,
     * propagates into the guest unchanged (a catchable JS error, not a host exception).
     */
    PolyglotException guestError(String constructorName, @Nullable String message, @Nullable String code) {
        try {
            helpers().throwError().execute(constructorName, message, code);
        } catch (PolyglotException error) {
            return error;
        }
        throw new IllegalStateException("throwError helper returned normally");
    }

    /** The exception to throw into the guest for a host callback's {@code failure}; see {@link HostFailures}. */
    PolyglotException hostFailure(String what, Throwable failure) {
        return hostFailures.report(this, what, failure);
    }

    /** The description of the context this converter serves, for messages. */
    String contextDescription() {
        return runner.description();
    }

    /** The host exception the guest value {@code thrown} stands for, or {@code null}. */
    @Nullable Throwable hostFailureOf(Value thrown) {
        return hostFailures.originalOf(this, thrown);
    }

    /** A guest {@code Error} with {@code message} that stands for the host exception {@code id}, as the exception to throw into the guest. */
    PolyglotException hostError(String message, String id) {
        try {
            helpers().hostError().execute(message, id);
        } catch (PolyglotException error) {
            return error;
        }
        throw new IllegalStateException("hostError helper returned normally");
    }

    /** The id of the host exception {@code thrown} stands for, or {@code null}. */
    @Nullable String hostErrorId(@Nullable Value thrown) {
        if (thrown == null || !thrown.hasMembers()) {
            return null;
        }
        Value id = helpers().hostErrorId().execute(thrown);
        return id.isString() ? id.asString() : null;
    }

    /** Throws {@code value} in the guest, so that it arrives as a {@link PolyglotException} to translate. */
    void rethrow(Value value) {
        helpers().rethrow().execute(value);
    }

    @Nullable Object readGlobal(String name) {
        return toJava(helpers().readGlobal().execute(name));
    }

    void writeGlobal(String name, @Nullable Object value) {
        helpers().writeGlobal().execute(name, toGuest(value, "global '" + name + "'"));
    }

    /** The guest side of {@link io.github.jsvm.GlobalObject}: operations on the global object, by member name. */
    Value globalObjectOps() {
        return helpers().globalObject();
    }

    /** Defines a global handed to {@code createContext}: enumerable, also under a built-in's name. */
    void defineGlobal(String name, @Nullable Object value) {
        if (!helpers().defineGlobal().execute(name, toGuest(value, "global '" + name + "'")).asBoolean()) {
            throw new InvalidArgumentException("global '" + name + "' cannot be set: the context's built-in of that name is read-only");
        }
    }

    // ---- Java to guest ------------------------------------------------------------------------

    /** Copies {@code value} into this context; {@code where} names it in error messages. */
    @Nullable Object toGuest(@Nullable Object value, String where) {
        try {
            return toGuest(value, where, new IdentityHashMap<>(), 0);
        } catch (StackOverflowError tooDeep) {
            // MAX_DEPTH levels need more stack than a run already deep in guest code may have left.
            throw new InvalidArgumentException(shortened(where) + " is nested too deeply to convert on this thread's stack");
        }
    }

    private @Nullable Object toGuest(@Nullable Object value, String where, IdentityHashMap<Object, Value> seen, int depth) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long wide && !isSafeInteger(wide)) {
            // A JavaScript number is a double: beyond 2^53 the engine would keep the exact long
            // behind the guest's back, and no longer convert it back (it fits no double exactly).
            return wide.doubleValue();
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Double || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof Float) {
            return value;
        }
        if (value instanceof BigInteger big) {
            // The engine would pass it as a number (and round it): a BigInteger is a bigint.
            return helpers().bigint().execute(big.toString());
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value instanceof Instant instant) {
            return helpers().date().execute(dateMillis(instant, where));
        }
        if (value instanceof GraalJsFunction function) {
            if (function.runner() != runner) {
                throw new InvalidArgumentException(where + " is a JsFunction of another context; "
                        + "functions cannot move between contexts");
            }
            return function.value();
        }
        if (value instanceof HostFunction function) {
            HostFunctionAdapter adapter = new HostFunctionAdapter(function, this);
            GraalContext context = owner.get();
            if (context == null) {
                throw runner.closedException();
            }
            context.keepReachable(adapter, function);
            return adapter;
        }
        if (depth >= MAX_DEPTH) {
            throw new InvalidArgumentException(shortened(where) + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        Value known = seen.get(value);
        if (known != null) {
            return known;
        }
        if (seen.containsKey(value)) {
            // A reference back to a Map, List or array being copied (one that contains itself): the
            // guest gets the same object, created empty now and filled when that value's copy completes.
            Value placeholder = value instanceof Map<?, ?> ? helpers().newObject().execute(ProxyArray.fromArray(), ProxyArray.fromArray())
                    : helpers().newArray().execute(ProxyArray.fromArray());
            seen.put(value, placeholder);
            return placeholder;
        }
        if (value instanceof Map<?, ?> map) {
            seen.put(value, null); // in progress
            List<Object> names = new ArrayList<>(map.size());
            List<Object> values = new ArrayList<>(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String name)) {
                    throw new InvalidArgumentException(where + " has a key that is not a String: " + describe(entry.getKey()));
                }
                names.add(name);
                values.add(toGuest(entry.getValue(), where + "." + name, seen, depth + 1));
            }
            Value placeholder = seen.get(value);
            Value object = placeholder == null
                    ? helpers().newObject().execute(ProxyArray.fromList(names), ProxyArray.fromList(values))
                    : helpers().fill().execute(placeholder, ProxyArray.fromList(names), ProxyArray.fromList(values));
            seen.put(value, object);
            return object;
        }
        if (value instanceof List<?> || value.getClass().isArray()) {
            seen.put(value, null); // in progress
            List<?> list = value instanceof List<?> l ? l : arrayAsList(value);
            List<Object> values = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                values.add(toGuest(list.get(i), where + "[" + i + "]", seen, depth + 1));
            }
            Value placeholder = seen.get(value);
            Value array = placeholder == null
                    ? helpers().newArray().execute(ProxyArray.fromList(values))
                    : helpers().fill().execute(placeholder, null, ProxyArray.fromList(values));
            seen.put(value, array);
            return array;
        }
        throw new InvalidArgumentException(where + " has type " + value.getClass().getName()
                + ", which has no JavaScript counterpart (use null, Boolean, Number, String, Map, List, "
                + "array, HostFunction or JsFunction)");
    }


    private static List<Object> arrayAsList(Object array) {
        int length = Array.getLength(array);
        List<Object> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(Array.get(array, i));
        }
        return list;
    }

    /* A path through a deeply nested value is as long as the value is deep: keep its ends. */
    private static String shortened(String where) {
        return where.length() <= 200 ? where : where.substring(0, 100) + "…" + where.substring(where.length() - 80);
    }

    private static String describe(Object key) {
        return key == null ? "null" : key + " (" + key.getClass().getName() + ")";
    }

    // ---- guest to Java ------------------------------------------------------------------------

    /** Copies a guest value to Java. Must run on the thread that owns the context's current run. */
    @Nullable Object toJava(Value value) {
        // Most runs return nothing or a number: no walk state to allocate for those.
        if (value.isNull()) {
            runner.checkNotStopped();
            return null;
        }
        if (value.isNumber()) {
            runner.checkNotStopped();
            return number(value);
        }
        try {
            return toJava(value, new Walk(), 0);
        } catch (StackOverflowError tooDeep) {
            // As for toGuest: MAX_DEPTH levels may not fit in what is left of a deep run's stack.
            throw new VmException("Value is nested too deeply to convert to Java on this thread's stack");
        }
    }

    /**
     * What one conversion to Java may allocate, estimated: an eighth of the maximum heap (at least
     * 16 MB). Counting values alone let a sparse array of 2^24 holes, or a few huge strings,
     * exhaust a small heap.
     */
    static final long MAX_BYTES = Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8);
    /* Estimated host bytes per converted value (box or reference, list slot or map entry). */
    private static final int BYTES_PER_VALUE = 24;

    /** State of one conversion: objects already converted (for cycles), how many values and bytes so far. */
    private static final class Walk {
        private @Nullable Map<Value, Object> seen;
        long values;
        private long bytes;

        void charge(long moreBytes) {
            bytes += moreBytes;
            if (bytes > MAX_BYTES) {
                throw new VmException("Value is too large to convert to Java: its copy would take more than "
                        + (MAX_BYTES >> 20) + " MB of the host's heap (an eighth of the maximum heap)");
            }
        }

        /* The copy of a guest object converted before in this walk, or null. */
        @Nullable Object known(Value value) {
            return seen == null ? null : seen.get(value);
        }

        /*
         * The map is created on first use: most conversions are of a single primitive or of one
         * object without members (a promise), where hashing the Value costs more than the copy.
         */
        void remember(Value value, Object copy) {
            if (seen == null) {
                seen = new HashMap<>();
            }
            seen.put(value, copy);
        }
    }

    private @Nullable Object toJava(Value value, Walk walk, int depth) {
        // Conversion runs host-side, where the engine's interrupt cannot reach: check the run's
        // deadline here so a huge structure is stopped like guest code, and cap the total so that
        // a run without a timeout cannot exhaust the host's heap.
        runner.checkNotStopped();
        if (++walk.values > MAX_VALUES) {
            throw new VmException("Value has more than " + MAX_VALUES + " elements and properties; too large to convert to Java");
        }
        walk.charge(BYTES_PER_VALUE);
        if (value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isString()) {
            String text = value.asString();
            walk.charge(2L * text.length());
            return text;
        }
        if (value.isNumber()) {
            return number(value);
        }
        if (value.isProxyObject()) {
            Object proxy = value.asProxyObject();
            return proxy instanceof HostFunctionAdapter adapter ? adapter.function() : null;
        }
        if (value.isHostObject()) {
            return value.asHostObject();
        }
        if (value.isDate() && value.isTime() && value.isTimeZone()) {
            return value.asInstant();
        }
        Object known = walk.known(value);
        if (known != null) {
            return known;
        }
        if (value.canExecute()) {
            JsFunction function = new GraalJsFunction(liveOwner(), value);
            walk.remember(value, function);
            return function;
        }
        if (depth >= MAX_DEPTH) {
            throw new VmException("Value is nested deeper than " + MAX_DEPTH + " levels and cannot be converted to Java");
        }
        if (value.hasArrayElements()) {
            return array(value, value.getArraySize(), walk, depth);
        }
        if (value.hasMembers()) {
            int kind = helpers().kind().execute(value).asInt();
            if (kind == ARRAY_BEHIND_PROXY) {
                Value length = value.getMember("length");
                return array(value, length != null && length.fitsInLong() ? Math.max(0, length.asLong()) : 0, walk, depth);
            }
            if (kind == INVALID_DATE) {
                return null;
            }
            CopiedObject members = new CopiedObject();
            Iterator<String> keys = value.getMemberKeys().iterator();
            // Only a value met again later in this walk needs remembering: nothing follows a top-level
            // object without members.
            if (depth > 0 || keys.hasNext()) {
                walk.remember(value, members);
            }
            while (keys.hasNext()) {
                String key = keys.next();
                walk.charge(2L * key.length());
                members.define(key, toJava(value.getMember(key), walk, depth + 1));
            }
            return members;
        }
        return value.toString();
    }

    /** Copies an array, or an array behind a proxy (read through its traps, by index). */
    private CopiedArray array(Value value, long size, Walk walk, int depth) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new VmException("Array of length " + size + " is too large to convert to a Java List");
        }
        boolean direct = value.hasArrayElements();
        // Never trust the length for allocation: `a.length = 2e9` must not size a Java array.
        CopiedArray elements = new CopiedArray((int) Math.min(size, 1024));
        walk.remember(value, elements);
        for (long i = 0; i < size; i++) {
            elements.append(toJava(direct ? value.getArrayElement(i) : value.getMember(Long.toString(i)), walk, depth + 1));
        }
        return elements;
    }

    private GraalContext liveOwner() {
        GraalContext context = owner.get();
        if (context == null) {
            throw new ContextClosedException(runner.description() + " was garbage-collected");
        }
        return context;
    }

    /** Whether JavaScript's numbers hold {@code n} exactly, and every integer next to it ({@code Number.isSafeInteger}). */
    private static boolean isSafeInteger(long n) {
        return n >= -MAX_SAFE_INTEGER && n <= MAX_SAFE_INTEGER;
    }

    private Object number(Value value) {
        if (!value.fitsInBigInteger()) {
            return value.asDouble(); // NaN, an infinity or a fraction: never a BigInt
        }
        if (isBigInt(value)) {
            return value.asBigInteger();
        }
        if (value.fitsInInt()) {
            return value.asInt();
        }
        if (value.fitsInLong()) {
            long asLong = value.asLong();
            if (isSafeInteger(asLong)) {
                return asLong;
            }
            // Beyond 2^53 a long that is not exactly a double (a host value) has no asDouble().
            return (double) asLong;
        }
        return value.asDouble();
    }

    /*
     * The BigInt meta object's instance check (cached once per context) is a type test in the engine,
     * cheaper than calling the guest's typeof helper (a JS call per number): that mattered on every
     * run that returns a number. A host value (a BigInteger the application passed in) still asks the
     * guest, which decides how it treats foreign numbers.
     */
    private boolean isBigInt(Value number) {
        Helpers current = helpers();
        return current.bigintType().isMetaInstance(number)
                || (number.isHostObject() && current.isBigInt().execute(number).asBoolean());
    }
}
