package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.htscreen.core.bundle.RuleBundle;
import org.htscreen.core.testkit.HostileRules;
import org.htscreen.core.testkit.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** rules sign / verify / validate as an analyst and a security reviewer use them. */
class BundleCommandsTest {

    @TempDir
    Path dir;
    Path rules;
    TestKeys.Pair maker;
    TestKeys.Pair checker;

    @BeforeEach
    void setUp() throws IOException {
        rules = HostileRules.write(Files.createDirectories(dir.resolve("rules")), HostileRules.bundledFiles());
        maker = TestKeys.create(dir, "maker");
        checker = TestKeys.create(dir, "checker");
    }

    private Cli.Result sign(Path in, TestKeys.Pair key, Path out) {
        return Cli.run("rules", "sign", in.toString(), "--key", key.privateKey().toString(), "--out", out.toString());
    }

    @Test
    void sign_then_verify_exits_0() {
        Path bundle = dir.resolve("rules.bundle");
        Cli.Result s = sign(rules, maker, bundle);
        assertEquals(0, s.code(), s.toString());
        assertTrue(s.out().startsWith("signed: "), s.out());
        Cli.Result v = Cli.run("rules", "verify", bundle.toString(), "--trust", maker.publicKey().toString());
        assertEquals(0, v.code(), v.toString());
        assertTrue(v.out().contains("rule set of"), v.out());
    }

    @Test
    void a_new_bundle_is_stamped_and_a_countersignature_keeps_the_stamp() {
        Path bundle = dir.resolve("rules.bundle");
        Cli.Result s = Cli.run("rules", "sign", rules.toString(), "--key", maker.privateKey().toString(), "--out",
                bundle.toString(), "--issued-at", "2026-12-03T17:00:00Z");
        assertEquals(0, s.code(), s.toString());
        assertTrue(s.out().contains("issued 2026-12-03T17:00:00Z"), s.out());
        Cli.Result counter = sign(bundle, checker, bundle);
        assertEquals(0, counter.code(), counter.toString());
        assertEquals(java.time.Instant.parse("2026-12-03T17:00:00Z"), RuleBundle.read(bundle).issued().orElseThrow());
        Cli.Result restamp = Cli.run("rules", "sign", bundle.toString(), "--key", checker.privateKey().toString(),
                "--out", bundle.toString(), "--issued-at", "2027-01-01T00:00:00Z");
        assertEquals(2, restamp.code(), restamp.toString());
        assertTrue(restamp.err().contains("--issued-at cannot restamp"), restamp.err());
        Cli.Result v = Cli.run("rules", "verify", bundle.toString(), "--trust", maker.publicKey().toString(), "--trust",
                checker.publicKey().toString(), "--required-signatures", "2");
        assertEquals(0, v.code(), v.toString());
        assertTrue(v.out().contains("issued 2026-12-03T17:00:00Z"), v.out());
        Cli.Result now = sign(rules, maker, dir.resolve("now.bundle"));
        assertTrue(RuleBundle.read(dir.resolve("now.bundle")).issued().isPresent(), "stamped by default: " + now.out());
    }

    @Test
    void an_exemptions_file_is_signed_as_an_exemption_set_that_verifies() {
        Path bundle = dir.resolve("exemptions.bundle");
        Cli.Result s = sign(Cli.EXAMPLES.resolve("exemptions.yaml"), maker, bundle);
        assertEquals(0, s.code(), s.toString());
        assertTrue(s.out().contains(": exemption set of 1 files"), s.out());
        RuleBundle b = RuleBundle.read(bundle);
        assertEquals(RuleBundle.Kind.EXEMPTIONS, b.kind());
        assertEquals(Map.of(RuleBundle.EXEMPTIONS, b.texts().get(RuleBundle.EXEMPTIONS)), b.texts());
        Cli.Result v = Cli.run("rules", "verify", bundle.toString(), "--trust", maker.publicKey().toString());
        assertEquals(0, v.code(), v.toString());
    }

