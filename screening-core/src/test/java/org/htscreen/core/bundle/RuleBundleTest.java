package org.htscreen.core.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.htscreen.core.testkit.HostileRules;
import org.htscreen.core.testkit.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing and verifying rule bundles: round trip, wrong key, one flipped byte, missing signature, maker-checker. */
class RuleBundleTest {

    @TempDir
    Path dir;
    Path rules;
    TestKeys.Pair maker;
    TestKeys.Pair checker;

    @BeforeEach
    void setUp() throws IOException {
        rules = HostileRules.write(Files.createDirectories(dir.resolve("rules")), HostileRules.bundledFiles());
        Files.writeString(rules.resolve("pom.xml"), "<project/>");   // not part of a rule set
        maker = TestKeys.create(dir, "maker");
        checker = TestKeys.create(dir, "checker");
    }

    private TrustedKeys trust(int required, TestKeys.Pair... pairs) {
        return TrustedKeys.read(java.util.Arrays.stream(pairs).map(TestKeys.Pair::publicKey).toList(), required);
    }

    @Test
    void a_signed_bundle_round_trips_through_its_file_and_verifies() {
        RuleBundle signed = RuleBundle.fromDirectory(rules).signedWith(Ed25519Keys.readPrivate(maker.privateKey()));
        Path file = dir.resolve("rules.bundle");
        signed.write(file);
        RuleBundle read = RuleBundle.read(file);
        assertEquals(List.of(Ed25519Keys.keyId(Ed25519Keys.readPublic(maker.publicKey()))), trust(1, maker).verify(read));
        assertEquals(HostileRules.bundledFiles().keySet(), read.texts().keySet(), "only the rule-set layout, no pom.xml");
        assertEquals(RuleBundle.Kind.RULE_SET, read.kind());
        assertArrayEquals(signed.toBytes(), read.toBytes(), "the same bundle gives the same bytes");
    }

    @Test
    void the_same_content_has_the_same_canonical_form_whatever_the_order() {
        RuleBundle a = RuleBundle.ofTexts(Map.of("b.yaml", "1", "a.yaml", "2"));
        RuleBundle b = RuleBundle.ofTexts(new java.util.LinkedHashMap<>(Map.of("a.yaml", "2", "b.yaml", "1")));
        assertArrayEquals(a.canonical(), b.canonical());
        // length-prefixed: moving a byte from a path into the content changes the form
        RuleBundle c = RuleBundle.ofTexts(Map.of("ab", "c"));
        RuleBundle d = RuleBundle.ofTexts(Map.of("a", "bc"));
        assertTrue(!java.util.Arrays.equals(c.canonical(), d.canonical()));
    }

    @Test
    void a_bundle_signed_by_an_untrusted_key_is_refused() {
        RuleBundle signed = RuleBundle.fromDirectory(rules).signedWith(Ed25519Keys.readPrivate(checker.privateKey()));
        BundleException e = assertThrows(BundleException.class, () -> trust(1, maker).verify(signed));
        assertTrue(e.getMessage().contains("not trusted (wrong key)"), e.getMessage());
    }

    @Test
    void one_flipped_byte_after_signing_is_refused() throws IOException {
        RuleBundle signed = RuleBundle.fromDirectory(rules).signedWith(Ed25519Keys.readPrivate(maker.privateKey()));
        Map<String, byte[]> files = new java.util.HashMap<>(signed.files());
        byte[] drl = files.get("drl/cash.drl").clone();
        drl[drl.length / 2] ^= 1;
        files.put("drl/cash.drl", drl);
        RuleBundle tampered = RuleBundle.of(files).withSignature(signed.signatures().get(0));
        BundleException e = assertThrows(BundleException.class, () -> trust(1, maker).verify(tampered));
        assertTrue(e.getMessage().contains("does not match the content"), e.getMessage());
    }

    @Test
    void a_flipped_byte_in_the_bundle_file_is_refused_or_unreadable() throws IOException {
        Path file = dir.resolve("rules.bundle");
        RuleBundle.fromDirectory(rules).signedWith(Ed25519Keys.readPrivate(maker.privateKey())).write(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 1;
        assertThrows(BundleException.class, () -> trust(1, maker).verify(RuleBundle.parse(bytes)));
    }

    @Test
    void an_unsigned_bundle_is_refused() {
        BundleException e = assertThrows(BundleException.class,
                () -> trust(1, maker).verify(RuleBundle.fromDirectory(rules)));
        assertTrue(e.getMessage().contains("missing signature"), e.getMessage());
    }

    @Test
    void maker_checker_needs_two_distinct_trusted_keys() {
        RuleBundle once = RuleBundle.fromDirectory(rules).signedWith(Ed25519Keys.readPrivate(maker.privateKey()));
        BundleException e = assertThrows(BundleException.class, () -> trust(2, maker, checker).verify(once));
        assertTrue(e.getMessage().startsWith("1 of 2 required signatures"), e.getMessage());
        RuleBundle twiceBySame = once.signedWith(Ed25519Keys.readPrivate(maker.privateKey()));
        assertThrows(BundleException.class, () -> trust(2, maker, checker).verify(twiceBySame));
        RuleBundle both = RuleBundle.parse(once.toBytes()).signedWith(Ed25519Keys.readPrivate(checker.privateKey()));
        assertEquals(2, trust(2, maker, checker).verify(both).size());
    }

    @Test
    void keys_written_by_openssl_sign_and_verify() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path priv = dir.resolve("openssl.pem");
        Path pub = dir.resolve("openssl.pub.pem");
        assertEquals(0, new ProcessBuilder("openssl", "genpkey", "-algorithm", "ed25519", "-out", priv.toString())
                .inheritIO().start().waitFor());
        assertEquals(0, new ProcessBuilder("openssl", "pkey", "-in", priv.toString(), "-pubout", "-out", pub.toString())
                .inheritIO().start().waitFor());
        RuleBundle signed = RuleBundle.fromDirectory(rules).signedWith(Ed25519Keys.readPrivate(priv));
        assertEquals(1, TrustedKeys.read(List.of(pub), 1).verify(signed).size());
    }

