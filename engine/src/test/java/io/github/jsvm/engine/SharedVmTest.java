package io.github.jsvm.engine;

import io.github.jsvm.Vm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base for test classes whose tests share one {@link Vm}: created before the class, closed after it. */
abstract class SharedVmTest {
    static Vm vm;

    @BeforeAll
    static void createVm() {
        vm = Vm.create();
    }

    @AfterAll
    static void closeVm() {
        vm.close();
    }
}
