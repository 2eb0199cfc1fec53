package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.htscreen.avro.Transaction;
import org.htscreen.core.testkit.Tx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile values in the workbench's input files, through the real command line on real files: each one is a
 * located {@code file:line: field: reason} that counts against {@code --max-errors}, never a hang, an
 * out-of-memory error or a stack trace; an Error in a reader thread ends the run at once with {@code exit 2}.
 */
@Timeout(120)
class HostileInputTest {

    @TempDir
    Path dir;

    private static final String GOOD_1 = "{\"txId\":\"ok-1\",\"eventTime\":\"2026-03-02T10:00:00Z\",\"amount\":\"180.00\","
            + "\"currency\":\"EUR\",\"channel\":\"ATM_DEPOSIT\",\"direction\":\"INBOUND\",\"originator\":{},"
            + "\"beneficiary\":{\"accountId\":\"CY-ACC-1\",\"partyId\":\"P-1\"}}";

    private static String tx(String id, String field, String jsonValue) {
        String line = GOOD_1.replace("\"ok-1\"", "\"" + id + "\"");
        if (field == null) {
            return line;
        }
        int at = line.indexOf("\"" + field + "\":");
        if (at < 0) {
            return line.substring(0, line.length() - 1) + ",\"" + field + "\":" + jsonValue + "}";
        }
        int start = at + field.length() + 3;
        int end = line.indexOf(',', start);
        return line.substring(0, start) + jsonValue + line.substring(end);
    }

