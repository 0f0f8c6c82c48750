package io.github.jsvm.nodecompat;

import io.github.jsvm.Vm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The base of the ported Node test classes: one {@link Vm} per class, closed after it (classes run one at a time). */
abstract class NodeVmTest {
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
