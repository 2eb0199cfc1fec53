package org.htscreen.core.bundle;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** One Ed25519 signature over a bundle's canonical form, with the id of the key that made it. */
public record BundleSignature(String keyId, byte[] signature) {

    /** Signs a bundle's content with a private key; checks the signature before returning it. */
    public static BundleSignature sign(RuleBundle bundle, PrivateKey key) {
        PublicKey pub = Ed25519Keys.publicOf(key);
        try {
            Signature s = Signature.getInstance(Ed25519Keys.ALGORITHM);
            s.initSign(key);
            s.update(bundle.canonical());
            BundleSignature sig = new BundleSignature(Ed25519Keys.keyId(pub), s.sign());
            if (!sig.verifies(bundle, pub)) {
                throw new BundleException("the signature does not verify with the key's own public key");
            }
            return sig;
        } catch (GeneralSecurityException e) {
            throw new BundleException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** Whether this signature was made over {@code bundle}'s content by {@code key}. */
    public boolean verifies(RuleBundle bundle, PublicKey key) {
        try {
            Signature s = Signature.getInstance(Ed25519Keys.ALGORITHM);
            s.initVerify(key);
            s.update(bundle.canonical());
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The line in a bundle's {@code SIGNATURES} file: {@code ed25519 KEYID BASE64}. */
    String line() {
        return "ed25519 " + keyId + " " + Base64.getEncoder().encodeToString(signature);
    }

    static BundleSignature parse(String line, int number) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length != 3 || !parts[0].equals("ed25519") || !parts[1].matches("[0-9a-f]{16}")) {
            throw new BundleException(RuleBundle.SIGNATURES + " line " + number + ": expected 'ed25519 KEYID BASE64'");
        }
        try {
            return new BundleSignature(parts[1], Base64.getDecoder().decode(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new BundleException(RuleBundle.SIGNATURES + " line " + number + ": bad base64");
        }
    }
}
