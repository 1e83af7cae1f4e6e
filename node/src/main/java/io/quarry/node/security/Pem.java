package io.quarry.node.security;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM files of the cluster's security material: certificates, PKCS#8 private keys (the form netty
 * reads), public keys and secrets written readable by the owner only. Every read error names the
 * file.
 */
final class Pem {
  private Pem() {}

  static String encodeCertificate(X509Certificate certificate) {
    return write(certificate);
  }

  /** A private key as PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  static String encodePrivateKey(PrivateKey key) {
    return write(new PemObject("PRIVATE KEY", key.getEncoded()));
  }

  static String encodePublicKey(PublicKey key) {
    return write(new PemObject("PUBLIC KEY", key.getEncoded()));
  }

  /** Every certificate in a PEM file, in order; at least one. */
  static List<X509Certificate> readCertificates(Path file, String what) {
    List<X509Certificate> out = new ArrayList<>();
    for (Object o : readObjects(file, what)) {
      if (o instanceof X509CertificateHolder holder) {
        try {
          out.add(new JcaX509CertificateConverter().getCertificate(holder));
        } catch (CertificateException e) {
          throw bad(file, what, "an unreadable certificate: " + e.getMessage());
        }
      }
    }
    if (out.isEmpty()) {
      throw bad(file, what, "no PEM certificate (BEGIN CERTIFICATE)");
    }
    return out;
  }

  static X509Certificate readCertificate(Path file, String what) {
    return readCertificates(file, what).get(0);
  }

  static PrivateKey readPrivateKey(Path file, String what) {
    for (Object o : readObjects(file, what)) {
      PrivateKeyInfo info = null;
      if (o instanceof PrivateKeyInfo k) {
        info = k;
      } else if (o instanceof PEMKeyPair pair) {
        info = pair.getPrivateKeyInfo();
      }
      if (info != null) {
        try {
          return KeyFactory.getInstance(algorithm(info.getPrivateKeyAlgorithm().getAlgorithm()))
              .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
          throw bad(file, what, "an unreadable private key: " + e.getMessage());
        }
      }
    }
    throw bad(file, what, "no PEM private key (BEGIN PRIVATE KEY)");
  }

  static PublicKey readPublicKey(Path file, String what) {
    for (Object o : readObjects(file, what)) {
      if (o instanceof SubjectPublicKeyInfo info) {
        try {
          return KeyFactory.getInstance(algorithm(info.getAlgorithm().getAlgorithm()))
              .generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
          throw bad(file, what, "an unreadable public key: " + e.getMessage());
        }
      }
    }
    throw bad(file, what, "no PEM public key (BEGIN PUBLIC KEY)");
  }

  /** A one-line text file (a token, a signature), trimmed; never empty. */
  static String readLine(Path file, String what) {
    String text = readText(file, what).strip();
    if (text.isEmpty()) {
      throw bad(file, what, "nothing");
    }
    return text;
  }

  static String readText(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "Missing " + what + ": " + file);
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT, "Cannot read " + what + " " + file + ": " + e.getMessage());
    }
  }

  /** Writes {@code text} atomically; {@code secret} files are readable by the owner only. */
  static void writeFile(Path file, String text, boolean secret) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(
              temp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system: the directory's permissions protect the secrets.
        }
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static QuarryException bad(Path file, String what, String found) {
    return new QuarryException(
        ErrorCode.INVALID_ARGUMENT, "Bad " + what + " " + file + ": it holds " + found);
  }

  private static List<Object> readObjects(Path file, String what) {
    String text = readText(file, what);
    List<Object> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        out.add(o);
      }
    } catch (IOException | RuntimeException e) {
      throw bad(file, what, "malformed PEM (" + e.getMessage() + ")");
    }
    return out;
  }

  private static String algorithm(ASN1ObjectIdentifier oid) throws GeneralSecurityException {
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return "EC";
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return "Ed25519";
    }
    throw new GeneralSecurityException("unsupported key algorithm " + oid);
  }

  private static String write(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode PEM", e);
    }
    return out.toString();
  }
}
