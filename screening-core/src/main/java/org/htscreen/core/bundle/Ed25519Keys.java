package org.htscreen.core.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys in PEM as {@code openssl genpkey -algorithm ed25519} writes them (private: PKCS#8
 * {@code BEGIN PRIVATE KEY}; public, from {@code openssl pkey -pubout}: X.509 {@code BEGIN PUBLIC KEY}). The JDK
 * signs and verifies Ed25519 itself. A key is named by its id: the first 16 hex digits of the SHA-256 of its
 * public key encoding.
 */
public final class Ed25519Keys {

    /** The JDK's algorithm name. */
    public static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {
    }

    /** Reads a public key (PEM {@code PUBLIC KEY}). */
    public static PublicKey readPublic(Path pem) {
        byte[] der = pem(pem, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new BundleException(pem + ": not an Ed25519 public key: " + e.getMessage());
        }
    }

    /** Reads a private key (PEM {@code PRIVATE KEY}, PKCS#8, unencrypted). */
    public static PrivateKey readPrivate(Path pem) {
        byte[] der = pem(pem, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new BundleException(pem + ": not an Ed25519 private key: " + e.getMessage());
        }
    }

    /** A public key's id: the first 16 hex digits of SHA-256 over its X.509 encoding. */
    public static String keyId(PublicKey key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key that belongs to a private key (Ed25519 derives it from the private key's bytes). */
    public static PublicKey publicOf(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey)) {
            throw new BundleException("not an Ed25519 private key");
        }
        byte[] seed = ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new BundleException("the private key's bytes are not available"));
        try {
            // Java 17 has no API to derive an EdDSA public key, and the PKCS#8 file openssl writes does not carry it:
            // the key-pair generator draws the private key as the first 32 random bytes, so feeding it the private
            // key's bytes yields the same pair. The caller checks a signature with the result (see BundleSigner).
            KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
            g.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            return g.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new BundleException("cannot derive the public key: " + e.getMessage());
        }
    }

    /** A "random" source that returns the given bytes: only for {@link #publicOf}. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("unexpected request for " + out.length + " random bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }

    /** Writes a public key as PEM. */
    public static String toPem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static byte[] pem(Path file, String label) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new BundleException(file + ": cannot read: " + e.getMessage());
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new BundleException(file + ": not a PEM " + label + " (expected '" + begin + "')");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException x) {
            throw new BundleException(file + ": bad PEM base64: " + x.getMessage());
        }
    }
}
