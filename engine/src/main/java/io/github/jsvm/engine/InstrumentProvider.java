package io.github.jsvm.engine;

import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import com.oracle.truffle.api.instrumentation.provider.TruffleInstrumentProvider;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the Truffle annotation processor would generate for each of the library's instruments: the
 * provider that {@link java.util.ServiceLoader} finds. A subclass per instrument carries the
 * {@link TruffleInstrument.Registration} and a public no-argument constructor.
 */
abstract class InstrumentProvider extends TruffleInstrumentProvider {
    private final Class<? extends TruffleInstrument> instrument;
    private final Supplier<TruffleInstrument> create;
    private final List<String> services;

    InstrumentProvider(Class<? extends TruffleInstrument> instrument, Supplier<TruffleInstrument> create, Class<?>... services) {
        this.instrument = instrument;
        this.create = create;
        this.services = java.util.Arrays.stream(services).map(Class::getName).toList();
    }

    @Override
    protected final String getInstrumentClassName() {
        return instrument.getName();
    }

    @Override
    protected final Object create() {
        return create.get();
    }

    @Override
    protected final Collection<String> getServicesClassNames() {
        return services;
    }
}
