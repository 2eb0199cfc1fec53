package org.htscreen.report.goaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Channel;
import org.htscreen.avro.Direction;
import org.htscreen.avro.PartyKind;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.PartyType;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Terminal;
import org.htscreen.avro.Transaction;
import org.htscreen.avro.TransactionParty;
import org.htscreen.avro.Typology;
import org.htscreen.core.ScreeningEngine;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * goAML STR drafts of real engine alerts validate against the goAML 5.0.1 schema, hostile text included. The schema
 * is read from the shared domain notes next to the project; the validating tests are skipped when it is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoamlStrWriterTest {

    /** The goAML schema, relative to the screening-report module directory. */
    static final Path XSD = Path.of("..", "..", "shared", "domain", "goaml", "goAMLSchema-5.0.1.xsd");
    static final Path SAMPLE_REPORT = XSD.resolveSibling("sample-report.xml");
    static final Path ENTITY = Path.of("..", "docs", "examples", "reporting-entity.yaml");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC);

    private Sample sample;
    private final List<Alert> alerts = new ArrayList<>();
    private final ReportInputs inputs = new ReportInputs();

    @BeforeAll
    void screenSampleTraffic() {
        sample = SampleTraffic.generate(SampleConfig.small());
        try (ScreeningEngine engine = ScreeningEngine.builder().clock(() -> 0L).build()) {
            sample.profiles().forEach(engine::upsertProfile);
            for (Transaction t : sample.transactions()) {
                alerts.addAll(engine.screen(t).alerts());
            }
            alerts.addAll(engine.flush().alerts());
        }
        sample.profiles().forEach(inputs::add);
        sample.transactions().forEach(inputs::add);
    }

    static Validator validator() throws SAXException {
        assumeTrue(Files.isRegularFile(XSD), "skipped: the goAML 5.0.1 schema is not at " + XSD.toAbsolutePath());
        return validator(new StreamSource(XSD.toFile()));
    }

    static Validator validator(StreamSource xsd) throws SAXException {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = f.newSchema(xsd);
        return schema.newValidator();
    }

    static void assertValid(Validator v, byte[] xml, String what) {
        try {
            v.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException e) {
            throw new AssertionError(what + " is not valid goAML 5.0.1: " + e.getMessage() + "\n"
                    + new String(xml, StandardCharsets.UTF_8), e);
        }
    }

    static byte[] draft(GoamlStrWriter w, Alert a, ReportInputs in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.write(a, in, out);
        return out.toByteArray();
    }

    static Document parse(byte[] xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static String text(Document d, String tag) {
        return d.getElementsByTagName(tag).item(0).getTextContent();
    }

    @Test
    void the_validator_rejects_the_invalid_template_report() throws Exception {
        Validator v = validator();
        assumeTrue(Files.isRegularFile(SAMPLE_REPORT), "skipped: no sample-report.xml next to the schema");
        assertThrows(SAXException.class, () -> v.validate(new StreamSource(SAMPLE_REPORT.toFile())));
    }

    @Test
    void every_alert_of_the_sample_traffic_becomes_a_valid_str_draft() throws Exception {
        Validator v = validator();
        GoamlStrWriter w = new GoamlStrWriter(ReportingEntity.read(ENTITY), GoamlCodes.defaults(), CLOCK);
        Set<Typology> typologies = EnumSet.noneOf(Typology.class);
        Set<RoleHint> roles = EnumSet.noneOf(RoleHint.class);
        assertTrue(alerts.size() >= 5, "the sample raises alerts: " + alerts.size());
        for (Alert a : alerts) {
            byte[] xml = draft(w, a, inputs);
            assertValid(v, xml, "the draft of " + a.getAlertId() + " (" + a.getTypology() + ")");
            Document d = parse(xml);
            assertEquals("STR", text(d, "report_code"));
            assertEquals(a.getAlertId(), text(d, "entity_reference"));
            assertEquals("4711", text(d, "rentity_id"));
            assertEquals("2026-11-02T12:00:00", text(d, "report_date"), "local time in Nicosia");
            assertTrue(d.getElementsByTagName("transaction").getLength() >= 1);
            String reason = text(d, "reason");
            for (var s : a.getSignals()) {
                assertTrue(reason.contains(s.getRuleId() + " " + s.getTitle()), s.getRuleId() + " in " + reason);
            }
            int myClient = d.getElementsByTagName("t_from_my_client").getLength()
                    + d.getElementsByTagName("t_to_my_client").getLength();
            assertTrue(myClient >= d.getElementsByTagName("transaction").getLength(),
                    "the alerted account is the bank's on every transaction");
            typologies.add(a.getTypology());
            roles.add(a.getRoleHint());
        }
        assertTrue(typologies.size() >= 3, "several typologies: " + typologies);
        assertTrue(roles.contains(RoleHint.POSSIBLE_VICTIM) && roles.contains(RoleHint.SUSPECTED_CONTROLLER), roles.toString());
    }

    @Test
    void a_possible_victim_is_described_and_not_reported_as_the_suspect() throws Exception {
        GoamlStrWriter w = new GoamlStrWriter(ReportingEntity.read(ENTITY), GoamlCodes.defaults(), CLOCK);
        Alert victim = alerts.stream().filter(a -> a.getRoleHint() == RoleHint.POSSIBLE_VICTIM).findFirst().orElseThrow();
        Document d = parse(draft(w, victim, inputs));
        String reason = text(d, "reason");
        assertTrue(reason.contains("possible victim"), reason);
        assertTrue(reason.contains("not reported as a suspect"), reason);
        assertFalse(reason.contains("suspected controller"), reason);

        Alert controller = alerts.stream().filter(a -> a.getRoleHint() == RoleHint.SUSPECTED_CONTROLLER).findFirst()
                .orElseThrow();
        String r2 = text(parse(draft(w, controller, inputs)), "reason");
        assertTrue(r2.contains("is reported as the suspected controller"), r2);
    }

    @Test
    void the_alerted_account_is_my_client_and_an_outside_counterparty_is_not() throws Exception {
        Alert a = alerts.get(0);
        GoamlStrWriter w = new GoamlStrWriter(ReportingEntity.placeholder(), GoamlCodes.defaults(), CLOCK);
        Document d = parse(draft(w, a, inputs));
        var accounts = d.getElementsByTagName("to_account");
        var fromAccounts = d.getElementsByTagName("from_account");
        Set<String> mine = new HashSet<>();
        for (String tag : List.of("t_from_my_client", "t_to_my_client")) {
            var nodes = d.getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                var acc = ((org.w3c.dom.Element) nodes.item(i)).getElementsByTagName("account");
                if (acc.getLength() > 0) {
                    mine.add(acc.item(0).getTextContent());
                }
            }
        }
        assertTrue(mine.contains(a.getAccountId()), mine + " has " + a.getAccountId());
        assertTrue(accounts.getLength() + fromAccounts.getLength() >= 1);
        String reason = text(d, "reason");
        assertTrue(reason.contains("Reporting-entity fields with placeholders: rentity_id"), reason);
    }

    /** Cash deposits into one account at night in many towns, with hostile text everywhere a bank may send it. */
    static List<Transaction> hostileDeposits(String hostile) {
        List<Transaction> txs = new ArrayList<>();
        String[] towns = {"Limassol", "Larnaca", "Paphos", "Nicosia"};
        Instant night = Instant.parse("2026-03-02T21:30:00Z");
        for (int i = 0; i < 8; i++) {
            txs.add(Transaction.newBuilder()
                    .setTxId("dep-" + i + (i == 7 ? hostile.substring(0, 20) : ""))
                    .setEventTime(night.plusSeconds(43_200L * i))
                    .setAmount(new BigDecimal("180.00")).setCurrency(i == 3 ? "USD" : "EUR")
                    .setChannel(Channel.ATM_DEPOSIT).setDirection(Direction.INBOUND)
                    .setOriginator(TransactionParty.newBuilder().setPartyId("walk-in-" + i).setName(hostile)
                            .setType(PartyType.PERSON).build())
                    .setBeneficiary(TransactionParty.newBuilder().setAccountId("CY17-0001").setPartyId("P-1").build())
                    .setTerminal(Terminal.newBuilder().setId("ATM-" + i + hostile.substring(0, 40))
                            .setCity(towns[i % 4] + hostile).build())
                    .setReference(hostile)
                    .build());
        }
        // a transfer in from another account of the bank, and one from outside with a bad BIC
        txs.add(Transaction.newBuilder().setTxId("int-1").setEventTime(night.plusSeconds(43_200L * 8))
                .setAmount(new BigDecimal("50.00")).setCurrency("EUR").setChannel(Channel.INSTANT_PAYMENT)
                .setDirection(Direction.INTERNAL)
                .setOriginator(TransactionParty.newBuilder().setAccountId("CY17-0002").setPartyId("P-2").setName(hostile).build())
                .setBeneficiary(TransactionParty.newBuilder().setAccountId("CY17-0001").setPartyId("P-1").build())
                .setReference(hostile).build());
        return txs;
    }

    @Test
    void hostile_names_references_and_entity_fields_give_valid_escaped_drafts() throws Exception {
        Validator v = validator();
        String hostile = "<b>R&amp;D \"Ltd\" & Sons</b> ]]> \u0001\u0000\u0007\uD800 \u00e9\u20ac " + "Λεμεσός".repeat(60);
        List<Transaction> txs = hostileDeposits(hostile);
        PartyProfile holder = PartyProfile.newBuilder().setPartyId("P-1").setUpdatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setKind(PartyKind.PERSON).setAccountIds(List.of("CY17-0001")).setBirthYear(1999).setNationality("U<")
                .setOccupation(hostile).build();
        PartyProfile other = PartyProfile.newBuilder().setPartyId("P-2").setUpdatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setKind(PartyKind.PERSON).setAccountIds(List.of("CY17-0002")).build();
        List<Alert> raised = new ArrayList<>();
        try (ScreeningEngine engine = ScreeningEngine.builder().parameters(ParameterOverrides.parse("""
                version: one-family
                parameters:
                  engine:
                    min_families: 1
                """, "test.yaml")).clock(() -> 0L).build()) {
            engine.upsertProfile(holder);
            engine.upsertProfile(other);
            for (Transaction t : txs) {
                raised.addAll(engine.screen(t).alerts());
            }
        }
        assertFalse(raised.isEmpty(), "the deposits raise an alert");
        ReportInputs in = new ReportInputs().add(holder).add(other);
        txs.forEach(in::add);
        Path yaml = Files.createTempFile("entity", ".yaml");
        Files.writeString(yaml, """
                rentity_id: 12
                rentity_branch: "<branch> & \\u0001 %s"
                institution_name: "Bank & <Co>"
                institution_code: "A&B"
                reporting_person: {first_name: "<x>", last_name: "&y;"}
                location: {address: "%s", city: "]]>"}
                action: "%s"
                """.formatted("x".repeat(400), "long ".repeat(60), "restricted <account> & reported"));
        GoamlStrWriter w = new GoamlStrWriter(ReportingEntity.read(yaml), GoamlCodes.defaults(), CLOCK);
        for (Alert a : raised) {
            // the alert itself may carry hostile text too (a reason or id from a foreign system)
            a.setAlertId(a.getAlertId() + "<&>\u0002");
            byte[] xml = draft(w, a, in);
            assertValid(v, xml, "a draft with hostile text");
            Document d = parse(xml);
            String description = d.getElementsByTagName("transaction_description").item(0).getTextContent();
            assertTrue(description.contains("<b>R&amp;D \"Ltd\" & Sons</b> ]]>"), "escaped, not interpreted: " + description);
            assertTrue(text(d, "entity_reference").endsWith("<&> "), "control character replaced");
            assertEquals("restricted <account> & reported", text(d, "action"));
        }
        // an alert whose evidence includes the internal transfer: both sides are the bank's customers
        Alert withTransfer = Alert.newBuilder(raised.get(0)).build();
        withTransfer.getSignals().get(0).getEvidenceTxIds().add("int-1");
        byte[] xml = draft(w, withTransfer, in);
        assertValid(v, xml, "a draft with an internal transfer");
        Document d = parse(xml);
        var from = (org.w3c.dom.Element) d.getElementsByTagName("t_from_my_client").item(0);
        assertEquals("CY17-0002", from.getElementsByTagName("account").item(0).getTextContent());
        assertEquals("P-2", from.getElementsByTagName("client_number").item(0).getTextContent());
    }

    @Test
    void indicator_codes_come_from_the_configurable_table_and_validate_against_an_fius_schema() throws Exception {
        assumeTrue(Files.isRegularFile(XSD), "skipped: the goAML 5.0.1 schema is not at " + XSD.toAbsolutePath());
        Path table = Files.createTempFile("codes", ".yaml");
        Files.writeString(table, """
                indicators:
                  default: "HTX"
                  typologies: {SEXUAL_EXPLOITATION: "HTSE"}
                  families: {CASH: "CASH1"}
                  rules: {HT-CASH-02: "NIGHT"}
                transmode: {default: "-", channels: {ATM_DEPOSIT: "A"}}
                funds: {default: "-", channels: {ATM_DEPOSIT: "K"}}
                account_type: "-"
                account_status: "-"
                signatory_role: "-"
                contact_type: "-"
                communication_type: "-"
                """);
        GoamlCodes codes = GoamlCodes.read(table);
        // the FIU's schema: its own indicator list in place of the generic "-"
        Pattern p = Pattern.compile("(<xs:simpleType name=\"report_indicator_type\">\\s*<xs:restriction base=\"xs:string\">)");
        Matcher m = p.matcher(Files.readString(XSD));
        assertTrue(m.find(), "the schema defines report_indicator_type");
        String extended = m.replaceFirst(Matcher.quoteReplacement(m.group(1)
                + "<xs:enumeration value=\"HTSE\"/><xs:enumeration value=\"CASH1\"/><xs:enumeration value=\"NIGHT\"/>"
                + "<xs:enumeration value=\"HTX\"/>"));
        Validator fiu = validator(new StreamSource(new StringReader(extended)));
        GoamlStrWriter w = new GoamlStrWriter(ReportingEntity.read(ENTITY), codes, CLOCK);
        Alert sex = alerts.stream().filter(a -> a.getTypology() == Typology.SEXUAL_EXPLOITATION
                && a.getSignals().stream().anyMatch(s -> s.getFamily().equals("CASH"))).findFirst().orElseThrow();
        byte[] xml = draft(w, sex, inputs);
        assertValid(fiu, xml, "a draft with the FIU's indicator codes");
        Document d = parse(xml);
        var ind = d.getElementsByTagName("indicator");
        List<String> got = new ArrayList<>();
        for (int i = 0; i < ind.getLength(); i++) {
            got.add(ind.item(i).getTextContent());
        }
        assertEquals("HTSE", got.get(0), "the typology's code first");
        assertTrue(got.contains("CASH1") || got.contains("NIGHT"), got.toString());
        assertEquals(new HashSet<>(got).size(), got.size(), "no duplicates: " + got);
        assertEquals(codes.indicators(sex), got);
        // and the generic schema rejects them: the codes really are the FIU's
        assertThrows(AssertionError.class, () -> assertValid(validator(), xml, "generic"));
    }

    @Test
    void iso_codes_the_writer_accepts_are_in_the_goaml_lists() throws Exception {
        assumeTrue(Files.isRegularFile(XSD), "skipped: the goAML 5.0.1 schema is not at " + XSD.toAbsolutePath());
        String xsd = Files.readString(XSD);
        Set<String> currencies = enumeration(xsd, "currency_type");
        Set<String> countries = enumeration(xsd, "country_type");
        for (java.util.Currency c : java.util.Currency.getAvailableCurrencies()) {
            if (Codes.isCurrency(c.getCurrencyCode())) {
                assertTrue(currencies.contains(c.getCurrencyCode()), c.getCurrencyCode());
            }
        }
        for (String c : java.util.Locale.getISOCountries()) {
            assertTrue(!Codes.isCountry(c) || countries.contains(c), c);
        }
        assertTrue(Codes.isCurrency("EUR") && Codes.isCurrency("USD") && !Codes.isCurrency("MRU"));
    }

    private static Set<String> enumeration(String xsd, String type) {
        int i = xsd.indexOf("<xs:simpleType name=\"" + type + "\">");
        int j = xsd.indexOf("</xs:simpleType>", i);
        Set<String> out = new HashSet<>();
        Matcher m = Pattern.compile("value=\"([^\"]*)\"").matcher(xsd.substring(i, j));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void without_transaction_files_the_alerts_evidence_records_are_reported() throws Exception {
        Validator v = validator();
        Alert a = alerts.get(0);
        GoamlStrWriter w = new GoamlStrWriter(ReportingEntity.read(ENTITY), GoamlCodes.defaults(), CLOCK);
        byte[] xml = draft(w, a, new ReportInputs());
        assertValid(v, xml, "a draft from the alert alone");
        Document d = parse(xml);
        Set<String> ids = new HashSet<>();
        a.getEvidence().forEach(ev -> ev.getTransactions().forEach(t -> ids.add(t.getTxId())));
        assertEquals(ids.size(), d.getElementsByTagName("transaction").getLength());
    }

    @Test
    void the_narrative_gives_each_indicator_with_its_totals_and_the_shared_identifiers_by_customer() throws Exception {
        Alert a = Alert.newBuilder(alerts.get(0)).build();
        a.getEvidence().get(0).getSharedIdentifiers().add(org.htscreen.avro.SharedIdentifier.newBuilder()
                .setKind("PHONE").setPartyCount(3).setAccountCount(3)
                .setPartyIds(List.of(String.valueOf(a.getPartyId()), "CY-PTY-X1", "CY-PTY-X2"))
                .setAccountIds(List.of(a.getAccountId(), "CY-ACC-X1", "CY-ACC-X2")).build());
        GoamlStrWriter w = new GoamlStrWriter(ReportingEntity.read(ENTITY), GoamlCodes.defaults(), CLOCK);
        String reason = text(parse(draft(w, a, inputs)), "reason");
        assertTrue(reason.contains("the phone is shared by 3 customers holding 3 accounts (other customers: "
                + "CY-PTY-X1, CY-PTY-X2"), reason);
        var s = a.getSignals().get(0);
        assertTrue(Pattern.compile(Pattern.quote(s.getRuleId() + " " + s.getTitle()) + ".*\\[\\d+ transactions, "
                + "\\d{4}-\\d{2}-\\d{2} to \\d{4}-\\d{2}-\\d{2}, about [\\d.]+ EUR\\]").matcher(reason).find(), reason);
    }

    @Test
    void an_alert_whose_transactions_are_nowhere_is_an_error_naming_it() {
        Alert a = Alert.newBuilder(alerts.get(0)).setEvidence(List.of()).build();
        GoamlStrWriter w = new GoamlStrWriter(ReportingEntity.placeholder(), GoamlCodes.defaults(), CLOCK);
        ReportException e = assertThrows(ReportException.class, () -> draft(w, a, new ReportInputs()));
        assertTrue(e.getMessage().contains(a.getAlertId()), e.getMessage());
    }

    @Test
    void the_example_entity_needs_no_placeholders_and_a_typo_is_an_error_with_its_line() throws IOException {
        assertTrue(ReportingEntity.read(ENTITY).placeholders().isEmpty());
        Path bad = Files.createTempFile("entity", ".yaml");
        Files.writeString(bad, "rentity_id: 3\nrentity_brnch: x\n");
        ReportException e = assertThrows(ReportException.class, () -> ReportingEntity.read(bad));
        assertTrue(e.getMessage().contains("line 2: unknown key 'rentity_brnch'"), e.getMessage());
        Files.writeString(bad, "country: Cyprus\n");
        assertTrue(assertThrows(ReportException.class, () -> ReportingEntity.read(bad)).getMessage()
                .contains("'Cyprus' is not an ISO 3166-1 alpha-2 country code"));
        Files.writeString(bad, "indicators: {default: \"\"}\ntransmode: {default: \"-\"}\nfunds: {default: \"-\"}\n");
        assertTrue(assertThrows(ReportException.class, () -> GoamlCodes.read(bad)).getMessage()
                .contains("indicators.default"));
    }

    @Test
    void text_is_cleaned_of_what_xml_cannot_carry_and_cut_without_splitting_a_character() {
        assertEquals("a b", XmlText.clean("a\u0000b"));
        assertEquals("<&>", XmlText.clean("<&>"));
        String emoji = "😀".repeat(10);
        String cut = XmlText.fit(emoji, 5);
        assertEquals(5, cut.codePointCount(0, cut.length()));
        assertTrue(cut.endsWith("…") && !Character.isHighSurrogate(cut.charAt(cut.length() - 2)), cut);
        assertEquals(" x", XmlText.clean("\uDC00x"));
    }
}
