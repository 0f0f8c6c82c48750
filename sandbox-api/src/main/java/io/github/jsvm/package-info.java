/**
 * Engine-neutral API for compiling JavaScript once and running it in isolated, sandboxed contexts.
 * Start with {@link io.github.jsvm.Vm}.
 */
package io.github.jsvm;
