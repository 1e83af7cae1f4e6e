package io.quarry.unixfs;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The UnixFS {@code Data} protobuf carried in a dag-pb node's data: type, inline bytes, file size,
 * the content size of each linked part, and HAMT parameters. Mode and mtime are skipped on read and
 * never written (Quarry imports carry no metadata, as {@code ipfs-car pack} and {@code ipfs add}).
 */
public record UnixFsData(
    Type type, byte[] data, Long filesize, List<Long> blocksizes, Long hashType, Long fanout) {

  /** UnixFS node types with their protobuf numbers. */
  public enum Type {
    RAW(0),
    DIRECTORY(1),
    FILE(2),
    METADATA(3),
    SYMLINK(4),
    HAMT_SHARD(5);

    private final int number;

    Type(int number) {
      this.number = number;
    }

    public int number() {
      return number;
    }

    static Type of(long number) {
      for (Type t : values()) {
        if (t.number == number) {
          return t;
        }
      }
      return null;
    }
  }

  public UnixFsData {
    requireNonNull(type, "type is null");
    blocksizes = List.copyOf(requireNonNull(blocksizes, "blocksizes is null"));
  }

  public static UnixFsData directory() {
    return new UnixFsData(Type.DIRECTORY, null, null, List.of(), null, null);
  }

  /** The number of content bytes below this node: filesize, or inline data plus parts. */
  public long contentSize() {
    if (filesize != null) {
      return filesize;
    }
    long size = data == null ? 0 : data.length;
    for (long b : blocksizes) {
      size += b;
    }
    return size;
  }

  public byte[] encode() {
    ProtoWriter w = new ProtoWriter(16 + (data == null ? 0 : data.length) + blocksizes.size() * 6);
    w.varintField(1, type.number());
    if (data != null) {
      w.bytesField(2, data);
    }
    if (filesize != null) {
      w.varintField(3, filesize);
    }
    for (long b : blocksizes) {
      w.varintField(4, b);
    }
    if (hashType != null) {
      w.varintField(5, hashType);
    }
    if (fanout != null) {
      w.varintField(6, fanout);
    }
    return w.toByteArray();
  }

  /**
   * Decodes UnixFS data.
   *
   * @throws io.quarry.error.QuarryException CORRUPT_DATA saying what is wrong
   */
  public static UnixFsData decode(byte[] bytes) {
    ProtoReader r = new ProtoReader(bytes, 0, bytes.length, "UnixFS data");
    Type type = null;
    byte[] data = null;
    Long filesize = null;
    List<Long> blocksizes = new ArrayList<>();
    Long hashType = null;
    Long fanout = null;
    while (r.next()) {
      switch (r.field()) {
        case 1 -> {
          r.expectWireType(0);
          long number = r.varint();
          type = Type.of(number);
          if (type == null) {
            throw r.corrupt("unknown UnixFS type " + number);
          }
        }
        case 2 -> {
          r.expectWireType(2);
          int start = r.lengthDelimited();
          data = Arrays.copyOfRange(bytes, start, r.position());
        }
        case 3 -> {
          r.expectWireType(0);
          filesize = r.varint();
        }
        case 4 -> {
          if (r.wireType() == 2) {
            int start = r.lengthDelimited();
            int end = r.position();
            ProtoReader packed = new ProtoReader(bytes, start, end, "UnixFS blocksizes");
            while (packed.position() < end) {
              blocksizes.add(packed.varint());
            }
          } else {
            r.expectWireType(0);
            blocksizes.add(r.varint());
          }
        }
        case 5 -> {
          r.expectWireType(0);
          hashType = r.varint();
        }
        case 6 -> {
          r.expectWireType(0);
          fanout = r.varint();
        }
        default -> r.skip();
      }
    }
    if (type == null) {
      throw r.corrupt("missing Type");
    }
    return new UnixFsData(type, data, filesize, blocksizes, hashType, fanout);
  }
}
