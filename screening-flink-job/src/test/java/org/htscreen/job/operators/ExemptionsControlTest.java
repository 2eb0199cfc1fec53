package org.htscreen.job.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.htscreen.avro.ControlKind;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.ControlResult;
import org.htscreen.core.bundle.Ed25519Keys;
import org.htscreen.core.bundle.RuleBundle;
import org.htscreen.core.bundle.TrustedKeys;
import org.htscreen.core.exemptions.InvalidExemptionsException;
import org.htscreen.core.metrics.ScreeningMetrics;
import org.htscreen.core.testkit.TestKeys;
import org.htscreen.job.RuleSource;
import org.htscreen.job.control.ControlPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EXEMPTIONS control updates: a bad set is rejected with its line and the running set stays (ADR 0017). */
class ExemptionsControlTest {

    static final String SET = """
            version: %s
            exemptions:
              - id: EX-1
                account: CY-1
                reason: reviewed
                approver: m.georgiou
                approved_at: 2026-03-01T00:00:00Z
                expires_at: 2026-06-01T00:00:00Z
            """;

    @TempDir
    Path dir;
    TestKeys.Pair key;
    ActiveRules active;

    @BeforeEach
    void start() throws Exception {
        key = TestKeys.create(dir, "compliance");
        Path initial = dir.resolve("initial.yaml");
        Files.writeString(initial, SET.formatted("start-1"));
        ControlPolicy policy = ControlPolicy.signed(TrustedKeys.read(List.of(key.publicKey()), 1),
                ControlPolicy.DEFAULT_MAX_DISABLED_SHARE);
        active = new ActiveRules(RuleSource.bundled().withExemptions(initial).withControl(policy), ScreeningMetrics.inMemory());
    }

    ControlMessage signed(String version, String yaml) {
        RuleBundle b = RuleBundle.ofTexts(Map.of(RuleBundle.EXEMPTIONS, yaml)).signedWith(Ed25519Keys.readPrivate(key.privateKey()));
        return ControlMessage.newBuilder().setVersion(version).setKind(ControlKind.EXEMPTIONS)
                .setBundle(ByteBuffer.wrap(b.toBytes())).setIssuedAt(Instant.now()).build();
    }

    @Test
    void the_start_up_set_is_in_force() {
        assertEquals("start-1", active.exemptions().version());
        assertEquals("EX-1", active.screener().exemptions().all().get(0).id());
    }

    @Test
    void an_invalid_signed_set_is_rejected_with_its_line_and_the_running_set_stays() {
        ControlResult r = active.apply(signed("bad-1", SET.formatted("bad-1").replace("    reason:", "    colour: red\n    reason:")));
        assertFalse(r.getAccepted());
        assertTrue(r.getMessage().contains("exemptions bad-1:5: unknown field 'colour'"), r.getMessage());
        assertTrue(r.getMessage().startsWith("rejected, exemption set start-1 stays in force: "), r.getMessage());
        assertEquals("start-1", active.exemptions().version());
        assertEquals("start-1", active.screener().exemptions().version());
    }

    @Test
    void a_set_naming_an_unknown_rule_or_another_version_is_rejected() {
        ControlResult unknown = active.apply(signed("bad-2", SET.formatted("bad-2").replace("    reason:", "    rule: HT-NOPE-1\n    reason:")));
        assertFalse(unknown.getAccepted());
        assertTrue(unknown.getMessage().contains("unknown rule id 'HT-NOPE-1'"), unknown.getMessage());
        ControlResult other = active.apply(signed("v-9", SET.formatted("v-8")));
        assertFalse(other.getAccepted());
        assertTrue(other.getMessage().contains("names version v-9 but the exemptions say version v-8"), other.getMessage());
        assertEquals("start-1", active.exemptions().version());
    }

