package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.InputError;
import org.htscreen.workbench.io.RecordSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties of the readers and the backtest over generated hostile files (seeded: the same files every run).
 * Valid lines are mutated with hostile values, unknown and missing fields and cut lines. Every line is either a
 * record or one located bad line; the command line ends with exit 0 or 1, lists every bad line as
 * {@code file:line: field: reason}, prints no stack trace, and accounts for every line.
 */
@Timeout(300)
class HostileReadersPropertiesTest {

    /** Lines per generated file. */
    static final int LINES = 300;
    static final long SEED = 0x1157_0001L;

    @TempDir
    Path dir;

    private static final String TX = "{\"txId\":\"t-%d\",\"eventTime\":\"2026-03-%02dT%02d:%02d:00Z\",\"zoneId\":\"Asia/Nicosia\","
            + "\"status\":\"BOOKED\",\"amount\":\"%d.50\",\"currency\":\"EUR\",\"channel\":\"CASH_BRANCH\","
            + "\"direction\":\"INBOUND\",\"originator\":{\"partyId\":\"walk-in\",\"name\":\"A. Person\"},"
            + "\"beneficiary\":{\"accountId\":\"CY-ACC-%d\",\"partyId\":\"P-%d\"},\"terminal\":{\"id\":\"BR-1\","
            + "\"city\":\"Limassol\",\"whiteLabel\":false},\"reference\":\"deposit (takings)\",\"deviceId\":null}";

    private static final String PROFILE = "{\"partyId\":\"P-%d\",\"updatedAt\":\"2026-02-01T00:00:00Z\",\"kind\":\"BUSINESS\","
            + "\"accountIds\":[\"CY-ACC-%d\"],\"declaredMonthlyIncome\":\"8000.00\",\"onboardingDate\":\"2019-05-01\","
            + "\"addressHash\":\"addr-%d\",\"phoneHash\":\"ph-%d\",\"deviceIds\":[\"DEV-%d\"],\"accountHolderCount\":1,"
            + "\"sector\":\"96.04\",\"employeeCount\":4,\"openingHours\":\"09:00-18:00\",\"birthYear\":null}";

    private static final String[] VALUES = {"\"1e100000000\"", "1e999999999", "-1", "0", "null", "\"\"", "\" \"",
        "\"+999999999-12-31T23:59:59Z\"", "9223372036854775807", "99999999999999999999999", "{}", "[]", "true",
        "\"25:00-26:00\"", "\"00:00-24:00\"", "\"9-17\"", "\"\\u0000\"", "\"SIDEWAYS\"", "1.5e-400", "\"0.001\"",
        "\"d41d8cd98f00b204e9800998ecf8427e\"", "[\"\",null]", "\"2026-13-45\"", "\"x\"", "-0.0", "\"NaN\"",
        "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]"};

