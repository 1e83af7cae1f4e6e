package io.quarry.car;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.cid.Multihash;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Block;
import io.quarry.store.BlockStore;
import io.quarry.store.Staging;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a CAR (v1, or v2 by reading its v1 payload) into a block store, streaming: one section in
 * memory at a time. Every block is hashed and compared with its CID; blocks go to a staging area
 * and move into the store only once the whole CAR has been read and verified and every block
 * reachable from the roots is present (in the CAR or already in the store). A CAR that fails any
 * check leaves nothing behind. The final move is one atomic rename per block, so even a crash
 * during it leaves only complete, verified blocks (and no dataset refers to them yet).
 */
public final class CarImporter {
  /** Largest section accepted; far above any block size IPFS tools produce. */
  static final int MAX_SECTION_BYTES = 64 << 20;

  private static final int MAX_HEADER_BYTES = 1 << 20;
  private static final byte[] CARV2_PRAGMA = {
    0x0a, (byte) 0xa1, 0x67, 0x76, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x02
  };
  private static final int CARV2_HEADER_BYTES = 40;

  private CarImporter() {}

  /**
   * Reads the CAR from {@code in} (not closed) into {@code store}.
   *
   * @return the roots named in the CAR header
   * @throws QuarryException naming the offending CID (where there is one) and byte offset:
   *     MALFORMED_INPUT for a bad header, truncated section or missing block, CORRUPT_DATA for a
   *     block whose bytes do not match its CID, UNSUPPORTED for a hash function Quarry cannot
   *     verify, IO_ERROR if reading fails
   */
  public static List<Cid> importCar(InputStream in, BlockStore store) {
    requireNonNull(in, "in is null");
    requireNonNull(store, "store is null");
    CarInput input = new CarInput(in);
    try (Staging staging = store.stage()) {
      List<Cid> roots = readHeader(input);
      while (readSection(input, staging)) {
        // each section is verified and staged as it is read
      }
      checkComplete(roots, staging, input.offset());
      staging.commit();
      return roots;
    }
  }

  private static List<Cid> readHeader(CarInput in) {
    byte[] header = readHeaderBytes(in);
    if (Arrays.equals(header, 0, header.length, CARV2_PRAGMA, 1, CARV2_PRAGMA.length)) {
      return readV2(in);
    }
    return parseV1Header(header);
  }

  private static byte[] readHeaderBytes(CarInput in) {
    long start = in.offset();
    long length = readVarint(in, start, "header length");
    if (length < 0) {
      throw malformed("empty input: a CAR starts with a header", start);
    }
    if (length == 0 || length > MAX_HEADER_BYTES) {
      throw malformed("header length " + length + " is not plausible", start);
    }
    byte[] header = new byte[(int) length];
    int got = in.readFully(header, 0, header.length);
    if (got < length) {
      throw malformed(
          "truncated header: declares " + length + " bytes but only " + got + " follow", start);
    }
    return header;
  }

  private static List<Cid> parseV1Header(byte[] header) {
    Object value;
    try {
      value = DagCbor.decode(header);
    } catch (QuarryException e) {
      throw malformed("bad header: " + e.getMessage(), 0);
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw malformed("bad header: not a dag-cbor map", 0);
    }
    Object version = map.get("version");
    if (!(version instanceof Long v) || v != 1) {
      throw malformed("bad header: version is " + version + ", expected 1", 0);
    }
    if (!(map.get("roots") instanceof List<?> list)) {
      throw malformed("bad header: 'roots' is missing or not a list", 0);
    }
    List<Cid> roots = new ArrayList<>(list.size());
    for (Object root : list) {
      if (!(root instanceof Cid cid)) {
        throw malformed("bad header: root " + root + " is not a CID", 0);
      }
      roots.add(cid);
    }
    return List.copyOf(roots);
  }

  /** CARv2: a fixed header locating a CARv1 payload, which is read as usual. */
  private static List<Cid> readV2(CarInput in) {
    long start = in.offset();
    byte[] fixed = new byte[CARV2_HEADER_BYTES];
    if (in.readFully(fixed, 0, fixed.length) < fixed.length) {
      throw malformed("truncated CARv2 header", start);
    }
    long dataOffset = littleEndian(fixed, 16);
    long dataSize = littleEndian(fixed, 24);
    if (dataOffset < in.offset() || dataSize < 0) {
      throw malformed(
          "CARv2 data offset " + dataOffset + " or size " + dataSize + " is not plausible", start);
    }
    long gap = dataOffset - in.offset();
    if (in.skip(gap) < gap) {
      throw malformed(
          "truncated CARv2: data offset " + dataOffset + " is past the end", in.offset());
    }
    in.limit(dataOffset + dataSize);
    byte[] inner = readHeaderBytes(in);
    try {
      return parseV1Header(inner);
    } catch (QuarryException e) {
      throw malformed("CARv2 payload " + e.getMessage(), dataOffset);
    }
  }

