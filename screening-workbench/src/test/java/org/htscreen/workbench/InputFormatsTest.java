package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Channel;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Transaction;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.Format;
import org.htscreen.workbench.io.InputError;
import org.htscreen.workbench.io.InputException;
import org.htscreen.workbench.io.RecordSink;
import org.htscreen.workbench.io.RecordSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Avro, JSON Lines and CSV input: the same records from each, and every bad line located. */
class InputFormatsTest {

    @TempDir
    Path dir;

    static <T extends SpecificRecord> List<T> read(Path file, Schema schema, ErrorPolicy errors) {
        List<T> out = new ArrayList<>();
        try (RecordSource<T> src = RecordSource.open(file, null, schema, errors)) {
            T r;
            while ((r = src.next()) != null) {
                out.add(r);
            }
        }
        return out;
    }

    static List<InputError> collect(List<InputError> into) {
        return into;
    }

    @Test
    void theExampleFilesHoldTheSameRecordsInEveryFormat() {
        List<Transaction> jsonl = read(Cli.EXAMPLES.resolve("transactions.jsonl"), Transaction.getClassSchema(), ErrorPolicy.strict());
        List<Transaction> csv = read(Cli.EXAMPLES.resolve("transactions.csv"), Transaction.getClassSchema(), ErrorPolicy.strict());
        List<Transaction> avro = read(Cli.EXAMPLES.resolve("transactions.avro"), Transaction.getClassSchema(), ErrorPolicy.strict());
        assertEquals(10, jsonl.size());
        assertEquals(jsonl, csv);
        assertEquals(jsonl, avro);
        Transaction pos = jsonl.stream().filter(t -> t.getTxId().equals("pos-1")).findFirst().orElseThrow();
        assertEquals(Instant.parse("2026-03-03T14:12:00Z"), pos.getEventTime(), "offset +02:00 converted to UTC");
        assertEquals(new BigDecimal("42.50"), pos.getAmount(), "decimal scaled to the schema's 2 places");
        assertEquals(Channel.CARD_PRESENT, pos.getChannel());
        assertEquals("5411", pos.getMerchant().getMcc());
        assertEquals("Asia/Nicosia", pos.getZoneId(), "absent field takes the schema default");

        List<PartyProfile> pj = read(Cli.EXAMPLES.resolve("profiles.jsonl"), PartyProfile.getClassSchema(), ErrorPolicy.strict());
        List<PartyProfile> pc = read(Cli.EXAMPLES.resolve("profiles.csv"), PartyProfile.getClassSchema(), ErrorPolicy.strict());
        List<PartyProfile> pa = read(Cli.EXAMPLES.resolve("profiles.avro"), PartyProfile.getClassSchema(), ErrorPolicy.strict());
        assertEquals(pj, pc);
        assertEquals(pj, pa);
        assertEquals(List.of("DEV-2", "DEV-3"), pj.get(1).getDeviceIds(), "CSV arrays are |-separated");
    }

    @Test
    void writtenFilesReadBackEqualInEveryFormat() throws IOException {
        List<Transaction> txs = TestData.transactions();
        for (Format f : Format.values()) {
            Path file = dir.resolve("t" + f.extension() + (f == Format.AVRO ? "" : ".gz"));
            try (RecordSink<Transaction> s = RecordSink.create(file, null, Transaction.getClassSchema())) {
                txs.forEach(s::write);
            }
            assertEquals(txs, read(file, Transaction.getClassSchema(), ErrorPolicy.strict()), f.name());
        }
    }

