package io.quarry.node.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.QuarryException;
import io.quarry.node.client.RemoteQueryClient;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.node.cluster.Member;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.cluster.NodeAdmission.NodeCredentials;
import io.quarry.node.cluster.NodeInfo;
import io.quarry.node.engine.QueryResult;
import io.quarry.node.identity.NodeIdentity;
import io.quarry.node.identity.PeerId;
import io.quarry.node.server.NodeConfig;
import io.quarry.node.server.QuarryNode;
import io.quarry.node.server.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node with TLS, token auth and cluster membership, on 127.0.0.1 in this JVM. */
class SecureNodeTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final Duration CALL = Duration.ofSeconds(10);

  @TempDir Path dir;
  private ClusterAuthority authority;
  private QuarryNode node;
  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    authority = ClusterAuthority.init(dir, false);
    node = startNode(dir.resolve("a"), List.of(), log);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void aPlaintextClientIsRefused() {
    try (RemoteQueryClient client = new RemoteQueryClient(node.address(), ClientSecurity.NONE)) {
      QuarryException e = assertThrows(QuarryException.class, () -> client.checkReachable(CALL));
      assertTrue(e.getMessage().startsWith("Cannot reach a Quarry node at"), e.getMessage());
      assertTrue(e.getMessage().contains("--tls-ca"), e.getMessage());
    }
  }

  @Test
  void aClientWithoutTheTokenIsRefused() {
    ClientSecurity noToken = ClientSecurity.of(authority.caCertFile(), null);
    try (RemoteQueryClient client = new RemoteQueryClient(node.address(), noToken)) {
      QuarryException e = assertThrows(QuarryException.class, () -> client.checkReachable(CALL));
      assertTrue(e.getMessage().contains("requires a client token"), e.getMessage());
      assertTrue(e.getMessage().contains("authorization: Bearer"), e.getMessage());
      assertTrue(RemoteQueryClient.refusedAccess(e));
    }
  }

  @Test
  void aWrongTokenIsRefused() {
    ClientSecurity wrong = ClientSecurity.of(authority.caCertFile(), "not-the-token");
    try (RemoteQueryClient client = new RemoteQueryClient(node.address(), wrong)) {
      QuarryException e = assertThrows(QuarryException.class, () -> client.checkReachable(CALL));
      assertTrue(e.getMessage().contains("The client token is wrong"), e.getMessage());
      FlightRuntimeException cause = assertInstanceOf(FlightRuntimeException.class, e.getCause());
      assertEquals(FlightStatusCode.UNAUTHENTICATED, cause.status().code());
    }
  }

  @Test
  void aClientWithTlsAndTheTokenRunsQueries() throws Exception {
    ClientSecurity right = ClientSecurity.forCluster(dir);
    try (RemoteQueryClient client = new RemoteQueryClient(node.address(), right)) {
      client.checkReachable(CALL);
      try (QueryResult result = client.execute("SELECT 41 + 1 AS x")) {
        VectorSchemaRoot batch = result.next();
        try (batch) {
          assertEquals(1, batch.getRowCount());
          assertEquals(42, ((IntVector) batch.getVector("x")).get(0));
        }
      }
    }
  }

  @Test
  void aStrangersPingIsRefusedAndLogged() throws Exception {
    NodeIdentity stranger = NodeIdentity.generate();
    NodeInfo info = new NodeInfo(stranger.peerId(), new NodeAddress("127.0.0.1", 1), "", "");
    try (ClusterClient client = new ClusterClient(ClientSecurity.forCluster(dir))) {
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () ->
                  client.call(
                      node.address(), ClusterWire.PING, ClusterWire.encodeNode(info), CALL));
      assertTrue(
          e.getMessage().contains("Node " + stranger.peerId() + " is not a member of this cluster"),
          e.getMessage());
      FlightRuntimeException cause = assertInstanceOf(FlightRuntimeException.class, e.getCause());
      assertEquals(FlightStatusCode.UNAUTHORIZED, cause.status().code());
    }
    assertFalse(known(stranger.peerId()));
    assertTrue(
        log.stream().anyMatch(line -> line.startsWith("refused ping from " + stranger.peerId())),
        log.toString());
  }

  @Test
  void aCopiedCredentialDoesNotAdmitAnotherAddress() throws Exception {
    NodeIdentity member = NodeIdentity.loadOrCreate(dir.resolve("m"));
    Path security = dir.resolve("m/security");
    authority.issueNode(security, member.peerId(), List.of("127.0.0.1"));
    String credential = Files.readString(security.resolve(NodeSecurity.CREDENTIAL)).strip();
    NodeInfo moved = new NodeInfo(member.peerId(), new NodeAddress("127.0.0.1", 2), "", "");
    // The credential is genuine but the address proof is not signed by the member's key.
    NodeCredentials forged =
        new NodeCredentials(credential, Base64.getEncoder().encodeToString(new byte[64]));
    try (ClusterClient client = new ClusterClient(ClientSecurity.forCluster(dir))) {
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () ->
                  client.call(
                      node.address(),
                      ClusterWire.PING,
                      ClusterWire.encodeNode(moved, forged),
                      CALL));
      assertTrue(e.getMessage().contains("is not signed by the key of PeerId"), e.getMessage());
      assertFalse(known(member.peerId()));

      // The member itself, with its own proof, is admitted.
      NodeCredentials genuine =
          NodeSecurity.load(security, member).admission().credentialsFor(moved);
      client.call(node.address(), ClusterWire.PING, ClusterWire.encodeNode(moved, genuine), CALL);
      assertTrue(known(member.peerId()));
    }
  }

  @Test
  void securedNodesFormAClusterAndRunQueriesAcrossIt() throws Exception {
    QuarryNode b = null;
    try {
      TestCluster.importTrips(dir.resolve("c"), dir);
      try (QuarryNode c = startNode(dir.resolve("c"), List.of(node.address()), log)) {
        b = startNode(dir.resolve("b"), List.of(node.address()), log);
        QuarryNode joined = b;
        TestCluster.await(
            "three secured nodes see each other",
            BOUND,
            () -> alive(node) == 3 && alive(joined) == 3 && alive(c) == 3);
        TestCluster.await(
            "b adopts trips", BOUND, () -> joined.store().datasets().latest("trips").isPresent());
        try (RemoteQueryClient client =
            new RemoteQueryClient(b.address(), ClientSecurity.forCluster(dir))) {
          try (QueryResult result = client.execute("SELECT sum(id) AS s FROM trips")) {
            VectorSchemaRoot batch = result.next();
            try (batch) {
              assertEquals(5050L, ((Number) batch.getVector("s").getObject(0)).longValue());
            }
          }
        }
        // b holds no shard: the leaf fragments ran on c, called over TLS with the token.
        assertTrue(c.fragmentStats().snapshot().served() > 0);
      }
    } finally {
      if (b != null) {
        b.close();
      }
    }
  }

  @Test
  void aMemberOfAnotherClusterIsRefused() throws Exception {
    ClusterAuthority other = ClusterAuthority.init(dir.resolve("other"), false);
    NodeIdentity foreign = NodeIdentity.loadOrCreate(dir.resolve("x"));
    Path security = dir.resolve("x/security");
    other.issueNode(security, foreign.peerId(), List.of("127.0.0.1"));
    NodeInfo info = new NodeInfo(foreign.peerId(), new NodeAddress("127.0.0.1", 3), "", "");
    NodeCredentials credentials =
        NodeSecurity.load(security, foreign).admission().credentialsFor(info);
    try (ClusterClient client = new ClusterClient(ClientSecurity.forCluster(dir))) {
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () ->
                  client.call(
                      node.address(),
                      ClusterWire.PING,
                      ClusterWire.encodeNode(info, credentials),
                      CALL));
      assertTrue(
          e.getMessage().contains("its membership credential was not issued by this cluster"),
          e.getMessage());
    }
    assertFalse(known(foreign.peerId()));
  }

  private QuarryNode startNode(Path home, List<NodeAddress> peers, List<String> lines) {
    NodeIdentity identity = NodeIdentity.loadOrCreate(home);
    Path security = home.resolve("security");
    authority.issueNode(security, identity.peerId(), List.of("127.0.0.1"));
    return QuarryNode.start(config(home, peers).withSecurity(security), lines::add);
  }

  private static NodeConfig config(Path home, List<NodeAddress> peers) {
    return new NodeConfig(
        home,
        new NodeAddress("127.0.0.1", 0),
        peers,
        Duration.ofMillis(200),
        Duration.ofSeconds(2),
        "test",
        null);
  }

  private boolean known(PeerId peerId) {
    return node.members().stream().anyMatch(m -> m.peerId().equals(peerId));
  }

  private static long alive(QuarryNode n) {
    return n.members().stream().filter(Member::alive).count();
  }
}
