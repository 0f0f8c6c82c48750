package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.VmException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParserPoolTest {
    private static final CarrierThreads CARRIERS = new CarrierThreads("parser-pool-test");
    private Engine engine;
    private ContextFactory contexts;

    @BeforeEach
    void createEngine() {
        engine = EngineFactory.create(null, true);
        contexts = new ContextFactory(engine);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void aParserThatCannotBeCreatedBecauseTheVmClosedReportsTheClosedVm() {
        AtomicReference<ParserPool> pool = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        pool.set(new ParserPool(() -> {
            if (calls.incrementAndGet() == 1) {
                return ParserPool.Parser.create(contexts);
            }
            // What a close racing with the creation of a second parser looks like from here.
            pool.get().close();
            throw new IllegalStateException("Engine is already closed.");
        }, CARRIERS));

        // The inner borrow finds the one parser lent out, so it creates a second one and that fails.
        RuntimeException inner = pool.get().withParser(outer -> {
            try {
                pool.get().withParser(second -> "unexpected");
                return null;
            } catch (RuntimeException failure) {
                return failure;
            }
        });

        assertThat(inner).isInstanceOf(VmException.class).hasMessage("The Vm is closed");
        assertThat(pool.get().created()).isEqualTo(1);
    }

    @Test
    void aParserThatCannotBeCreatedWhileOpenPassesTheFailureOnAndFreesItsPlace() {
        AtomicInteger calls = new AtomicInteger();
        ParserPool pool = new ParserPool(() -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("out of something");
            }
            return ParserPool.Parser.create(contexts);
        }, CARRIERS);
        try {
            RuntimeException inner = pool.withParser(outer -> {
                try {
                    pool.withParser(second -> "unexpected");
                    return null;
                } catch (RuntimeException failure) {
                    return failure;
                }
            });
            assertThat(inner).isInstanceOf(IllegalStateException.class).hasMessage("out of something");
            // The failed creation gave its place back, so the next one can take it.
            String second = pool.withParser(outer -> pool.withParser(inside -> "second"));
            assertThat(second).isEqualTo("second");
            assertThat(pool.created()).isEqualTo(2);
        } finally {
            pool.close();
        }
        assertThatThrownBy(() -> pool.withParser(parser -> "late")).isInstanceOf(VmException.class);
    }
}
