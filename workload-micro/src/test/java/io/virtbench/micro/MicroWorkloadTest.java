package io.virtbench.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MicroWorkloadTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(MicroOp.class)
    void everyOperationRunsItsEventsOnTwoThreadsAndLeavesNoFiles(MicroOp op) throws Exception {
        int events = op == MicroOp.SPAWN ? 20 : 20_000;
        Measurement m = Harness.run(new MicroWorkload(op, tmp), new RunSettings(2, 0, events, 0, 0, 0, 0),
                Harness.SILENT, new StopSignal());
        assertEquals(Measurement.Status.COMPLETE, m.status(), m.failure());
        assertEquals(events, m.events());
        assertEquals(events, m.latencyNs().getTotalCount());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void pageFaultStartsAgainOnceItsRegionIsUsedUp() throws Exception {
        long perRegion = FileOps.REGION / FileOps.BLOCK;
        Measurement m = Harness.run(new MicroWorkload(MicroOp.PAGE_FAULT, tmp),
                new RunSettings(1, 0, perRegion + 10, 0, 0, 0, 0), Harness.SILENT, new StopSignal());
        assertEquals(Measurement.Status.COMPLETE, m.status(), m.failure());
        assertEquals(perRegion + 10, m.events());
    }

    @Test
    void opListsKeepTheirOrderAndRefuseUnknownNames() {
        assertEquals(List.of(MicroOp.CLOCK, MicroOp.SYSCALL), MicroOp.parse("clock, syscall,clock"));
        assertEquals(List.of(MicroOp.values()), MicroOp.parse(null));
        UserException e = assertThrows(UserException.class, () -> MicroOp.parse("clock,getpid"));
        assertTrue(e.getMessage().contains("getpid"), e.getMessage());
        assertThrows(UserException.class, () -> MicroOp.parse("clock,"));
    }
}