    @Test
    void entries_outside_the_layout_and_bad_paths_are_refused() {
        assertThrows(BundleException.class, () -> RuleBundle.ofTexts(Map.of("../etc/passwd", "x")));
        assertThrows(BundleException.class, () -> RuleBundle.ofTexts(Map.of("/abs", "x")));
        assertThrows(BundleException.class, () -> RuleBundle.parse("not a zip".getBytes(StandardCharsets.UTF_8)));
    }

    private RuleBundle stamped(String instant) {
        return RuleBundle.ofTexts(Map.of("parameters.yaml", "version: p-1\nparameters: {}\n"))
                .issuedAt(java.time.Instant.parse(instant)).signedWith(Ed25519Keys.readPrivate(maker.privateKey()));
    }

    /** The bundle's zip entries with one replaced (null: removed). */
    private static byte[] withEntry(byte[] zip, String name, byte[] content) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
                var z = new java.util.zip.ZipOutputStream(out)) {
            java.util.zip.ZipEntry e;
            boolean seen = false;
            while ((e = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(name)) {
                    seen = true;
                    bytes = content;
                }
                if (bytes != null) {
                    z.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                    z.write(bytes);
                    z.closeEntry();
                }
            }
            if (!seen && content != null) {
                z.putNextEntry(new java.util.zip.ZipEntry(name));
                z.write(content);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void the_issue_time_is_signed_with_the_files_and_survives_the_file() {
        RuleBundle signed = stamped("2026-12-03T17:00:00.123Z");
        RuleBundle read = RuleBundle.parse(signed.toBytes());
        assertEquals(java.util.Optional.of(java.time.Instant.parse("2026-12-03T17:00:00.123Z")), read.issued());
        assertEquals(1, trust(1, maker).verify(read).size());
        RuleBundle unstamped = RuleBundle.ofTexts(Map.of("parameters.yaml", "version: p-1\nparameters: {}\n"));
        assertTrue(unstamped.issued().isEmpty());
        assertTrue(!unstamped.contentId().equals(read.contentId()), "the stamp is part of what is signed");
        // a countersignature keeps the stamp
        RuleBundle both = read.signedWith(Ed25519Keys.readPrivate(checker.privateKey()));
        assertEquals(read.issued(), RuleBundle.parse(both.toBytes()).issued());
        assertEquals(2, trust(2, maker, checker).verify(RuleBundle.parse(both.toBytes())).size());
    }

    @Test
    void a_changed_added_or_removed_issue_time_breaks_the_signature() throws IOException {
        byte[] zip = stamped("2026-12-03T17:00:00Z").toBytes();
        byte[] later = withEntry(zip, RuleBundle.ISSUED, "2027-01-01T00:00:00Z\n".getBytes(StandardCharsets.US_ASCII));
        BundleException changed = assertThrows(BundleException.class, () -> trust(1, maker).verify(RuleBundle.parse(later)));
        assertTrue(changed.getMessage().contains("does not match the content"), changed.getMessage());
        byte[] removed = withEntry(zip, RuleBundle.ISSUED, null);
        assertTrue(RuleBundle.parse(removed).issued().isEmpty());
        assertThrows(BundleException.class, () -> trust(1, maker).verify(RuleBundle.parse(removed)));
        byte[] plain = RuleBundle.ofTexts(Map.of("parameters.yaml", "version: p-1\nparameters: {}\n"))
                .signedWith(Ed25519Keys.readPrivate(maker.privateKey())).toBytes();
        byte[] added = withEntry(plain, RuleBundle.ISSUED, "2030-01-01T00:00:00Z".getBytes(StandardCharsets.US_ASCII));
        assertThrows(BundleException.class, () -> trust(1, maker).verify(RuleBundle.parse(added)));
    }

    @Test
    void a_malformed_issue_time_is_refused_with_the_reason() throws IOException {
        byte[] zip = stamped("2026-12-03T17:00:00Z").toBytes();
        for (String bad : List.of("yesterday", "", "2026-13-03T17:00:00Z", "9".repeat(5000),
                "+1000000000-01-01T00:00:00Z")) {
            byte[] hostile = withEntry(zip, RuleBundle.ISSUED, bad.getBytes(StandardCharsets.UTF_8));
            BundleException e = assertThrows(BundleException.class, () -> RuleBundle.parse(hostile), bad);
            assertTrue(e.getMessage().contains("ISSUED is not an ISO-8601 instant"), e.getMessage());
            assertTrue(e.getMessage().length() < 200, "one short line: " + e.getMessage());
        }
    }
}