    private List<InputError> errorsOf(String name, String content, long maxErrors, int[] good) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        List<InputError> errors = new ArrayList<>();
        List<Transaction> ok = read(f, Transaction.getClassSchema(), new ErrorPolicy(maxErrors, errors::add));
        good[0] = ok.size();
        return errors;
    }

    static final String GOOD_JSON = "{\"txId\":\"t1\",\"eventTime\":\"2026-03-02T21:30:00Z\",\"amount\":\"180.00\","
            + "\"currency\":\"EUR\",\"channel\":\"ATM_DEPOSIT\",\"direction\":\"INBOUND\",\"originator\":{},"
            + "\"beneficiary\":{\"accountId\":\"A1\"}}";

    @Test
    void badJsonLinesAreReportedWithFileLineFieldAndReason() throws IOException {
        String content = GOOD_JSON + "\n"
                + GOOD_JSON.replace("ATM_DEPOSIT", "ATM_DEPOSITS") + "\n"                    // line 2: enum
                + "\n"                                                                      // line 3: blank, ignored
                + GOOD_JSON.replace("2026-03-02T21:30:00Z", "2026-03-02 21:30") + "\n"       // line 4: timestamp
                + GOOD_JSON.replace("\"180.00\"", "180.005") + "\n"                           // line 5: decimals
                + GOOD_JSON.replace("\"currency\":\"EUR\",", "") + "\n"                       // line 6: missing
                + GOOD_JSON.replace("\"accountId\":\"A1\"", "\"acountId\":\"A1\"") + "\n"       // line 7: unknown field
                + "{not json\n"                                                             // line 8
                + GOOD_JSON.replace("t1", "t9") + "\n";
        int[] good = new int[1];
        List<InputError> errors = errorsOf("tx.jsonl", content, 10, good);
        assertEquals(2, good[0]);
        assertEquals(6, errors.size(), errors.toString());
        Path f = dir.resolve("tx.jsonl");
        assertEquals(new InputError(f.toString(), 2, "channel", errors.get(0).reason()), errors.get(0));
        assertTrue(errors.get(0).reason().contains("'ATM_DEPOSITS' is not one of"), errors.get(0).reason());
        assertEquals(4, errors.get(1).line());
        assertEquals("eventTime", errors.get(1).field());
        assertTrue(errors.get(1).reason().contains("ISO-8601"));
        assertEquals(5, errors.get(2).line());
        assertEquals("amount", errors.get(2).field());
        assertTrue(errors.get(2).reason().contains("more than 2 decimals"));
        assertEquals("currency", errors.get(3).field());
        assertTrue(errors.get(3).reason().startsWith("missing"));
        assertEquals("beneficiary.acountId", errors.get(4).field());
        assertTrue(errors.get(4).reason().startsWith("unknown field"));
        assertEquals(8, errors.get(5).line());
        assertEquals("-", errors.get(5).field());
        assertTrue(errors.get(5).toString().startsWith(f + ":8: -: not valid JSON"), errors.get(5).toString());
    }

    @Test
    void badCsvLinesAreReportedWithFileLineFieldAndReason() throws IOException {
        String content = "txId,eventTime,amount,currency,channel,direction,beneficiary.accountId,reference\n"
                + "t1,2026-03-02T21:30:00Z,180.00,EUR,ATM_DEPOSIT,INBOUND,A1,\n"
                + "t2,2026-03-02T21:31:00Z,abc,EUR,ATM_DEPOSIT,INBOUND,A1,\n"                      // line 3
                + "t3,2026-03-02T21:32:00Z,10,EUR,ATM_DEPOSIT,INBOUND,A1,\"multi\nline, quoted\"\n"  // lines 4-5, good
                + "t4,2026-03-02T21:33:00Z,10,EUR,ATM_DEPOSIT,INBOUND\n"                            // line 6
                + "t5,2026-03-02T21:34:00Z,10,EUR,ATM_DEPOSIT,SIDEWAYS,A1,\n";                      // line 7
        int[] good = new int[1];
        List<InputError> errors = errorsOf("tx.csv", content, 10, good);
        assertEquals(2, good[0]);
        assertEquals(3, errors.size(), errors.toString());
        assertEquals(3, errors.get(0).line());
        assertEquals("amount", errors.get(0).field());
        assertTrue(errors.get(0).reason().contains("'abc'"));
        assertEquals(6, errors.get(1).line());
        assertTrue(errors.get(1).reason().contains("has 6 values, the header has 8"));
        assertEquals(7, errors.get(2).line());
        assertEquals("direction", errors.get(2).field());
    }

    @Test
    void aCsvHeaderWithAnUnknownColumnStopsAtLineOne() throws IOException {
        Path f = dir.resolve("h.csv");
        Files.writeString(f, "txId,eventTime,amout\nt1,2026-03-02T21:30:00Z,1\n");
        InputException e = assertThrows(InputException.class,
                () -> read(f, Transaction.getClassSchema(), new ErrorPolicy(100, x -> { })));
        assertTrue(e.getMessage().startsWith(f + ":1: amout: unknown column"), e.getMessage());
    }

    @Test
    void maxErrorsZeroStopsAtTheFirstBadLineAndNSkipsUpToN() throws IOException {
        String content = GOOD_JSON + "\n" + "{\n" + "[1]\n" + GOOD_JSON + "\n";
        Path f = dir.resolve("m.jsonl");
        Files.writeString(f, content);
        InputException stop = assertThrows(InputException.class,
                () -> read(f, Transaction.getClassSchema(), ErrorPolicy.strict()));
        assertTrue(stop.getMessage().startsWith(f + ":2: -: not valid JSON"), stop.getMessage());
        InputException over = assertThrows(InputException.class,
                () -> read(f, Transaction.getClassSchema(), new ErrorPolicy(1, x -> { })));
        assertTrue(over.getMessage().startsWith(f + ":3: -: expected a JSON object"), over.getMessage());
        ErrorPolicy two = new ErrorPolicy(2, x -> { });
        assertEquals(2, read(f, Transaction.getClassSchema(), two).size());
        assertEquals(2, two.skipped());
        assertEquals(List.of(2L, 3L), two.listed().stream().map(InputError::line).toList());
    }

    @Test
    void anAvroFileOfAnotherRecordTypeIsRefused() throws IOException {
        Path f = dir.resolve("p.avro");
        try (RecordSink<PartyProfile> s = RecordSink.create(f, null, PartyProfile.getClassSchema())) {
            s.write(TestData.profiles().get(0));
        }
        InputException e = assertThrows(InputException.class,
                () -> read(f, Transaction.getClassSchema(), ErrorPolicy.strict()));
        assertTrue(e.getMessage().contains("holds org.htscreen.avro.PartyProfile records, expected org.htscreen.avro.Transaction"),
                e.getMessage());
        Path junk = dir.resolve("junk.avro");
        Files.writeString(junk, "not avro");
        assertThrows(InputException.class, () -> read(junk, Transaction.getClassSchema(), ErrorPolicy.strict()));
        assertNull(null);
    }

    @Test
    void labelsAcceptTheDocumentedFormsAndLocateBadLines() throws IOException {
        Path f = dir.resolve("labels.csv");
        Files.writeString(f, "account_id,label,typology,role\nA,1,SEX,VICTIM\nA,yes,LABOUR_EXPLOITATION,\nB,0\n"
                + "C,maybe\nD,1,PIRACY,\nE,true\n");
        List<InputError> errors = new ArrayList<>();
        Labels l = Labels.read(f, new ErrorPolicy(5, errors::add));
        assertTrue(l.positive("A"));
        assertEquals(2, l.all().get("A").typologies().size());
        assertTrue(!l.positive("B"));
        assertTrue(l.positive("E"));
        assertTrue(l.positiveFor("E", org.htscreen.avro.Typology.SHAM_MARRIAGE), "no typology: counts for all");
        assertEquals(2, errors.size());
        assertEquals(5, errors.get(0).line());
        assertEquals("label", errors.get(0).field());
        assertEquals(6, errors.get(1).line());
        assertEquals("typology", errors.get(1).field());
        assertEquals(2, l.positives());
    }

    @Test
    void alertsAreWrittenAsJsonWithAvroFieldNames() throws IOException {
        Path f = dir.resolve("a.jsonl");
        Alert a = Alert.newBuilder().setAlertId("id").setAccountId("A").setRoleHint(org.htscreen.avro.RoleHint.UNKNOWN)
                .setTypology(org.htscreen.avro.Typology.SEXUAL_EXPLOITATION).setScore(1.5).setThreshold(1.0)
                .setSignals(List.of()).setTriggeringTxId("t").setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH)
                .setRuleSetVersion("r").setParameterSetVersion("p").setEventTime(Instant.parse("2026-03-02T21:30:00Z"))
                .setProcessingTime(Instant.EPOCH).build();
        try (RecordSink<Alert> s = RecordSink.create(f, Format.JSONL, Alert.getClassSchema())) {
            s.write(a);
        }
        String line = Files.readString(f).strip();
        assertTrue(line.contains("\"typology\":\"SEXUAL_EXPLOITATION\""), line);
        assertTrue(line.contains("\"eventTime\":\"2026-03-02T21:30:00Z\""), line);
        assertEquals(a, read(f, Alert.getClassSchema(), ErrorPolicy.strict()).get(0), "round trip");
    }
}
