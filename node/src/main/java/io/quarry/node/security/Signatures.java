package io.quarry.node.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Signing with the cluster's keys: ECDSA P-256 (the CA, node certificates) and Ed25519. */
final class Signatures {
  private Signatures() {}

  static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance(algorithm(key.getAlgorithm()));
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with a " + key.getAlgorithm() + " key", e);
    }
  }

  static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm(key.getAlgorithm()));
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code privateKey} is the other half of {@code publicKey}. */
  static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    if (!algorithm(privateKey.getAlgorithm()).equals(algorithm(publicKey.getAlgorithm()))) {
      return false;
    }
    byte[] probe = "quarry key check".getBytes(StandardCharsets.US_ASCII);
    return verify(publicKey, probe, sign(privateKey, probe));
  }

  private static String algorithm(String keyAlgorithm) {
    return switch (keyAlgorithm) {
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> keyAlgorithm;
    };
  }
}
