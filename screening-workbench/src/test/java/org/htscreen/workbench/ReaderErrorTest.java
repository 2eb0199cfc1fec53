package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Error in the reader thread (here: out of memory while {@code --sort} holds every transaction) ends the run at
 * once with one line {@code exit 2: why}; before, the reader thread died and the main thread waited forever.
 * Runs the real {@code main} in a child JVM with a small heap.
 */
class ReaderErrorTest {

    /** Heap of the child: enough to compile the rules, too little to hold the file's transactions. */
    private static final String HEAP = "-Xmx96m";
    private static final int TRANSACTIONS = 150_000;

    @TempDir
    Path dir;

    @Test
    void out_of_memory_in_the_reader_ends_the_run_with_exit_2() throws Exception {
        Path f = dir.resolve("big.jsonl");
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < TRANSACTIONS; i++) {
                w.write("{\"txId\":\"t-" + i + "\",\"eventTime\":\"2026-03-02T10:" + String.format("%02d:%02d",
                        i / 60 % 60, i % 60) + "Z\",\"amount\":\"10.00\",\"currency\":\"EUR\",\"channel\":"
                        + "\"ATM_DEPOSIT\",\"direction\":\"INBOUND\",\"originator\":{},\"beneficiary\":{\"accountId\":"
                        + "\"CY-ACC-" + (i % 500) + "\"},\"reference\":\"rent for the flat " + i + "\"}\n");
            }
        }
        Path err = dir.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, HEAP, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "backtest", "--sort", "-t", f.toString(), "-o", dir.resolve("a.jsonl").toString(),
                "--progress", "none", "--threads", "1"))
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
        boolean ended = p.waitFor(240, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String stderr = Files.readString(err);
        assertTrue(ended, "the run hung after an Error in a thread; stderr:\n" + stderr);
        assertEquals(2, p.exitValue(), stderr);
        List<String> lines = stderr.lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("exit 2: ") && stderr.contains("out of memory"), stderr);
        assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);
        assertTrue(new File(f.toString()).length() > 0);
    }
}
