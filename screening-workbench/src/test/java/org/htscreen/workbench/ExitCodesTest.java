package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 0 success, 1 findings, 2 usage or input errors, each non-zero exit with one line saying why. */
class ExitCodesTest {

    @TempDir
    Path dir;

    private static void usage(Cli.Result r) {
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().strip().endsWith("exit 2: usage error"), r.err());
    }

    @Test
    void helpIsSuccess() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("backtest"));
        assertEquals(0, Cli.run("backtest", "--help").code());
    }

    @Test
    void usageErrorsExitTwo() {
        usage(Cli.run());
        usage(Cli.run("frobnicate"));
        usage(Cli.run("backtest"));                                   // -t is required
        usage(Cli.run("backtest", "-t", "x.jsonl", "--lateness", "soon"));
        usage(Cli.run("rules"));
        usage(Cli.run("sweep", "-t", "x.jsonl", "--vary", "nonsense"));
    }

    @Test
    void inputErrorsExitTwo() throws IOException {
        Cli.Result missing = Cli.run("backtest", "-t", dir.resolve("none.jsonl").toString(), "--progress", "none",
                "-o", dir.resolve("a.jsonl").toString());
        assertEquals(2, missing.code(), missing.toString());
        assertTrue(missing.err().contains("none.jsonl: no such file"), missing.err());
        assertTrue(missing.err().strip().endsWith("exit 2: input error"), missing.err());

        Path unknown = dir.resolve("tx.txt");
        Files.writeString(unknown, "");
        Cli.Result fmt = Cli.run("backtest", "-t", unknown.toString(), "-o", dir.resolve("a.jsonl").toString());
        assertEquals(2, fmt.code(), fmt.toString());
        assertTrue(fmt.err().contains("cannot tell the format"), fmt.err());

        Path params = dir.resolve("p.yaml");
        Files.writeString(params, "version: x\nparameters:\n  HT-NOPE-01:\n    x: 1\n");
        Cli.Result bad = Cli.run("backtest", "-t", Cli.EXAMPLES.resolve("transactions.jsonl").toString(),
                "--parameters", params.toString(), "-o", dir.resolve("a.jsonl").toString());
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("p.yaml line 4: unknown parameter HT-NOPE-01.x"), bad.err());
    }

    @Test
    void theExamplesBacktestCleanly() {
        Cli.Result r = Cli.run("backtest", "-t", Cli.EXAMPLES.resolve("transactions.csv").toString(),
                "-p", Cli.EXAMPLES.resolve("profiles.csv").toString(), "-l", Cli.EXAMPLES.resolve("labels.csv").toString(),
                "-o", dir.resolve("a.jsonl").toString(), "--progress", "plain");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Alerts: 1 on 1 of 2 accounts"), r.out());
    }
}