    private Path file(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    private Cli.Result backtest(Path tx, Path profiles, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("backtest", "-t", tx.toString(), "-o",
                dir.resolve("alerts.jsonl").toString(), "--progress", "none", "--threads", "2"));
        if (profiles != null) {
            args.addAll(List.of("-p", profiles.toString()));
        }
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static void assertLocated(Cli.Result r, String location, String field) {
        assertTrue(r.err().contains(location + ": " + field + ": "), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
        assertFalse(r.err().contains("Exception:") && r.err().contains("\n\tat"), r.toString());
    }

    @Test
    void an_amount_with_a_huge_exponent_is_a_located_error_not_a_hang() throws IOException {
        Path f = file("tx.jsonl", tx("ok-1", null, null), tx("big", "amount", "\"1e100000000\""),
                tx("big2", "amount", "1e999999999"), tx("ok-2", null, null));
        Cli.Result stop = backtest(f, null);
        assertEquals(2, stop.code(), stop.toString());
        assertLocated(stop, f + ":2", "amount");
        Cli.Result skip = backtest(f, null, "--max-errors", "2");
        assertEquals(1, skip.code(), skip.toString());
        assertLocated(skip, f + ":2", "amount");
        assertLocated(skip, f + ":3", "amount");
        assertTrue(skip.out().contains("Backtest: 2 transactions"), skip.out());
    }

    @Test
    void an_event_time_beyond_the_epoch_millis_range_is_a_located_error() throws IOException {
        Path f = file("tx.jsonl", tx("ok-1", null, null), tx("far", "eventTime", "\"+999999999-12-31T23:59:59Z\""),
                tx("far2", "eventTime", "9223372036854775807"));
        Cli.Result skip = backtest(f, null, "--max-errors", "5");
        assertEquals(1, skip.code(), skip.toString());
        assertLocated(skip, f + ":2", "eventTime");
        assertLocated(skip, f + ":3", "eventTime");
    }

    @Test
    void invalid_opening_hours_are_located_errors_that_count_against_max_errors() throws IOException {
        Path tx = file("tx.jsonl", tx("ok-1", null, null));
        String[] bad = {"25:00-26:00", "9-17", "9:00-18:00", "09.00-18.00", "ab-cd", "abc", "", "09:00-12:00-18:00"};
        String[] lines = new String[bad.length + 1];
        for (int i = 0; i < bad.length; i++) {
            lines[i] = "{\"partyId\":\"B-" + i + "\",\"updatedAt\":\"2026-03-01T00:00:00Z\",\"kind\":\"BUSINESS\","
                    + "\"accountIds\":[\"CY-ACC-" + i + "\"],\"openingHours\":\"" + bad[i] + "\"}";
        }
        lines[bad.length] = "{\"partyId\":\"B-24\",\"updatedAt\":\"2026-03-01T00:00:00Z\",\"kind\":\"BUSINESS\","
                + "\"accountIds\":[\"CY-ACC-1\"],\"openingHours\":\"00:00-24:00\"}";
        Path profiles = file("profiles.jsonl", lines);
        Cli.Result stop = backtest(tx, profiles);
        assertEquals(2, stop.code(), stop.toString());
        assertLocated(stop, profiles + ":1", "openingHours");
        Cli.Result skip = backtest(tx, profiles, "--max-errors", String.valueOf(bad.length));
        assertEquals(1, skip.code(), skip.toString());
        for (int i = 0; i < bad.length; i++) {
            assertLocated(skip, profiles + ":" + (i + 1), "openingHours");
        }
        assertTrue(skip.out().contains("1 profiles"), skip.out());
        Cli.Result over = backtest(tx, profiles, "--max-errors", String.valueOf(bad.length - 1));
        assertEquals(2, over.code(), over.toString());
    }

    @Test
    void an_unterminated_quote_in_a_large_csv_is_one_located_error_and_later_rows_are_read() throws IOException {
        Path f = dir.resolve("tx.csv");
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("txId,eventTime,amount,currency,channel,direction,beneficiary.accountId,reference\n");
            w.write("ok-0,2026-03-02T10:00:00Z,10.00,EUR,ATM_DEPOSIT,INBOUND,CY-ACC-1,fine\n");
            w.write("bad,2026-03-02T10:00:01Z,10.00,EUR,ATM_DEPOSIT,INBOUND,CY-ACC-1,\"never closed\n");
            for (int i = 1; i <= 60_000; i++) {   // about 4 MB after the quote
                w.write("ok-" + i + ",2026-03-02T10:00:02Z,10.00,EUR,ATM_DEPOSIT,INBOUND,CY-ACC-1,rent\n");
            }
        }
        Cli.Result skip = backtest(f, null, "--max-errors", "1");
        assertEquals(1, skip.code(), skip.toString());
        assertLocated(skip, f + ":3", "-");
        assertTrue(skip.err().contains("unterminated"), skip.err());
        // the rows swallowed by the open quote up to the cap are lost (and said so); the rest are screened
        long screened = Long.parseLong(skip.out().replaceAll("(?s).*Backtest: ([0-9,]+) transactions.*", "$1")
                .replace(",", ""));
        assertTrue(screened > 40_000, skip.out());
    }

    @Test
    void values_quoted_in_messages_are_truncated() throws IOException {
        String huge = "SIDEWAYS".repeat(20_000);
        Path f = file("tx.jsonl", tx("odd", "direction", "\"" + huge + "\""));
        Cli.Result stop = backtest(f, null);
        assertEquals(2, stop.code(), stop.toString());
        assertLocated(stop, f + ":1", "direction");
        assertTrue(stop.err().contains("direction: '" + huge.substring(0, 40) + "...' (160,000 chars) is not one of"),
                stop.err());
        assertTrue(stop.err().length() < 2_000, "message length " + stop.err().length());
    }

    @Test
    void a_very_long_line_is_a_located_error() throws IOException {
        String huge = "x".repeat(3 << 20);
        Path f = file("tx.jsonl", tx("long", "reference", "\"" + huge + "\""), tx("ok-2", null, null));
        Cli.Result skip = backtest(f, null, "--max-errors", "1");
        assertEquals(1, skip.code(), skip.toString());
        assertTrue(skip.err().contains(f + ":1: "), skip.toString());
        assertTrue(skip.out().contains("Backtest: 1 transactions"), skip.out());
        assertTrue(skip.err().length() < 2_000, "message length " + skip.err().length());
    }

    @Test
    void an_avro_string_of_absurd_declared_length_stops_the_run_with_exit_2_at_once() throws IOException {
        // an Avro string whose declared length is 2^31 - 9 in a block of a few hundred bytes
        Path f = dir.resolve("tx.avro");
        String marker = "@@@@@@@@";
        try (DataFileWriter<Transaction> w = new DataFileWriter<>(new SpecificDatumWriter<>(Transaction.class))) {
            w.create(Transaction.getClassSchema(), f.toFile());
            w.append(Tx.cashDeposit("CY-ACC-1", 10).id("ok-1").build());
            w.append(Tx.cashDeposit("CY-ACC-1", 10).id(marker).build());
        }
        byte[] bytes = Files.readAllBytes(f);
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, m);
        assertEquals(2 * marker.length(), bytes[at - 1], "zig-zag length byte before the marker");
        long zigzag = 2L * (Integer.MAX_VALUE - 8);
        int p = at - 1;
        for (int i = 0; i < 5; i++) {   // a 5-byte varint replaces the length byte and 4 marker bytes
            bytes[p++] = (byte) (i < 4 ? (zigzag & 0x7F) | 0x80 : zigzag & 0x7F);
            zigzag >>>= 7;
        }
        Files.write(f, bytes);
        long t0 = System.nanoTime();
        Cli.Result r = backtest(f, null, "--max-errors", "10");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("exit 2: ")), r.toString());
        assertTrue(r.err().contains(f + ":2: -: unreadable Avro record"), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
        assertTrue((System.nanoTime() - t0) / 1e9 < 60, "ends at once");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("marker not found");
    }
}
