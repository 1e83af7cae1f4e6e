package io.quarry.node.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.QuarryException;
import io.quarry.node.identity.NodeIdentity;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterAuthorityTest {
  @TempDir Path dir;

  @Test
  void initWritesTheMaterialWithSecretsForTheOwnerOnly() throws Exception {
    ClusterAuthority authority = ClusterAuthority.init(dir, false);
    Path d = dir.resolve("cluster");
    assertEquals(d, authority.dir());
    for (String secret : List.of("ca.key", "membership.key", "token")) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve(secret))));
    }
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("ca.crt"))));
    String token = Files.readString(d.resolve("token")).strip();
    assertEquals(32, Base64.getUrlDecoder().decode(token).length);
    X509Certificate ca = authority.caCertificate();
    assertTrue(ca.getBasicConstraints() >= 0, "the CA certificate is a CA");
    assertEquals("EC", ca.getPublicKey().getAlgorithm());
    assertTrue(authority.caFingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
    assertTrue(ClusterAuthority.initialized(dir));
  }

  @Test
  void initRefusesToReplaceMaterialUnlessForced() {
    ClusterAuthority first = ClusterAuthority.init(dir, false);
    QuarryException e =
        assertThrows(QuarryException.class, () -> ClusterAuthority.init(dir, false));
    assertTrue(e.getMessage().contains(dir.resolve("cluster").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("--force"), e.getMessage());
    ClusterAuthority second = ClusterAuthority.init(dir, true);
    assertNotEquals(first.caFingerprint(), second.caFingerprint());
    assertEquals(second.caFingerprint(), ClusterAuthority.load(dir).caFingerprint());
  }

  @Test
  void issuedNodeMaterialLoadsAndNamesTheNodesHosts() throws Exception {
    ClusterAuthority authority = ClusterAuthority.init(dir, false);
    Path home = dir.resolve("node");
    NodeIdentity identity = NodeIdentity.loadOrCreate(home);
    Path security = home.resolve("security");
    X509Certificate cert =
        authority.issueNode(security, identity.peerId(), List.of("db-1.example"));
    cert.verify(authority.caCertificate().getPublicKey());
    Set<String> names =
        cert.getSubjectAlternativeNames().stream()
            .map(san -> san.get(1).toString())
            .collect(Collectors.toSet());
    assertEquals(Set.of("db-1.example", "127.0.0.1", "localhost"), names);
    assertTrue(cert.getSubjectX500Principal().getName().contains(identity.peerId().text()));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(security.resolve("node.key"))));

    NodeSecurity loaded = NodeSecurity.load(security, identity);
    assertEquals(cert, loaded.certificate());
    assertEquals(Files.readString(dir.resolve("cluster/token")).strip(), loaded.token());
    assertTrue(loaded.clientSecurity().tls());
  }

  @Test
  void materialOfAnotherClusterIsRefusedNamingTheFile() throws Exception {
    Path home = dir.resolve("node");
    NodeIdentity identity = NodeIdentity.loadOrCreate(home);
    Path security = home.resolve("security");
    ClusterAuthority.init(dir.resolve("a"), false)
        .issueNode(security, identity.peerId(), List.of());
    ClusterAuthority other = ClusterAuthority.init(dir.resolve("b"), false);
    Files.copy(
        other.caCertFile(),
        security.resolve("ca.crt"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    QuarryException e =
        assertThrows(QuarryException.class, () -> NodeSecurity.load(security, identity));
    assertTrue(e.getMessage().contains(security.resolve("node.crt").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not signed by the cluster CA"), e.getMessage());
  }

  @Test
  void missingOrMalformedFilesAreNamed() throws Exception {
    ClusterAuthority authority = ClusterAuthority.init(dir, false);
    Path home = dir.resolve("node");
    NodeIdentity identity = NodeIdentity.loadOrCreate(home);
    Path security = home.resolve("security");
    authority.issueNode(security, identity.peerId(), List.of());

    Files.delete(security.resolve("node.key"));
    QuarryException missing =
        assertThrows(QuarryException.class, () -> NodeSecurity.load(security, identity));
    assertEquals("Missing node key: " + security.resolve("node.key"), missing.getMessage());

    authority.issueNode(security, identity.peerId(), List.of());
    Files.writeString(security.resolve("node.crt"), "not a certificate\n");
    QuarryException malformed =
        assertThrows(QuarryException.class, () -> NodeSecurity.load(security, identity));
    assertTrue(
        malformed.getMessage().startsWith("Bad node certificate " + security.resolve("node.crt")),
        malformed.getMessage());
  }

  @Test
  void anExpiredNodeCertificateIsRefused() throws Exception {
    ClusterAuthority authority = ClusterAuthority.init(dir, false);
    Path home = dir.resolve("node");
    NodeIdentity identity = NodeIdentity.loadOrCreate(home);
    Path security = home.resolve("security");
    authority.issueNode(security, identity.peerId(), List.of());
    PrivateKey caKey = Pem.readPrivateKey(dir.resolve("cluster/ca.key"), "CA key");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair node = generator.generateKeyPair();
    Instant past = Instant.now().minus(Duration.ofDays(30));
    X509Certificate expired =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        authority.caCertificate(),
                        BigInteger.TEN,
                        Date.from(past.minus(Duration.ofDays(1))),
                        Date.from(past),
                        new X500Name("CN=" + identity.peerId().text()),
                        node.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
    Files.writeString(security.resolve("node.crt"), Pem.encodeCertificate(expired));
    Files.writeString(security.resolve("node.key"), Pem.encodePrivateKey(node.getPrivate()));
    QuarryException e =
        assertThrows(QuarryException.class, () -> NodeSecurity.load(security, identity));
    assertTrue(
        e.getMessage()
            .startsWith("The node certificate " + security.resolve("node.crt") + " expired"),
        e.getMessage());
  }

  @Test
  void aCredentialIssuedForAnotherPeerIsRefused() {
    ClusterAuthority authority = ClusterAuthority.init(dir, false);
    NodeIdentity identity = NodeIdentity.loadOrCreate(dir.resolve("node"));
    Path security = dir.resolve("node/security");
    authority.issueNode(security, NodeIdentity.generate().peerId(), List.of());
    QuarryException e =
        assertThrows(QuarryException.class, () -> NodeSecurity.load(security, identity));
    assertTrue(e.getMessage().contains(security.resolve("member.sig").toString()), e.getMessage());
    assertTrue(e.getMessage().contains(identity.peerId().text()), e.getMessage());
  }

  @Test
  void clientSecurityRefusesAMissingCaFile() {
    Path missing = dir.resolve("nope.crt");
    QuarryException e = assertThrows(QuarryException.class, () -> ClientSecurity.of(missing, "t"));
    assertEquals("Missing TLS CA certificate: " + missing, e.getMessage());
    assertEquals(ClientSecurity.NONE, ClientSecurity.forCluster(dir));
  }
}
