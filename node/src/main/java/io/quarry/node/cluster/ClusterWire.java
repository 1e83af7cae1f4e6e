package io.quarry.node.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.identity.PeerId;
import java.io.IOException;
import java.util.List;

/** The JSON bodies of the cluster's Flight actions. */
public final class ClusterWire {
  /** Heartbeat: body = the caller's NodeInfo; result = a {@link PingReply}. */
  public static final String PING = "quarry.ping";

  /** Result: the responder's member table, one {@link MemberJson} per member. */
  public static final String MEMBERS = "quarry.members";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ClusterWire() {}

  /** NodeInfo on the wire, with its membership credentials when the cluster is secured. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NodeJson(
      String peerId,
      String address,
      String holdings,
      String datasets,
      String credential,
      String proof) {
    static NodeJson of(NodeInfo info) {
      return of(info, NodeAdmission.NodeCredentials.NONE);
    }

    static NodeJson of(NodeInfo info, NodeAdmission.NodeCredentials credentials) {
      return new NodeJson(
          info.peerId().text(),
          info.address().toString(),
          info.holdingsDigest(),
          info.datasetsDigest(),
          credentials.credential(),
          credentials.proof());
    }

    NodeInfo toInfo() {
      return new NodeInfo(
          PeerId.parse(peerId),
          NodeAddress.parse(address),
          holdings == null ? "" : holdings,
          datasets == null ? "" : datasets);
    }

    NodeAdmission.NodeCredentials credentials() {
      return new NodeAdmission.NodeCredentials(credential, proof);
    }
  }

  /** A node's self-description as it travels in a ping, with the credentials it came with. */
  public record SignedNode(NodeInfo info, NodeAdmission.NodeCredentials credentials) {}

  /** A heartbeat's answer: who answered (with its credentials), and the members it sees alive. */
  public record PingReply(
      NodeInfo self, NodeAdmission.NodeCredentials selfCredentials, List<NodeInfo> live) {}

  record PingReplyJson(NodeJson self, List<NodeJson> live) {}

  /** Member on the wire. */
  public record MemberJson(String peerId, String address, boolean alive, long silenceMillis) {}

  public static byte[] encodeNode(NodeInfo info) {
    return write(NodeJson.of(info));
  }

  public static byte[] encodeNode(NodeInfo info, NodeAdmission.NodeCredentials credentials) {
    return write(NodeJson.of(info, credentials));
  }

  public static NodeInfo decodeNode(byte[] body) {
    return decodeSignedNode(body).info();
  }

  public static SignedNode decodeSignedNode(byte[] body) {
    NodeJson json = read(body, new TypeReference<NodeJson>() {});
    if (json.peerId() == null || json.address() == null) {
      throw new QuarryException(
          ErrorCode.REMOTE_ERROR, "Malformed cluster message: a node without PeerId or address");
    }
    return new SignedNode(json.toInfo(), json.credentials());
  }

  public static byte[] encodePingReply(NodeInfo self, List<NodeInfo> live) {
    return encodePingReply(self, NodeAdmission.NodeCredentials.NONE, live);
  }

  public static byte[] encodePingReply(
      NodeInfo self, NodeAdmission.NodeCredentials selfCredentials, List<NodeInfo> live) {
    return write(
        new PingReplyJson(
            NodeJson.of(self, selfCredentials), live.stream().map(NodeJson::of).toList()));
  }

  public static PingReply decodePingReply(byte[] body) {
    PingReplyJson json = read(body, new TypeReference<PingReplyJson>() {});
    return new PingReply(
        json.self().toInfo(),
        json.self().credentials(),
        json.live().stream().map(NodeJson::toInfo).toList());
  }

  public static byte[] encodeMembers(List<Member> members) {
    return write(
        members.stream()
            .map(
                m ->
                    new MemberJson(
                        m.peerId().text(), m.address().toString(), m.alive(), m.silenceMillis()))
            .toList());
  }

  public static List<Member> decodeMembers(byte[] body) {
    return read(body, new TypeReference<List<MemberJson>>() {}).stream()
        .map(
            m ->
                new Member(
                    PeerId.parse(m.peerId()),
                    NodeAddress.parse(m.address()),
                    m.alive(),
                    m.silenceMillis()))
        .toList();
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  public static <T> T read(byte[] body, TypeReference<T> type) {
    try {
      return MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.REMOTE_ERROR, "Malformed cluster message: " + e.getMessage(), e);
    }
  }
}
