package io.github.jsvm;

/**
 * The code an {@code import()} call belongs to, as handed to an {@link ImportModuleDynamically}
 * hook: the {@link Script}, {@link Module} or compiled {@link JsFunction} whose source text contains
 * the call, or the {@link VmContext} when the call comes from code that has none (code compiled by
 * {@code eval} or {@code new Function}).
 *
 * <p>Sealed, so a hook can switch over the four kinds exhaustively.
 */
public sealed interface ImportReferrer permits Script, Module, JsFunction, VmContext {}