  private static boolean readSection(CarInput in, Staging staging) {
    long start = in.offset();
    long length = readVarint(in, start, "section length");
    if (length < 0) {
      return false;
    }
    if (length == 0 || length > MAX_SECTION_BYTES) {
      throw malformed("section length " + length + " is not plausible", start);
    }
    byte[] section = new byte[(int) length];
    int got = in.readFully(section, 0, section.length);
    if (got < length) {
      String cid = describeCid(section, got);
      throw malformed(
          "truncated section" + cid + ": declares " + length + " bytes but only " + got + " follow",
          start);
    }
    Cid cid;
    try {
      cid = Cid.decodePrefix(section, 0, section.length);
    } catch (QuarryException e) {
      throw malformed("section has a bad CID: " + e.getMessage(), start);
    }
    int dataStart = cid.length();
    Multihash mh = cid.multihash();
    if (!mh.isVerifiable()) {
      throw new QuarryException(
          ErrorCode.UNSUPPORTED,
          "Block "
              + cid
              + " at byte offset "
              + start
              + " of the CAR uses "
              + Multihash.name(mh.code())
              + ", which Quarry cannot verify");
    }
    if (!mh.matches(section, dataStart, section.length - dataStart)) {
      throw new QuarryException(
          ErrorCode.CORRUPT_DATA,
          "Block "
              + cid
              + " at byte offset "
              + start
              + " of the CAR does not match its hash: the "
              + (section.length - dataStart)
              + " bytes of data hash to something else");
    }
    staging.put(new Block(cid, Arrays.copyOfRange(section, dataStart, section.length)));
    return true;
  }

  /** Every root, and every block reachable from one, must be in the CAR or the store. */
  private static void checkComplete(List<Cid> roots, Staging staging, long end) {
    Set<Cid> seen = new HashSet<>();
    Deque<Cid[]> toVisit = new ArrayDeque<>(); // {cid, parent}
    for (Cid root : roots) {
      if (!staging.has(root)) {
        throw malformed("root block " + root + " is neither in the CAR nor in the store", end);
      }
      toVisit.push(new Cid[] {root, null});
    }
    while (!toVisit.isEmpty()) {
      Cid[] item = toVisit.pop();
      Cid cid = item[0];
      if (!seen.add(cid)) {
        continue;
      }
      if (!staging.has(cid)) {
        throw malformed(
            "block "
                + cid
                + " (linked from "
                + item[1]
                + ") is neither in the CAR nor in the store",
            end);
      }
      if (cid.codec() == Multicodec.RAW) {
        continue;
      }
      List<Cid> links = Links.of(cid, staging.get(cid));
      if (links != null) {
        for (int i = links.size() - 1; i >= 0; i--) {
          toVisit.push(new Cid[] {links.get(i), cid});
        }
      }
    }
  }

  private static String describeCid(byte[] section, int available) {
    try {
      return " (block " + Cid.decodePrefix(section, 0, available) + ")";
    } catch (QuarryException e) {
      return "";
    }
  }

  /** A varint from the stream; -1 if the input ends before its first byte. */
  private static long readVarint(CarInput in, long start, String what) {
    long value = 0;
    for (int i = 0; i < 9; i++) {
      int b = in.read();
      if (b < 0) {
        if (i == 0) {
          return -1;
        }
        throw malformed("truncated " + what + " varint", start);
      }
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw malformed("overlong " + what + " varint", start);
        }
        return value;
      }
    }
    throw malformed(what + " varint longer than 9 bytes", start);
  }

  private static long littleEndian(byte[] b, int offset) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[offset + i] & 0xFF);
    }
    return v;
  }

  private static QuarryException malformed(String reason, long offset) {
    return new QuarryException(
        ErrorCode.MALFORMED_INPUT, "Invalid CAR at byte offset " + offset + ": " + reason);
  }
}
