package io.quarry.car;

import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of dag-cbor Quarry needs: the CAR header ({@code {roots: [CID…], version: 1}}) and
 * finding the links (tag 42) inside dag-cbor blocks. Values decode to Long, Double, Boolean, null,
 * byte[], String, List, Map (text keys) and Cid.
 */
final class DagCbor {
  private static final int CID_TAG = 42;
  private static final int MAX_DEPTH = 512;

  private DagCbor() {}

  /** The dag-cbor bytes of a CARv1 header; keys in dag-cbor order (length, then bytes). */
  static byte[] carHeader(List<Cid> roots) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 48 * roots.size());
    head(out, 5, 2);
    text(out, "roots");
    head(out, 4, roots.size());
    for (Cid root : roots) {
      head(out, 6, CID_TAG);
      byte[] bytes = root.bytes();
      head(out, 2, bytes.length + 1);
      out.write(0);
      out.write(bytes, 0, bytes.length);
    }
    text(out, "version");
    head(out, 0, 1);
    return out.toByteArray();
  }

  private static void text(ByteArrayOutputStream out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    head(out, 3, utf8.length);
    out.write(utf8, 0, utf8.length);
  }

  private static void head(ByteArrayOutputStream out, int major, long value) {
    int mt = major << 5;
    if (value < 24) {
      out.write(mt | (int) value);
    } else if (value < 0x100) {
      out.write(mt | 24);
      out.write((int) value);
    } else if (value < 0x10000) {
      out.write(mt | 25);
      writeBigEndian(out, value, 2);
    } else if (value < 0x100000000L) {
      out.write(mt | 26);
      writeBigEndian(out, value, 4);
    } else {
      out.write(mt | 27);
      writeBigEndian(out, value, 8);
    }
  }

  private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  /**
   * Decodes one dag-cbor value that fills {@code bytes}.
   *
   * @throws QuarryException MALFORMED_INPUT saying what is wrong and at which byte
   */
  static Object decode(byte[] bytes) {
    Reader r = new Reader(bytes);
    Object value = r.value(0);
    if (r.pos != bytes.length) {
      throw r.error((bytes.length - r.pos) + " unexpected bytes after the value");
    }
    return value;
  }

  /** Every CID linked from a dag-cbor block, in document order. */
  static List<Cid> links(byte[] bytes) {
    List<Cid> out = new ArrayList<>();
    collect(decode(bytes), out);
    return out;
  }

  private static void collect(Object value, List<Cid> out) {
    if (value instanceof Cid cid) {
      out.add(cid);
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collect(v, out));
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, out));
    }
  }

  private static final class Reader {
    private final byte[] buf;
    private int pos;

    Reader(byte[] buf) {
      this.buf = buf;
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nesting deeper than " + MAX_DEPTH);
      }
      int start = pos;
      int initial = u8();
      int major = initial >>> 5;
      int info = initial & 31;
      if (major == 7) {
        return simple(info, start);
      }
      long arg = argument(info, start);
      switch (major) {
        case 0:
          return checkLong(arg, start);
        case 1:
          return -1 - checkLong(arg, start);
        case 2:
          return bytes(arg, start);
        case 3:
          return new String(bytes(arg, start), StandardCharsets.UTF_8);
        case 4:
          {
            List<Object> list = new ArrayList<>((int) Math.min(arg, 1024));
            for (long i = 0; i < arg; i++) {
              list.add(value(depth + 1));
            }
            return list;
          }
        case 5:
          {
            Map<String, Object> map = new LinkedHashMap<>();
            for (long i = 0; i < arg; i++) {
              int keyAt = pos;
              Object key = value(depth + 1);
              if (!(key instanceof String s)) {
                throw errorAt(keyAt, "map key is not a text string");
              }
              if (map.put(s, value(depth + 1)) != null) {
                throw errorAt(keyAt, "duplicate map key '" + s + "'");
              }
            }
            return map;
          }
        case 6:
          {
            if (arg != CID_TAG) {
              throw errorAt(start, "tag " + arg + " (dag-cbor allows only tag 42, CIDs)");
            }
            int at = pos;
            Object content = value(depth + 1);
            if (!(content instanceof byte[] b) || b.length < 2 || b[0] != 0) {
              throw errorAt(at, "tag 42 must hold a byte string of 0x00 followed by a CID");
            }
            try {
              return Cid.decode(Arrays.copyOfRange(b, 1, b.length));
            } catch (QuarryException e) {
              throw errorAt(at, e.getMessage());
            }
          }
        default:
          throw errorAt(start, "unknown major type " + major);
      }
    }

    private Object simple(int info, int start) {
      switch (info) {
        case 20:
          return Boolean.FALSE;
        case 21:
          return Boolean.TRUE;
        case 22:
          return null;
        case 25:
          return halfToDouble((int) bigEndian(2));
        case 26:
          return (double) Float.intBitsToFloat((int) bigEndian(4));
        case 27:
          return Double.longBitsToDouble(bigEndian(8));
        default:
          throw errorAt(start, "unsupported simple value " + info + " (undefined or break?)");
      }
    }

    private static double halfToDouble(int half) {
      int exponent = (half >> 10) & 0x1f;
      int mantissa = half & 0x3ff;
      double value;
      if (exponent == 0) {
        value = Math.scalb((double) mantissa, -24);
      } else if (exponent != 31) {
        value = Math.scalb((double) (mantissa + 1024), exponent - 25);
      } else {
        value = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
      }
      return (half & 0x8000) != 0 ? -value : value;
    }

    private long argument(int info, int start) {
      if (info < 24) {
        return info;
      }
      return switch (info) {
        case 24 -> bigEndian(1);
        case 25 -> bigEndian(2);
        case 26 -> bigEndian(4);
        case 27 -> bigEndian(8);
        default -> throw errorAt(start, "indefinite or reserved length (info " + info + ")");
      };
    }

    private long checkLong(long arg, int start) {
      if (arg < 0) {
        throw errorAt(start, "integer does not fit in 64 bits");
      }
      return arg;
    }

    private byte[] bytes(long length, int start) {
      if (length < 0 || length > buf.length - pos) {
        throw errorAt(start, "string of " + length + " bytes runs past the end");
      }
      byte[] out = Arrays.copyOfRange(buf, pos, pos + (int) length);
      pos += (int) length;
      return out;
    }

    private long bigEndian(int n) {
      if (buf.length - pos < n) {
        throw error("truncated value");
      }
      long v = 0;
      for (int i = 0; i < n; i++) {
        v = (v << 8) | (buf[pos++] & 0xFF);
      }
      return v;
    }

    private int u8() {
      if (pos >= buf.length) {
        throw error("truncated value");
      }
      return buf[pos++] & 0xFF;
    }

    QuarryException error(String reason) {
      return errorAt(pos, reason);
    }

    QuarryException errorAt(int at, String reason) {
      return new QuarryException(
          ErrorCode.MALFORMED_INPUT, "Invalid dag-cbor at byte " + at + ": " + reason);
    }
  }
}
