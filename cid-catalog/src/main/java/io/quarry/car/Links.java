package io.quarry.car;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.unixfs.DagPb;
import io.quarry.unixfs.PbLink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The CIDs a block links to, in the order its codec lists them. */
public final class Links {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Links() {}

  /** The block's links, or null when its codec is not one Quarry can read links from. */
  public static List<Cid> of(Cid cid, byte[] data) {
    long codec = cid.codec();
    if (codec == Multicodec.RAW) {
      return List.of();
    }
    try {
      if (codec == Multicodec.DAG_PB) {
        List<PbLink> links = DagPb.decode(data).links();
        List<Cid> out = new ArrayList<>(links.size());
        for (PbLink link : links) {
          out.add(link.hash());
        }
        return out;
      }
      if (codec == Multicodec.DAG_CBOR) {
        return DagCbor.links(data);
      }
      if (codec == Multicodec.DAG_JSON) {
        List<Cid> out = new ArrayList<>();
        collectJson(JSON.readTree(data), out);
        return out;
      }
    } catch (QuarryException | IOException e) {
      throw new QuarryException(
          ErrorCode.CORRUPT_DATA,
          "Block " + cid + " is not valid " + Multicodec.name(codec) + ": " + e.getMessage());
    }
    return null;
  }

  /** dag-json writes a link as {@code {"/": "<cid>"}}. */
  private static void collectJson(JsonNode node, List<Cid> out) {
    if (node.isObject()) {
      JsonNode slash = node.get("/");
      if (node.size() == 1 && slash != null && slash.isTextual()) {
        out.add(Cid.parse(slash.asText()));
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        collectJson(it.next().getValue(), out);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        collectJson(child, out);
      }
    }
  }
}
