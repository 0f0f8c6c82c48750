package io.github.jsvm.spi;

import io.github.jsvm.Vm;

/**
 * Service interface an engine implements to supply {@link Vm}s; found with {@link
 * java.util.ServiceLoader}. Applications use {@link Vm#create()} instead.
 */
public interface VmProvider {

    /** Creates a new, independent {@link Vm} with {@code options}. */
    Vm create(io.github.jsvm.VmOptions options);
}
