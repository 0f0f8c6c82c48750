package io.github.jsvm.engine;

import io.github.jsvm.Vm;
import io.github.jsvm.VmOptions;
import io.github.jsvm.spi.VmProvider;

/** Supplies GraalJS-backed {@link Vm}s to {@link Vm#create()}. */
public final class GraalVmProvider implements VmProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public GraalVmProvider() {}

    @Override
    public Vm create(VmOptions options) {
        return new GraalVm(options);
    }
}
