package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code goaml} on the alerts a backtest of the example files writes: one valid STR draft per alert. */
class GoamlCommandTest {

    /** The goAML schema in the shared domain notes next to the project. */
    static final Path XSD = Cli.ROOT.getParent().resolve("shared/domain/goaml/goAMLSchema-5.0.1.xsd");

    @TempDir
    static Path dir;
    static Path alerts;

    @BeforeAll
    static void backtestTheExamples() {
        alerts = dir.resolve("alerts.jsonl");
        Cli.Result r = Cli.run("backtest", "-t", Cli.EXAMPLES.resolve("transactions.csv").toString(),
                "-p", Cli.EXAMPLES.resolve("profiles.csv").toString(), "-o", alerts.toString(), "--progress", "none");
        assertEquals(0, r.code(), r.toString());
    }

    static List<Path> drafts(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().startsWith("STR-")).sorted().toList();
        }
    }

    @Test
    void one_valid_draft_per_alert_with_the_entity_and_the_evidence_transactions() throws Exception {
        Path out = dir.resolve("str");
        Cli.Result r = Cli.run("goaml", "--alerts", alerts.toString(),
                "-t", Cli.EXAMPLES.resolve("transactions.csv").toString(),
                "-p", Cli.EXAMPLES.resolve("profiles.csv").toString(),
                "--entity", Cli.EXAMPLES.resolve("reporting-entity.yaml").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> lines = Files.readAllLines(alerts);
        assertEquals(1, lines.size(), "the examples raise one alert");
        JsonNode alert = new ObjectMapper().readTree(lines.get(0));
        List<Path> files = drafts(out);
        assertEquals(List.of(out.resolve("STR-" + alert.get("alertId").asText() + ".xml")), files);
        assertTrue(r.out().contains("1 STR drafts written to"), r.out());
        String xml = Files.readString(files.get(0));
        assertTrue(xml.contains("<rentity_id>4711</rentity_id>"), xml);
        assertTrue(xml.contains("<report_code>STR</report_code>"));
        assertTrue(xml.contains("<t_to_my_client>"), "deposits into the bank's client's account");
        assertTrue(xml.contains("<account>CY-ACC-000001</account>"));
        for (JsonNode id : alert.get("signals").get(0).get("evidenceTxIds")) {
            assertTrue(xml.contains("<transactionnumber>" + id.asText() + "</transactionnumber>"), id.asText());
        }
        assertTrue(xml.contains("HT-CASH-01"), "the reason names the indicators");
        assertTrue(xml.contains("Possible victims: the persons who paid money in (walk-in-0, walk-in-1"), xml);
        assertTrue(xml.contains("they are described, not reported as suspects"));
        assertTrue(xml.contains("<first_name>UNKNOWN</first_name>") && xml.contains("<ssn>UNKNOWN</ssn>"),
                "names and ID numbers are placeholders");
        assertTrue(xml.contains("<indicator>-</indicator>"), "the default code table");
        assertTrue(xml.contains("Draft notes (remove before submission)"));
        if (Files.isRegularFile(XSD)) {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(XSD.toFile()).newValidator()
                    .validate(new StreamSource(files.get(0).toFile()));
        }
    }

    @Test
    void the_xsd_option_validates_every_draft() {
        assumeTrue(Files.isRegularFile(XSD), "skipped: the goAML schema is not at " + XSD);
        Path out = dir.resolve("str-xsd");
        Cli.Result r = Cli.run("goaml", "--alerts", alerts.toString(),
                "-t", Cli.EXAMPLES.resolve("transactions.csv").toString(), "--xsd", XSD.toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Placeholders for the reporting entity"), r.out());
    }

    @Test
    void a_draft_that_fails_the_xsd_is_not_written_and_listed_with_exit_1() throws IOException {
        assumeTrue(Files.isRegularFile(XSD), "skipped: the goAML schema is not at " + XSD);
        // an FIU schema whose indicator list lacks goAML's unknown code, which the default code table uses
        String xsd = Files.readString(XSD);
        int at = xsd.indexOf("<xs:simpleType name=\"report_indicator_type\">");
        int dash = xsd.indexOf("<xs:enumeration value=\"-\" />", at);
        Path fiu = dir.resolve("fiu.xsd");
        Files.writeString(fiu, xsd.substring(0, dash) + "<xs:enumeration value=\"HT1\" />"
                + xsd.substring(dash + "<xs:enumeration value=\"-\" />".length()));
        Path out = dir.resolve("str-fiu");
        Cli.Result r = Cli.run("goaml", "--alerts", alerts.toString(),
                "-t", Cli.EXAMPLES.resolve("transactions.csv").toString(), "--xsd", fiu.toString(),
                "--out", out.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("not drafted: STR-") && r.err().contains("not valid against"), r.err());
        assertTrue(drafts(out).isEmpty());
    }

    @Test
    void an_alert_whose_transactions_are_missing_is_listed_and_exits_1() throws IOException {
        // an alert written before alerts carried their evidence, with no transaction file that has its transactions
        JsonNode alert = new ObjectMapper().readTree(Files.readAllLines(alerts).get(0));
        ((com.fasterxml.jackson.databind.node.ObjectNode) alert).remove("evidence");
        Path old = dir.resolve("old-alerts.jsonl");
        Files.writeString(old, alert + "\n");
        Path none = dir.resolve("no-tx.jsonl");
        Files.writeString(none, "");
        Cli.Result r = Cli.run("goaml", "--alerts", old.toString(), "-t", none.toString(), "--out",
                dir.resolve("str-missing").toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("not drafted: alert " + alert.get("alertId").asText()), r.err());
        assertTrue(r.err().trim().endsWith("exit 1: 1 of 1 alerts could not be drafted (listed above)"), r.err());
    }

    @Test
    void a_bad_entity_file_is_a_usage_error_naming_the_key_and_line() throws IOException {
        Path bad = dir.resolve("bad-entity.yaml");
        Files.writeString(bad, "rentity_id: 7\ninstitution: Example\n");
        Cli.Result r = Cli.run("goaml", "--alerts", alerts.toString(),
                "-t", Cli.EXAMPLES.resolve("transactions.csv").toString(), "--entity", bad.toString(),
                "--out", dir.resolve("str-bad").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("line 2: unknown key 'institution'"), r.err());
        assertTrue(r.err().trim().endsWith("exit 2: usage error"), r.err());
    }
}
