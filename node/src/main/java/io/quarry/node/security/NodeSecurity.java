package io.quarry.node.security;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.NodeAdmission;
import io.quarry.node.identity.NodeIdentity;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;

/**
 * A node's security material, in one directory ({@code <home>/security} unless told otherwise), as
 * {@code quarry cluster cert} or {@code quarry cluster up} write it: its TLS certificate signed by
 * the cluster CA and its key, the CA certificate, the client token, the membership public key and
 * this node's membership credential. Loading checks all of it and names the file at fault.
 */
public final class NodeSecurity {
  public static final String DIR_NAME = "security";
  public static final String NODE_CERT = "node.crt";
  public static final String NODE_KEY = "node.key";
  public static final String CA_CERT = "ca.crt";
  public static final String TOKEN = "token";
  public static final String MEMBERSHIP_PUB = "membership.pub";
  public static final String CREDENTIAL = "member.sig";

  private final Path dir;
  private final byte[] certificatePem;
  private final byte[] keyPem;
  private final X509Certificate certificate;
  private final String token;
  private final MemberCredentials admission;
  private final ClientSecurity clientSecurity;

  private NodeSecurity(
      Path dir,
      byte[] certificatePem,
      byte[] keyPem,
      X509Certificate certificate,
      String token,
      MemberCredentials admission,
      ClientSecurity clientSecurity) {
    this.dir = dir;
    this.certificatePem = certificatePem;
    this.keyPem = keyPem;
    this.certificate = certificate;
    this.token = token;
    this.admission = admission;
    this.clientSecurity = clientSecurity;
  }

  /** Where a node keeps its material unless {@code quarry serve --security DIR} says otherwise. */
  public static Path defaultDir(Path home) {
    return home.toAbsolutePath().resolve(DIR_NAME);
  }

  /** Loads and checks the material in {@code dir} for the node whose identity is given. */
  public static NodeSecurity load(Path dir, NodeIdentity identity) {
    requireNonNull(dir, "dir is null");
    requireNonNull(identity, "identity is null");
    Path d = dir.toAbsolutePath();
    Path certFile = d.resolve(NODE_CERT);
    Path keyFile = d.resolve(NODE_KEY);
    Path caFile = d.resolve(CA_CERT);
    X509Certificate ca = Pem.readCertificate(caFile, "cluster CA certificate");
    CertificateChecks.checkValid(ca, caFile, "cluster CA certificate");
    X509Certificate cert = Pem.readCertificate(certFile, "node certificate");
    CertificateChecks.checkValid(cert, certFile, "node certificate");
    CertificateChecks.checkIssuedBy(cert, certFile, ca, caFile);
    PrivateKey key = Pem.readPrivateKey(keyFile, "node key");
    if (!Signatures.matches(key, cert.getPublicKey())) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "The node key " + keyFile + " does not belong to the certificate " + certFile);
    }
    String token = Pem.readLine(d.resolve(TOKEN), "client token");
    PublicKey membership = Pem.readPublicKey(d.resolve(MEMBERSHIP_PUB), "membership public key");
    Path credentialFile = d.resolve(CREDENTIAL);
    String credential = Pem.readLine(credentialFile, "membership credential");
    MemberCredentials admission = new MemberCredentials(identity, membership, credential);
    if (!admission.verifiesCredential(identity.peerId(), credential)) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "The membership credential "
              + credentialFile
              + " is not the cluster's signature of this node's PeerId "
              + identity.peerId()
              + " (issue the node's material again with quarry cluster cert)");
    }
    return new NodeSecurity(
        d,
        Pem.encodeCertificate(cert).getBytes(StandardCharsets.US_ASCII),
        Pem.encodePrivateKey(key).getBytes(StandardCharsets.US_ASCII),
        cert,
        token,
        admission,
        ClientSecurity.of(
            Pem.encodeCertificate(ca).getBytes(StandardCharsets.US_ASCII),
            caFile.toString(),
            token));
  }

  public Path dir() {
    return dir;
  }

  /** The node's certificate, PEM, for the Flight server's TLS. */
  public InputStream certificateChain() {
    return new ByteArrayInputStream(certificatePem);
  }

  /** The node's PKCS#8 private key, PEM, for the Flight server's TLS. */
  public InputStream privateKey() {
    return new ByteArrayInputStream(keyPem);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The bearer token every client call must carry. */
  public String token() {
    return token;
  }

  /** Admits only members of this cluster, and proves this node's membership to them. */
  public NodeAdmission admission() {
    return admission;
  }

  /** How this node calls its peers: TLS trusting the cluster CA, with the token. */
  public ClientSecurity clientSecurity() {
    return clientSecurity;
  }
}