    /** A line with 0 to 3 hostile mutations: a value replaced, a field added or dropped, the line cut. */
    static String mutate(String line, Random r) {
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(6)) {
                case 0, 1, 2: {   // replace the value of a random field
                    List<int[]> spots = new ArrayList<>();
                    Matcher m = Pattern.compile("\"[A-Za-z]+\":(\"[^\"]*\"|[^,{}\\[\\]]+|\\[[^\\]]*\\])").matcher(line);
                    while (m.find()) {
                        spots.add(new int[] {m.start(1), m.end(1)});
                    }
                    if (!spots.isEmpty()) {
                        int[] s = spots.get(r.nextInt(spots.size()));
                        String v = r.nextInt(10) == 0 ? "\"" + "y".repeat(1 + r.nextInt(40_000)) + "\""
                                : VALUES[r.nextInt(VALUES.length)];
                        line = line.substring(0, s[0]) + v + line.substring(s[1]);
                    }
                    break;
                }
                case 3:
                    line = line.substring(0, line.length() - 1) + ",\"" + (r.nextBoolean() ? "nope" : "é".repeat(500))
                            + "\":1}";
                    break;
                case 4:
                    line = line.replaceFirst("\"[A-Za-z]+\":(\"[^\"]*\"|[^,{}\\[\\]]+),", "");
                    break;
                default:
                    line = line.substring(0, r.nextInt(line.length()));
                    break;
            }
        }
        return line.isBlank() ? "{}" : line;
    }

    private Path write(String name, String template, int args, Random r) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            Object[] a = args == 6 ? new Object[] {i, 2 + i / 24 % 20, i % 24, i % 60, 10 + i % 900, i % 40, i % 40}
                    : new Object[] {i % 40, i % 40, i, i, i};
            lines.add(mutate(String.format(template, a), r));
        }
        Path f = dir.resolve(name);
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    private static <T extends SpecificRecord> int[] read(Path f, Schema schema) throws IOException {
        long lines = Files.readString(f, StandardCharsets.UTF_8).lines().count();
        List<InputError> bad = new ArrayList<>();
        int records = 0;
        try (RecordSource<T> src = RecordSource.open(f, null, schema, new ErrorPolicy(Long.MAX_VALUE, bad::add))) {
            while (src.next() != null) {
                records++;
            }
        }
        for (InputError e : bad) {
            assertTrue(e.line() >= 1 && e.line() <= lines, e.toString());
            assertTrue(e.toString().length() < 1_500, "bounded: " + e.toString().length());
        }
        return new int[] {records, bad.size()};
    }

    @Test
    void every_hostile_line_is_a_record_or_one_located_bad_line_and_the_backtest_accounts_for_all() throws IOException {
        Random r = new Random(SEED);
        Path tx = write("tx.jsonl", TX, 6, r);
        Path profiles = write("profiles.jsonl", PROFILE, 5, r);
        int[] t = read(tx, Transaction.getClassSchema());
        int[] p = read(profiles, PartyProfile.getClassSchema());
        assertEquals(LINES, t[0] + t[1], "transaction lines: records + bad lines");
        assertEquals(LINES, p[0] + p[1], "profile lines: records + bad lines");
        assertTrue(t[0] > LINES / 10 && t[1] > LINES / 10, "a mix of good and bad lines: " + t[0] + "/" + t[1]);

        Cli.Result run = Cli.run("backtest", "-t", tx.toString(), "-p", profiles.toString(), "-o",
                dir.resolve("alerts.jsonl").toString(), "--progress", "none", "--threads", "2", "--max-errors",
                "100000");
        assertTrue(run.code() == 1, run.toString());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
        Pattern located = Pattern.compile("^skipped (" + Pattern.quote(tx.toString()) + "|"
                + Pattern.quote(profiles.toString()) + "):[0-9]+: [^:]+: .+$");
        long skipped = run.err().lines().filter(l -> l.startsWith("skipped ")).peek(l ->
                assertTrue(located.matcher(l).matches(), "not located: " + l)).count();
        Matcher m = Pattern.compile("Backtest: ([0-9,]+) transactions, ([0-9,]+) profiles").matcher(run.out());
        assertTrue(m.find(), run.out());
        long screened = Long.parseLong(m.group(1).replace(",", ""));
        long stored = Long.parseLong(m.group(2).replace(",", ""));
        assertEquals(2L * LINES, screened + stored + skipped, "every line screened, stored or listed: " + run.out());
    }

    @Test
    void hostile_csv_cells_end_in_located_bad_lines_never_a_crash() throws IOException {
        Random r = new Random(SEED + 1);
        String[] cells = {"\"never closed", "a\"b", "\"x\"y", "1e100000000", ",,,", "\"\"", "+999999999-12-31T23:59:59Z",
            "25:00-26:00", "SIDEWAYS", "x|y|", "\"multi\nline\"", "9".repeat(5_000), "-1"};
        StringBuilder sb = new StringBuilder("txId,eventTime,amount,currency,channel,direction,beneficiary.accountId,"
                + "reference\n");
        for (int i = 0; i < LINES; i++) {
            String[] row = {"c-" + i, "2026-03-02T10:00:00Z", "10.00", "EUR", "ATM_DEPOSIT", "INBOUND", "CY-ACC-" + i % 30,
                "rent"};
            for (int k = r.nextInt(3); k > 0; k--) {
                row[r.nextInt(row.length)] = cells[r.nextInt(cells.length)];
            }
            sb.append(String.join(",", row)).append('\n');
        }
        Path f = dir.resolve("tx.csv");
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        read(f, Transaction.getClassSchema());
        Cli.Result run = Cli.run("backtest", "-t", f.toString(), "-o", dir.resolve("a.jsonl").toString(), "--progress",
                "none", "--max-errors", "100000");
        assertTrue(run.code() == 1, run.toString());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
        Pattern located = Pattern.compile("^skipped " + Pattern.quote(f.toString()) + ":[0-9]+: [^:]+: .+$");
        run.err().lines().filter(l -> l.startsWith("skipped ")).forEach(l ->
                assertTrue(located.matcher(l).matches(), "not located: " + l));
    }
}
