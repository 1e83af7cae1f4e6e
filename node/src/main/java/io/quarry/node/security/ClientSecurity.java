package io.quarry.node.security;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.NodeAddress;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;

/**
 * How a client reaches nodes: plaintext, or TLS trusting a cluster CA; with or without the
 * cluster's bearer token. {@link #NONE} (plaintext, no token) is what nodes without security
 * material serve.
 */
public final class ClientSecurity {
  /** Plaintext, no token. */
  public static final ClientSecurity NONE = new ClientSecurity(null, null, null);

  private static volatile Supplier<ClientSecurity> processDefault = () -> NONE;

  private final byte[] caPem;
  private final String caSource;
  private final String token;

  private ClientSecurity(byte[] caPem, String caSource, String token) {
    this.caPem = caPem;
    this.caSource = caSource;
    this.token = token;
  }

  static ClientSecurity of(byte[] caPem, String caSource, String token) {
    return new ClientSecurity(caPem.clone(), caSource, token);
  }

  /**
   * TLS trusting the CA certificate(s) in {@code caFile} when it is not null, and the token when it
   * is not null; a bad or expired CA file is refused naming it.
   */
  public static ClientSecurity of(Path caFile, String token) {
    byte[] pem = null;
    String source = null;
    if (caFile != null) {
      Path file = caFile.toAbsolutePath();
      StringBuilder text = new StringBuilder();
      for (X509Certificate cert : Pem.readCertificates(file, "TLS CA certificate")) {
        CertificateChecks.checkValid(cert, file, "TLS CA certificate");
        text.append(Pem.encodeCertificate(cert));
      }
      pem = text.toString().getBytes(StandardCharsets.US_ASCII);
      source = file.toString();
    }
    if (token != null && token.isBlank()) {
      throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "The client token is empty");
    }
    return new ClientSecurity(pem, source, token == null ? null : token.strip());
  }

  /** Like {@link #of(Path, String)}, with the token read from {@code tokenFile} (may be null). */
  public static ClientSecurity fromFiles(Path caFile, Path tokenFile) {
    String token =
        tokenFile == null ? null : Pem.readLine(tokenFile.toAbsolutePath(), "client token file");
    return of(caFile, token);
  }

  /**
   * What a tool on the machine that ran {@code quarry cluster init --dir DIR} uses: the cluster's
   * CA and token, or {@link #NONE} for a directory that was not initialized.
   */
  public static ClientSecurity forCluster(Path clusterHome) {
    if (!ClusterAuthority.initialized(clusterHome)) {
      return NONE;
    }
    Path dir = ClusterAuthority.dirOf(clusterHome);
    return fromFiles(dir.resolve(ClusterAuthority.CA_CERT), dir.resolve(ClusterAuthority.TOKEN));
  }

  /**
   * What clients built without explicit security use in this process ({@code quarry --tls-ca …
   * --token-file …} sets it); {@link #NONE} unless set.
   */
  public static ClientSecurity processDefault() {
    return processDefault.get();
  }

  /**
   * Sets {@link #processDefault()}; {@code security} is asked each time a client is built, so a bad
   * file surfaces as the error of the command that needed it.
   */
  public static void setProcessDefault(Supplier<ClientSecurity> security) {
    processDefault = requireNonNull(security, "security is null");
  }

  public boolean tls() {
    return caPem != null;
  }

  /** The bearer token, or null. */
  public String token() {
    return token;
  }

  /** The file the trusted CA came from, or null without TLS. */
  public String caSource() {
    return caSource;
  }

  public Location location(NodeAddress address) {
    return tls()
        ? Location.forGrpcTls(address.host(), address.port())
        : Location.forGrpcInsecure(address.host(), address.port());
  }

  /** A Flight client builder for {@code address} with this TLS and token. */
  public FlightClient.Builder builder(BufferAllocator allocator, NodeAddress address) {
    FlightClient.Builder builder = FlightClient.builder(allocator, location(address));
    if (tls()) {
      builder.useTls().trustedCertificates(new ByteArrayInputStream(caPem));
    }
    if (token != null) {
      builder.intercept(BearerTokenMiddleware.factory(token));
    }
    return builder;
  }

  /** A hint for a connection failure that may come from a TLS mismatch. */
  public String connectionHint() {
    return tls()
        ? " (this client uses TLS with the CA "
            + caSource
            + "; does the node serve TLS with a certificate of that CA?)"
        : " (this client uses plaintext; if the node serves TLS, give its cluster CA with --tls-ca"
            + " FILE, or useEncryption=true;tlsRootCerts=FILE in a JDBC URL)";
  }
}