    @Test
    void a_parameters_bundle_sent_as_exemptions_is_rejected() {
        RuleBundle b = RuleBundle.ofTexts(Map.of("parameters.yaml", "version: p\nparameters: {}\n"))
                .signedWith(Ed25519Keys.readPrivate(key.privateKey()));
        ControlResult r = active.apply(ControlMessage.newBuilder().setVersion("p").setKind(ControlKind.EXEMPTIONS)
                .setBundle(ByteBuffer.wrap(b.toBytes())).setIssuedAt(Instant.now()).build());
        assertFalse(r.getAccepted());
        assertTrue(r.getMessage().contains("the message says EXEMPTIONS but the bundle holds a parameters"), r.getMessage());
    }

    @Test
    void an_accepted_set_replaces_the_whole_set_and_names_the_changes() {
        ControlResult r = active.apply(signed("next-1", SET.formatted("next-1").replace("EX-1", "EX-2")));
        assertTrue(r.getAccepted(), r.getMessage());
        assertTrue(r.getMessage().endsWith("exemptions start-1 -> next-1: 1 in force; added EX-2; removed EX-1; changed none"),
                r.getMessage());
        assertEquals("next-1", active.screener().exemptions().version());
        assertTrue(active.inForce(signed("next-1", SET.formatted("next-1"))));
    }

