package io.github.jsvm.engine;

/**
 * Where the engine finds a module and how its text names it: the {@code key} the engine loads it from
 * (unique among the modules of its context) and the {@code token} its generated calls carry (see
 * {@link ModuleBridge}).
 */
record ModuleAddress(String key, String token) {}
