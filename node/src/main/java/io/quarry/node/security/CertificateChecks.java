package io.quarry.node.security;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;

/** Checks of certificates read from files; every failure names the file. */
final class CertificateChecks {
  private CertificateChecks() {}

  static void checkValid(X509Certificate cert, Path file, String what) {
    try {
      cert.checkValidity();
    } catch (CertificateExpiredException e) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "The " + what + " " + file + " expired on " + cert.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "The " + what + " " + file + " is not valid before " + cert.getNotBefore().toInstant());
    }
  }

  /** Checks that {@code cert} (from {@code file}) was signed by the CA in {@code caFile}. */
  static void checkIssuedBy(X509Certificate cert, Path file, X509Certificate ca, Path caFile) {
    try {
      cert.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "The node certificate " + file + " was not signed by the cluster CA " + caFile);
    }
  }
}
