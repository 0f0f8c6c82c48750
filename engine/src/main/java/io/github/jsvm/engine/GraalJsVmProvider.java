package io.github.jsvm.engine;

import io.github.jsvm.Vm;
import io.github.jsvm.VmException;
import io.github.jsvm.VmOptions;
import io.github.jsvm.spi.VmProvider;
import org.graalvm.polyglot.PolyglotException;

/** Supplies GraalJS-backed {@link Vm}s to {@link Vm#create()}. */
public final class GraalJsVmProvider implements VmProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public GraalJsVmProvider() {}

    /** @throws VmException when the engine cannot be started (never an engine exception) */
    @Override
    public Vm create(VmOptions options) {
        try {
            return new GraalJsVm(options);
        } catch (PolyglotException engineFailure) {
            throw new VmException("Starting a GraalJS engine failed: " + engineFailure.getMessage());
        }
    }
}
