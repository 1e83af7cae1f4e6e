package io.quarry.unixfs;

import io.quarry.cid.Varint;
import java.util.Arrays;

/** A growable byte array with the few protobuf primitives dag-pb and UnixFS need. */
final class ProtoWriter {
  private byte[] buf;
  private int size;

  ProtoWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  void varint(long value) {
    ensure(Varint.MAX_BYTES);
    size = Varint.write(value, buf, size);
  }

  void varintField(int field, long value) {
    tag(field, 0);
    varint(value);
  }

  void bytesField(int field, byte[] bytes) {
    bytesField(field, bytes, 0, bytes.length);
  }

  void bytesField(int field, byte[] bytes, int offset, int length) {
    tag(field, 2);
    varint(length);
    raw(bytes, offset, length);
  }

  void raw(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buf, size, length);
    size += length;
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return size == buf.length ? buf : Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
