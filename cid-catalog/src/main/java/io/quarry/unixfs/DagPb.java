package io.quarry.unixfs;

import io.quarry.cid.Cid;
import io.quarry.error.QuarryException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The dag-pb codec (PBNode / PBLink protobuf). Encoding is canonical as the spec requires: links
 * (field 2) before data (field 1) in the bytes, link fields in the order Hash, Name, Tsize.
 * Decoding accepts data before links too, as some old encoders wrote it, and rejects unknown
 * fields.
 */
public final class DagPb {
  private DagPb() {}

  public static byte[] encode(PbNode node) {
    List<byte[]> links = new ArrayList<>(node.links().size());
    int capacity = 16;
    for (PbLink link : node.links()) {
      byte[] encoded = encodeLink(link);
      links.add(encoded);
      capacity += encoded.length + 4;
    }
    byte[] data = node.data();
    if (data != null) {
      capacity += data.length + 10;
    }
    ProtoWriter w = new ProtoWriter(capacity);
    for (byte[] link : links) {
      w.bytesField(2, link);
    }
    if (data != null) {
      w.bytesField(1, data);
    }
    return w.toByteArray();
  }

  private static byte[] encodeLink(PbLink link) {
    ProtoWriter w = new ProtoWriter(link.hash().length() + 32);
    w.tag(1, 2);
    w.varint(link.hash().length());
    byte[] hash = link.hash().bytes();
    w.raw(hash, 0, hash.length);
    if (link.name() != null) {
      w.bytesField(2, link.name().getBytes(StandardCharsets.UTF_8));
    }
    if (link.tsize() != null) {
      w.varintField(3, link.tsize());
    }
    return w.toByteArray();
  }

  /**
   * Decodes a dag-pb block.
   *
   * @throws QuarryException CORRUPT_DATA saying what is wrong
   */
  public static PbNode decode(byte[] bytes) {
    ProtoReader r = new ProtoReader(bytes, 0, bytes.length, "dag-pb node");
    List<PbLink> links = new ArrayList<>();
    byte[] data = null;
    while (r.next()) {
      r.expectWireType(2);
      switch (r.field()) {
        case 1 -> {
          if (data != null) {
            throw r.corrupt("Data appears twice");
          }
          int start = r.lengthDelimited();
          data = Arrays.copyOfRange(bytes, start, r.position());
        }
        case 2 -> {
          int start = r.lengthDelimited();
          links.add(decodeLink(bytes, start, r.position()));
        }
        default -> throw r.corrupt("unknown field " + r.field());
      }
    }
    return new PbNode(links, data);
  }

  private static PbLink decodeLink(byte[] bytes, int offset, int end) {
    ProtoReader r = new ProtoReader(bytes, offset, end, "dag-pb link");
    Cid hash = null;
    String name = null;
    Long tsize = null;
    while (r.next()) {
      switch (r.field()) {
        case 1 -> {
          r.expectWireType(2);
          int start = r.lengthDelimited();
          try {
            hash = Cid.decode(Arrays.copyOfRange(bytes, start, r.position()));
          } catch (QuarryException e) {
            throw r.corrupt(e.getMessage());
          }
        }
        case 2 -> {
          r.expectWireType(2);
          int start = r.lengthDelimited();
          name = new String(bytes, start, r.position() - start, StandardCharsets.UTF_8);
        }
        case 3 -> {
          r.expectWireType(0);
          tsize = r.varint();
        }
        default -> throw r.corrupt("unknown field " + r.field());
      }
    }
    if (hash == null) {
      throw r.corrupt("link without Hash");
    }
    return new PbLink(hash, name, tsize);
  }
}
