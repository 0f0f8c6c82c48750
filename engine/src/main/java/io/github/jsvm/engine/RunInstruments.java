package io.github.jsvm.engine;

/**
 * The instruments of a {@code Vm}'s engine that a run attaches when it first needs them: the
 * statement counter (a statement limit) and the allocation check (an allocation limit).
 */
record RunInstruments(LazyInstrument statements, LazyInstrument allocations) {}
