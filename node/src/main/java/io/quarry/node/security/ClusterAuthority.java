package io.quarry.node.security;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.identity.PeerId;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A cluster's security material, made once by {@code quarry cluster init} in {@code DIR/cluster/}:
 * a self-signed EC P-256 certificate authority that signs every node's TLS certificate, an Ed25519
 * membership key that signs every member's PeerId, and the client token. Only this directory holds
 * the private keys of the CA and of membership; nodes get what {@link #issueNode} writes.
 */
public final class ClusterAuthority {
  public static final String DIR_NAME = "cluster";
  public static final String CA_CERT = "ca.crt";
  public static final String CA_KEY = "ca.key";
  public static final String MEMBERSHIP_KEY = "membership.key";
  public static final String MEMBERSHIP_PUB = "membership.pub";
  public static final String TOKEN = "token";

  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration NODE_VALIDITY = Duration.ofDays(825);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final X509Certificate caCert;
  private final PrivateKey caKey;
  private final PrivateKey membershipKey;
  private final PublicKey membershipPublic;
  private final String token;

  private ClusterAuthority(
      Path dir,
      X509Certificate caCert,
      PrivateKey caKey,
      PrivateKey membershipKey,
      PublicKey membershipPublic,
      String token) {
    this.dir = dir;
    this.caCert = caCert;
    this.caKey = caKey;
    this.membershipKey = membershipKey;
    this.membershipPublic = membershipPublic;
    this.token = token;
  }

  /** {@code clusterHome/cluster}: where init writes and nodes' material is issued from. */
  public static Path dirOf(Path clusterHome) {
    return clusterHome.toAbsolutePath().resolve(DIR_NAME);
  }

  /** Whether {@code clusterHome} was initialized with {@code quarry cluster init}. */
  public static boolean initialized(Path clusterHome) {
    return Files.exists(dirOf(clusterHome).resolve(CA_CERT));
  }

  /**
   * Creates the CA, the membership key and the token under {@code clusterHome/cluster}; refuses to
   * replace existing material unless {@code force}.
   */
  public static ClusterAuthority init(Path clusterHome, boolean force) {
    Path dir = dirOf(requireNonNull(clusterHome, "clusterHome is null"));
    if (!force) {
      for (String name : List.of(CA_CERT, CA_KEY, MEMBERSHIP_KEY, MEMBERSHIP_PUB, TOKEN)) {
        if (Files.exists(dir.resolve(name))) {
          throw new QuarryException(
              ErrorCode.INVALID_ARGUMENT,
              "Cluster material already exists: "
                  + dir.resolve(name)
                  + " (give --force to replace it; every node then needs a new certificate)");
        }
      }
    }
    KeyPair ca = ecKeyPair();
    Instant now = Instant.now();
    X500Name caName =
        new X500Name("CN=Quarry cluster CA " + HexFormat.of().formatHex(randomBytes(4)));
    X509Certificate caCert;
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  caName,
                  serial(),
                  Date.from(now.minus(Duration.ofMinutes(5))),
                  Date.from(now.plus(CA_VALIDITY)),
                  caName,
                  ca.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  utils.createSubjectKeyIdentifier(ca.getPublic()));
      caCert = sign(builder, ca.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create the cluster CA", e);
    }
    KeyPair membership = ed25519KeyPair();
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    Pem.writeFile(dir.resolve(CA_KEY), Pem.encodePrivateKey(ca.getPrivate()), true);
    Pem.writeFile(dir.resolve(MEMBERSHIP_KEY), Pem.encodePrivateKey(membership.getPrivate()), true);
    Pem.writeFile(dir.resolve(TOKEN), token + "\n", true);
    Pem.writeFile(dir.resolve(MEMBERSHIP_PUB), Pem.encodePublicKey(membership.getPublic()), false);
    Pem.writeFile(dir.resolve(CA_CERT), Pem.encodeCertificate(caCert), false);
    return new ClusterAuthority(
        dir, caCert, ca.getPrivate(), membership.getPrivate(), membership.getPublic(), token);
  }

  /** Loads the material {@code quarry cluster init} made under {@code clusterHome/cluster}. */
  public static ClusterAuthority load(Path clusterHome) {
    Path dir = dirOf(requireNonNull(clusterHome, "clusterHome is null"));
    if (!Files.isDirectory(dir)) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "No cluster material in " + dir + " (run quarry cluster init --dir " + clusterHome + ")");
    }
    X509Certificate caCert = Pem.readCertificate(dir.resolve(CA_CERT), "cluster CA certificate");
    PrivateKey caKey = Pem.readPrivateKey(dir.resolve(CA_KEY), "cluster CA key");
    PrivateKey membershipKey = Pem.readPrivateKey(dir.resolve(MEMBERSHIP_KEY), "membership key");
    PublicKey membershipPublic =
        Pem.readPublicKey(dir.resolve(MEMBERSHIP_PUB), "membership public key");
    String token = Pem.readLine(dir.resolve(TOKEN), "client token");
    CertificateChecks.checkValid(caCert, dir.resolve(CA_CERT), "cluster CA certificate");
    if (!Signatures.matches(caKey, caCert.getPublicKey())) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "Cluster CA key " + dir.resolve(CA_KEY) + " does not belong to " + dir.resolve(CA_CERT));
    }
    if (!Signatures.matches(membershipKey, membershipPublic)) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "Membership key "
              + dir.resolve(MEMBERSHIP_KEY)
              + " does not belong to "
              + dir.resolve(MEMBERSHIP_PUB));
    }
    return new ClusterAuthority(dir, caCert, caKey, membershipKey, membershipPublic, token);
  }

  public Path dir() {
    return dir;
  }

  public Path caCertFile() {
    return dir.resolve(CA_CERT);
  }

  public Path tokenFile() {
    return dir.resolve(TOKEN);
  }

  public X509Certificate caCertificate() {
    return caCert;
  }

  /** SHA-256 of the CA certificate's DER bytes, as {@code AB:CD:…} (what openssl prints). */
  public String caFingerprint() {
    return fingerprint(caCert);
  }

  public static String fingerprint(X509Certificate cert) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot hash a certificate", e);
    }
  }

  /**
   * Writes a node's material into {@code securityDir}: a TLS certificate signed by the CA for
   * {@code hosts} (plus 127.0.0.1 and localhost) and its key, the CA certificate, the token, the
   * membership public key and this node's membership credential (the membership key's signature of
   * its PeerId). Returns the node certificate.
   */
  public X509Certificate issueNode(Path securityDir, PeerId peerId, List<String> hosts) {
    requireNonNull(securityDir, "securityDir is null");
    requireNonNull(peerId, "peerId is null");
    requireNonNull(hosts, "hosts is null");
    KeyPair node = ecKeyPair();
    Instant now = Instant.now();
    Set<String> names = new LinkedHashSet<>();
    for (String host : hosts) {
      if (host == null || host.isBlank()) {
        throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "--host is empty");
      }
      names.add(host.strip().toLowerCase(Locale.ROOT));
    }
    names.add("127.0.0.1");
    names.add("localhost");
    List<GeneralName> sans = new ArrayList<>();
    for (String name : names) {
      sans.add(
          isIpLiteral(name)
              ? new GeneralName(GeneralName.iPAddress, name)
              : new GeneralName(GeneralName.dNSName, name));
    }
    X509Certificate cert;
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  caCert,
                  serial(),
                  Date.from(now.minus(Duration.ofMinutes(5))),
                  Date.from(now.plus(NODE_VALIDITY)),
                  new X500Name("CN=" + peerId.text()),
                  node.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                      new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                      }))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(sans.toArray(GeneralName[]::new)))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  utils.createAuthorityKeyIdentifier(caCert))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  utils.createSubjectKeyIdentifier(node.getPublic()));
      cert = sign(builder, caKey);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue a node certificate", e);
    }
    String credential =
        Base64.getEncoder()
            .encodeToString(
                Signatures.sign(membershipKey, MemberCredentials.credentialMessage(peerId)));
    Path out = securityDir.toAbsolutePath();
    Pem.writeFile(
        out.resolve(NodeSecurity.NODE_KEY), Pem.encodePrivateKey(node.getPrivate()), true);
    Pem.writeFile(out.resolve(NodeSecurity.TOKEN), token + "\n", true);
    Pem.writeFile(out.resolve(NodeSecurity.CA_CERT), Pem.encodeCertificate(caCert), false);
    Pem.writeFile(
        out.resolve(NodeSecurity.MEMBERSHIP_PUB), Pem.encodePublicKey(membershipPublic), false);
    Pem.writeFile(out.resolve(NodeSecurity.CREDENTIAL), credential + "\n", false);
    Pem.writeFile(out.resolve(NodeSecurity.NODE_CERT), Pem.encodeCertificate(cert), false);
    return cert;
  }

  /** The DNS names and IP addresses a certificate is valid for, in its order. */
  public static List<String> hostsOf(X509Certificate cert) {
    try {
      List<String> out = new ArrayList<>();
      if (cert.getSubjectAlternativeNames() != null) {
        for (List<?> san : cert.getSubjectAlternativeNames()) {
          out.add(String.valueOf(san.get(1)));
        }
      }
      return out;
    } catch (java.security.cert.CertificateParsingException e) {
      throw new IllegalStateException("cannot read a certificate's names", e);
    }
  }

  static boolean isIpLiteral(String host) {
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false;
    }
    try {
      InetAddress.getByName(host);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no EC P-256", e);
    }
  }

  private static KeyPair ed25519KeyPair() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(1, randomBytes(16));
  }

  private static byte[] randomBytes(int n) {
    byte[] out = new byte[n];
    RANDOM.nextBytes(out);
    return out;
  }
}