    @Test
    void a_bad_start_up_file_fails_the_submission_with_its_line() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, SET.formatted("x").replace("2026-06-01T00:00:00Z", "2026-02-01T00:00:00Z"));
        InvalidExemptionsException e = assertThrows(InvalidExemptionsException.class,
                () -> RuleSource.bundled().withExemptions(bad));
        assertTrue(e.getMessage().startsWith(bad + ":8: exemption EX-1: expires_at"), e.getMessage());
    }

    /** A set of {@code n} account-wide exemptions of accounts CY-100 ... (plus EX-1 of the start-up set). */
    static String many(String version, int n) {
        StringBuilder sb = new StringBuilder(SET.formatted(version));
        for (int i = 0; i < n; i++) {
            sb.append(SET.substring(SET.indexOf("  - id:")).replace("EX-1", "EX-M" + i).replace("CY-1\n", "CY-" + (100 + i) + "\n"));
        }
        return sb.toString();
    }

    ControlMessage signedBy(String version, String yaml, TestKeys.Pair... keys) {
        RuleBundle b = RuleBundle.ofTexts(Map.of(RuleBundle.EXEMPTIONS, yaml));
        for (TestKeys.Pair k : keys) {
            b = b.signedWith(Ed25519Keys.readPrivate(k.privateKey()));
        }
        return ControlMessage.newBuilder().setVersion(version).setKind(ControlKind.EXEMPTIONS)
                .setBundle(ByteBuffer.wrap(b.toBytes())).setIssuedAt(Instant.now()).build();
    }

    @Test
    void exempting_more_accounts_at_once_than_the_limit_needs_one_signature_more() {
        TestKeys.Pair checker = TestKeys.create(dir, "checker");
        ControlPolicy policy = ControlPolicy.signed(TrustedKeys.read(List.of(key.publicKey(), checker.publicKey()), 1),
                ControlPolicy.DEFAULT_MAX_DISABLED_SHARE, 50);
        ActiveRules two = new ActiveRules(RuleSource.bundled().withControl(policy), ScreeningMetrics.inMemory());
        ControlResult one = two.apply(signedBy("wide-1", many("wide-1", 50), key));
        assertFalse(one.getAccepted(), one.getMessage());
        assertTrue(one.getMessage().contains("could blind screening: it exempts 51 accounts at once (51 of them from "
                + "every alert; more than 50); it needs 2 signatures by distinct trusted keys and has 1"), one.getMessage());
        assertTrue(one.getMessage().startsWith("rejected, exemption set none stays in force: "), one.getMessage());
        assertTrue(two.exemptions().isEmpty());
        ControlResult edge = two.apply(signedBy("edge-1", many("edge-1", 49), key));
        assertTrue(edge.getAccepted(), "50 accounts (CY-1 and 49 more) are within the limit: " + edge.getMessage());
        ControlResult countersigned = two.apply(signedBy("wide-2", many("wide-2", 120), key, checker));
        assertTrue(countersigned.getAccepted(), countersigned.getMessage());
        assertEquals(121, two.exemptions().all().size());
        ControlResult revoked = two.apply(signedBy("none-1", "version: none-1\nexemptions: []\n", key));
        assertTrue(revoked.getAccepted(), "revoking is never blinding: " + revoked.getMessage());
        two.close();
    }

    @Test
    void an_unsigned_set_exempting_many_accounts_is_refused_even_in_the_demo() {
        ActiveRules demo = new ActiveRules(RuleSource.bundled().withControl(ControlPolicy.unsigned()), ScreeningMetrics.inMemory());
        ControlResult r = demo.apply(ControlMessage.newBuilder().setVersion("wide-1").setKind(ControlKind.EXEMPTIONS)
                .setFiles(Map.of(RuleBundle.EXEMPTIONS, many("wide-1", ControlPolicy.DEFAULT_MAX_EXEMPTED_ACCOUNTS)))
                .setIssuedAt(Instant.now()).build());
        assertFalse(r.getAccepted(), r.getMessage());
        assertTrue(r.getMessage().contains("could blind screening: it exempts " + (ControlPolicy.DEFAULT_MAX_EXEMPTED_ACCOUNTS + 1)
                + " accounts at once"), r.getMessage());
        demo.close();
    }

    @Test
    void a_rule_set_that_drops_a_rule_an_exemption_names_is_rejected() {
        ActiveRules open = new ActiveRules(RuleSource.bundled().withControl(ControlPolicy.unsigned()), ScreeningMetrics.inMemory());
        ControlResult ex = open.apply(ControlMessage.newBuilder().setVersion("r-1").setKind(ControlKind.EXEMPTIONS)
                .setFiles(Map.of(RuleBundle.EXEMPTIONS, SET.formatted("r-1").replace("    reason:", "    rule: HT-CASH-04\n    reason:")))
                .setIssuedAt(Instant.now()).build());
        assertTrue(ex.getAccepted(), ex.getMessage());
        Map<String, String> files = new java.util.HashMap<>(org.htscreen.core.testkit.HostileRules.bundledFiles());
        files.put("catalogue.yaml", files.get("catalogue.yaml").replaceAll("(?s)\n  - id: HT-CASH-04\n.*?(?=\n  - id: )", ""));
        files.put("drl/cash.drl", files.get("drl/cash.drl").replaceAll("(?s)rule \"HT-CASH-04\".*?\nend\n", ""));
        ControlResult r = open.apply(ControlMessage.newBuilder().setVersion("no-cash-04").setKind(ControlKind.RULE_SET)
                .setFiles(files).setIssuedAt(Instant.now()).build());
        assertFalse(r.getAccepted(), r.getMessage());
        assertTrue(r.getMessage().contains("exemption EX-1 (line 3): unknown rule id 'HT-CASH-04'"), r.getMessage());
        assertTrue(r.getMessage().endsWith("revoke or change the exemption first"), r.getMessage());
        assertEquals("r-1", open.exemptions().version());
        ControlResult revoked = open.apply(ControlMessage.newBuilder().setVersion("r-2").setKind(ControlKind.EXEMPTIONS)
                .setFiles(Map.of(RuleBundle.EXEMPTIONS, "version: r-2\nexemptions: []\n")).setIssuedAt(Instant.now()).build());
        assertTrue(revoked.getMessage().endsWith("added none; removed EX-1; changed none"), revoked.getMessage());
        ControlResult again = open.apply(ControlMessage.newBuilder().setVersion("no-cash-04").setKind(ControlKind.RULE_SET)
                .setFiles(files).setIssuedAt(Instant.now()).build());
        assertTrue(again.getAccepted(), "the same rule set is accepted once the exemption is revoked: " + again.getMessage());
        open.close();
    }
}
