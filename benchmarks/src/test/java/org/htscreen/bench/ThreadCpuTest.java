package org.htscreen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CPU by thread group from /proc: a busy thread's time lands in its group, also when it was renamed after it started. */
class ThreadCpuTest {

    @Test
    void groupsByTheStartOfTheName() {
        assertEquals("screening", ThreadCpu.group("Screen accounts"));
        assertEquals("jit", ThreadCpu.group("C2 CompilerThre"));
        assertEquals("gc", ThreadCpu.group("GC Thread#0"));
        assertEquals(ThreadCpu.REST, ThreadCpu.group("main"));
    }

    @Test
    void aThreadRenamedAfterItStartedCountsInItsNewGroup() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
        ThreadCpu cpu = ThreadCpu.start(() -> true);
        Thread.sleep(400);   // the mark is taken at a sample before the thread below exists
        Thread busy = new Thread(() -> {
            spin(300);
            Thread.currentThread().setName("Screen accounts (1/1)#0");   // as a task thread named when its task runs
            spin(600);
            sleep(600);   // alive until sampled after its work (a thread that ends loses at most one period)
        }, "worker");
        busy.start();
        busy.join();
        cpu.close();
        Map<String, Double> bySeconds = cpu.sinceMark();
        // the thread used 0.9 s of CPU in all; /proc counts in 10 ms ticks
        assertTrue(bySeconds.get("screening") >= 0.85, "screening: " + bySeconds);
        assertTrue(bySeconds.get(ThreadCpu.REST) < 0.3, "rest: " + bySeconds);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Busy until this thread used {@code millis} of CPU time (not wall-clock time: the host may be loaded). */
    private static void spin(long millis) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = mx.getCurrentThreadCpuTime() + millis * 1_000_000;
        long x = 0;
        while (mx.getCurrentThreadCpuTime() < end) {
            x += System.nanoTime() % 7;
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
