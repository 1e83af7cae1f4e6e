package io.quarry.unixfs;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A dag-pb node: links, then optional data (null when absent). */
public record PbNode(List<PbLink> links, byte[] data) {
  public PbNode {
    links = List.copyOf(requireNonNull(links, "links is null"));
  }
}
