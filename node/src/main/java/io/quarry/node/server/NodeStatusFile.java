package io.quarry.node.server;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.identity.PeerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code <home>/node.json}: the PeerId, address and process id of the node serving a store, written
 * once it listens, so that cluster tools find the node. Only a hint: the process may have died.
 */
public record NodeStatusFile(PeerId peerId, NodeAddress address, long pid) {
  public static final String FILE_NAME = "node.json";

  private record Json(String peerId, String address, long pid) {}

  public void write(Path home) {
    Path file = home.resolve(FILE_NAME);
    try {
      Path temp = Files.createTempFile(home, ".node", ".tmp");
      Files.write(temp, ClusterWire.write(new Json(peerId.text(), address.toString(), pid)));
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static Optional<NodeStatusFile> read(Path home) {
    Path file = home.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Json json = ClusterWire.read(Files.readAllBytes(file), new TypeReference<Json>() {});
      return Optional.of(
          new NodeStatusFile(
              PeerId.parse(json.peerId()), NodeAddress.parse(json.address()), json.pid()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