    @Test
    void a_wrong_key_exits_1_with_the_reason() {
        Path bundle = dir.resolve("rules.bundle");
        assertEquals(0, sign(rules, checker, bundle).code());
        Cli.Result v = Cli.run("rules", "verify", bundle.toString(), "--trust", maker.publicKey().toString());
        assertEquals(1, v.code(), v.toString());
        assertTrue(v.err().strip().startsWith("exit 1: "), v.err());
        assertTrue(v.err().contains("not trusted (wrong key)"), v.err());
        assertEquals(1, v.err().strip().lines().count(), "one line: " + v.err());
    }

    @Test
    void a_changed_byte_exits_1() throws IOException {
        Path bundle = dir.resolve("rules.bundle");
        assertEquals(0, sign(rules, maker, bundle).code());
        RuleBundle b = RuleBundle.read(bundle);
        Map<String, byte[]> files = new java.util.HashMap<>(b.files());
        byte[] cat = files.get("catalogue.yaml").clone();
        cat[100] ^= 1;
        files.put("catalogue.yaml", cat);
        RuleBundle.of(files).withSignature(b.signatures().get(0)).write(bundle);
        Cli.Result v = Cli.run("rules", "verify", bundle.toString(), "--trust", maker.publicKey().toString());
        assertEquals(1, v.code(), v.toString());
        assertTrue(v.err().contains("does not match the content"), v.err());
    }

    @Test
    void a_missing_signature_exits_1() {
        Path bundle = dir.resolve("unsigned.bundle");
        RuleBundle.fromDirectory(rules).write(bundle);
        Cli.Result v = Cli.run("rules", "verify", bundle.toString(), "--trust", maker.publicKey().toString());
        assertEquals(1, v.code(), v.toString());
        assertTrue(v.err().contains("missing signature"), v.err());
    }

    @Test
    void maker_checker_one_of_two_exits_1_and_a_countersigned_bundle_exits_0() {
        Path once = dir.resolve("once.bundle");
        Path twice = dir.resolve("twice.bundle");
        assertEquals(0, sign(rules, maker, once).code());
        String[] verifyOnce = {"rules", "verify", once.toString(), "--trust", maker.publicKey().toString(),
                "--trust", checker.publicKey().toString(), "--required-signatures", "2"};
        Cli.Result v1 = Cli.run(verifyOnce);
        assertEquals(1, v1.code(), v1.toString());
        assertTrue(v1.err().contains("1 of 2 required signatures"), v1.err());
        assertEquals(0, sign(once, checker, twice).code());
        Cli.Result v2 = Cli.run("rules", "verify", twice.toString(), "--trust", maker.publicKey().toString(),
                "--trust", checker.publicKey().toString(), "--required-signatures", "2");
        assertEquals(0, v2.code(), v2.toString());
    }

    @Test
    void a_parameter_file_is_signed_as_a_parameter_set() throws IOException {
        Path params = Files.writeString(dir.resolve("p.yaml"), "version: p1\nparameters:\n  HT-CASH-01:\n    min_deposits: 5\n");
        Path bundle = dir.resolve("p.bundle");
        assertEquals(0, sign(params, maker, bundle).code());
        assertEquals(RuleBundle.Kind.PARAMETERS, RuleBundle.read(bundle).kind());
    }

    @ParameterizedTest
    @EnumSource(HostileRules.class)
    void validate_and_sign_refuse_a_hostile_rule_set_without_running_it(HostileRules hostile) throws IOException {
        Path marker = dir.resolve("marker");
        Path evil = hostile.writeTo(Files.createDirectories(dir.resolve("evil")), marker);
        Cli.Result v = Cli.run("rules", "validate", evil.toString());
        assertEquals(1, v.code(), v.toString());
        assertTrue(v.err().contains(evil.resolve("drl/geo.drl") + ":"), v.err());
        assertTrue(v.err().contains("not allowed"), v.err());
        Cli.Result s = sign(evil, maker, dir.resolve("evil.bundle"));
        assertEquals(2, s.code(), s.toString());
        assertFalse(Files.exists(dir.resolve("evil.bundle")));
        assertFalse(Files.exists(marker), "the hostile code ran");
    }
}
