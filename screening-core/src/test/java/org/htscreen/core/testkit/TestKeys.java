package org.htscreen.core.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Ed25519 key pairs for tests, written as PEM files the way {@code openssl genpkey -algorithm ed25519} and
 * {@code openssl pkey -pubout} write them ({@code BundleTest} also reads keys made by openssl itself).
 */
public final class TestKeys {

    private TestKeys() {
    }

    /** A new key pair written as {@code NAME.pem} (private) and {@code NAME.pub.pem} (public) in {@code dir}. */
    public static Pair create(Path dir, String name) {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path priv = dir.resolve(name + ".pem");
            Path pub = dir.resolve(name + ".pub.pem");
            Files.writeString(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
            Files.writeString(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()));
            return new Pair(priv, pub);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** A private and a public key file. */
    public record Pair(Path privateKey, Path publicKey) {
    }
}
