package io.quarry.exec.scan;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.vector.Batches;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes one column chunk of a flat (non-repeated) column straight into Arrow vectors, page by
 * page, without materializing records. Definition levels and dictionary ids are decoded in bulk;
 * PLAIN pages of INT32, INT64 and DOUBLE without nulls are copied into the vector in one memory
 * copy; other encodings go through Parquet's value readers.
 */
final class ColumnChunkDecoder {
  private enum Mode {
    PLAIN,
    DICTIONARY,
    READER
  }

  private final ColumnTarget target;
  private final ColumnDescriptor desc;
  private final PrimitiveTypeName physical;
  private final PageReader pages;
  private final int maxDef;

  // dictionary, converted to the target form once
  private long[] dictLongs;
  private double[] dictDoubles;
  private byte[][] dictBytes;

  // current page
  private long pageLeft;
  private long pageRows;

  /** Rows of the pages before the current one (or before the one being opened). */
  private long rowsBeforePage;

  private RleDecoder defs;
  private Mode mode;
  private byte[] page;
  private int pos;
  private int end;
  private RleDecoder ids;
  private ValuesReader reader;

  // staging, sized to the largest segment seen
  private int[] levels = new int[0];
  private int[] idBuf = new int[0];
  private long[] longs = new long[0];
  private double[] doubles = new double[0];
  private int[] selectionMap = new int[0];

  /**
   * Output row of each row of the current segment (-1: dropped), or null when rows are written in
   * place (row r0 + j).
   */
  private int[] segMap;

  // the selection of the current segment while decoding selected rows only
  private boolean selecting;
  private int[] selRows;
  private int selFrom;
  private int selTo;
  private int selOffset;

  ColumnChunkDecoder(ColumnTarget target, ColumnDescriptor desc, PageReader pages) {
    this.target = target;
    this.desc = desc;
    this.physical = desc.getPrimitiveType().getPrimitiveTypeName();
    this.pages = pages;
    this.maxDef = desc.getMaxDefinitionLevel();
    if (desc.getMaxRepetitionLevel() > 0) {
      throw new QuarryException(
          ErrorCode.UNSUPPORTED,
          "repeated Parquet column " + String.join(".", desc.getPath()) + " is not supported");
    }
    DictionaryPage dp = pages.readDictionaryPage();
    if (dp != null) {
      readDictionary(dp);
    }
  }

  /** Fills rows {@code [row, row + n)} of {@code v} (allocated for at least row + n rows). */
  void read(FieldVector v, int row, int n) throws IOException {
    int done = 0;
    while (done < n) {
      if (pageLeft == 0) {
        nextPage();
      }
      int m = (int) Math.min(n - done, pageLeft);
      segment(v, row + done, m);
      pageLeft -= m;
      done += m;
    }
    if (v instanceof BaseVariableWidthVector vw) {
      vw.setLastSet(row + n - 1);
    }
  }

  /**
   * Decodes the next {@code n} rows but keeps only rows {@code sel[0..k)} (ascending, relative to
   * these n rows), written to rows {@code 0..k-1} of {@code v}.
   */
  void readSelected(FieldVector v, int n, int[] sel, int k) throws IOException {
    int done = 0;
    int si = 0;
    while (done < n) {
      if (pageLeft == 0) {
        nextPage();
      }
      int m = (int) Math.min(n - done, pageLeft);
      int base = si;
      while (si < k && sel[si] < done + m) {
        si++;
      }
      selecting = true;
      selRows = sel;
      selFrom = base;
      selTo = si;
      selOffset = done;
      try {
        segment(v, base, m);
      } finally {
        selecting = false;
        segMap = null;
      }
      pageLeft -= m;
      done += m;
    }
    if (v instanceof BaseVariableWidthVector vw) {
      vw.setLastSet(k - 1);
    }
  }

  /**
   * The first row of the page being decoded (or opened), counted from the first row of the pages
   * this decoder was given.
   */
  long pageFirstRow() {
    return rowsBeforePage;
  }

  /**
   * Checks that the pages held no more values than were read: after the last row of a range read
   * through the offset index, whose pages must hold exactly the range's rows.
   */
  void finish() throws IOException {
    if (pageLeft != 0 || pages.readPage() != null) {
      throw new ParquetDecodingException(
          "the column's pages hold more values than the offset index gives them rows");
    }
  }

  /** Builds segMap (segment row to output row, -1 when dropped) from the current selection. */
  private void buildMap(int m) {
    if (selectionMap.length < m) {
      selectionMap = new int[Math.max(m, 2 * selectionMap.length)];
    }
    java.util.Arrays.fill(selectionMap, 0, m, -1);
    for (int i = selFrom; i < selTo; i++) {
      selectionMap[selRows[i] - selOffset] = i;
    }
    segMap = selectionMap;
  }

  /** Selected rows of a segment without NULLs: copies just those values, no map needed. */
  private boolean segmentSelectedDense(FieldVector v, int m) {
    switch (target.category()) {
      case LONG -> {
        readLongs(m);
        long data = v.getDataBuffer().memoryAddress();
        int width = target.width();
        long[] src = longs;
        for (int i = selFrom; i < selTo; i++) {
          long x = src[selRows[i] - selOffset];
          long at = data + (long) i * width;
          if (width == 4) {
            MemoryUtil.putInt(at, (int) x);
          } else if (width == 8) {
            MemoryUtil.putLong(at, x);
          } else {
            MemoryUtil.putLong(at, x);
            MemoryUtil.putLong(at + 8, x >> 63);
          }
        }
      }
      case DOUBLE -> {
        readDoubles(m);
        long data = v.getDataBuffer().memoryAddress();
        for (int i = selFrom; i < selTo; i++) {
          MemoryUtil.putLong(
              data + 8L * i, Double.doubleToRawLongBits(doubles[selRows[i] - selOffset]));
        }
      }
      case BYTES -> {
        if (mode != Mode.DICTIONARY || target.kind() != ColumnTarget.Kind.VARCHAR) {
          return false;
        }
        int[] idx = ids(m);
        BaseVariableWidthVector vec = (BaseVariableWidthVector) v;
        long offAddr = vec.getOffsetBuffer().memoryAddress();
        if (selFrom == 0) {
          MemoryUtil.putInt(offAddr, 0);
        }
        int cur = MemoryUtil.getInt(offAddr + 4L * selFrom);
        long dataAddr = vec.getDataBuffer().memoryAddress();
        long cap = vec.getDataBuffer().capacity();
        for (int i = selFrom; i < selTo; i++) {
          byte[] arr = dictBytes[idx[selRows[i] - selOffset]];
          int len = arr.length;
          while (cur + (long) len > cap) {
            vec.reallocDataBuffer();
            dataAddr = vec.getDataBuffer().memoryAddress();
            cap = vec.getDataBuffer().capacity();
          }
          for (int k = 0; k < len; k++) {
            MemoryUtil.putByte(dataAddr + cur + k, arr[k]);
          }
          cur += len;
          MemoryUtil.putInt(offAddr + 4L * (i + 1), cur);
        }
      }
      default -> {
        return false;
      }
    }
    Batches.setValidRange(v.getValidityBuffer(), selFrom, selTo - selFrom);
    return true;
  }

  /** Decodes m rows; r0 is the first output row (with a selection: the first selected one's). */
  private void segment(FieldVector v, int r0, int m) {
    int defined = m;
    if (maxDef > 0) {
      if (levels.length < m) {
        levels = new int[Math.max(m, 2 * levels.length)];
      }
      defs.read(levels, 0, m);
      defined = 0;
      for (int j = 0; j < m; j++) {
        if (levels[j] == maxDef) {
          defined++;
        } else if (levels[j] > maxDef) {
          throw new ParquetDecodingException("definition level " + levels[j] + " above " + maxDef);
        }
      }
    }
    boolean dense = defined == m;
    if (selecting) {
      if (dense && segmentSelectedDense(v, m)) {
        return;
      }
      buildMap(m);
    }
    switch (target.category()) {
      case LONG -> {
        if (dense && segMap == null && mode == Mode.PLAIN && target.directCopy()) {
          int width = target.width();
          long bytes = (long) m * width;
          need(bytes);
          MemoryUtil.copyToMemory(
              page, pos, v.getDataBuffer().memoryAddress() + (long) r0 * width, bytes);
          pos += (int) bytes;
        } else {
          readLongs(defined);
          scatterLongs(v, r0, m, dense);
        }
      }
      case DOUBLE -> {
        readDoubles(defined);
        scatterDoubles(v, r0, m, dense);
      }
      case BOOLEAN -> readBooleans(v, r0, m, dense);
      case BYTES -> readBytes(v, r0, m, dense);
    }
    if (target.category() != ColumnTarget.Category.BYTES) {
      setValidity(v.getValidityBuffer(), r0, m, dense);
    }
  }

  private void setValidity(ArrowBuf validity, int r0, int m, boolean dense) {
    if (dense && segMap == null) {
      Batches.setValidRange(validity, r0, m);
      return;
    }
    for (int j = 0; j < m; j++) {
      int o = segMap == null ? r0 + j : segMap[j];
      if (o >= 0 && (dense || levels[j] == maxDef)) {
        BitVectorHelper.setBit(validity, o);
      }
    }
  }

  private void need(long bytes) {
    if (pos + bytes > end) {
      throw new ParquetDecodingException(
          "page has " + (end - pos) + " bytes left, " + bytes + " needed");
    }
  }

  // ---------------------------------------------------------------- longs

  private void readLongs(int k) {
    if (longs.length < k) {
      longs = new long[Math.max(k, 2 * longs.length)];
    }
    long[] dst = longs;
    switch (mode) {
      case PLAIN -> {
        if (physical == PrimitiveTypeName.INT32) {
          need(4L * k);
          for (int j = 0; j < k; j++) {
            dst[j] = MemoryUtil.getInt(page, pos + 4 * j);
          }
          pos += 4 * k;
        } else {
          need(8L * k);
          for (int j = 0; j < k; j++) {
            dst[j] = MemoryUtil.getLong(page, pos + 8 * j);
          }
          pos += 8 * k;
        }
        target.convertLongs(dst, k);
      }
      case DICTIONARY -> {
        int[] idx = ids(k);
        long[] dict = dictLongs;
        for (int j = 0; j < k; j++) {
          dst[j] = dict[idx[j]];
        }
      }
      case READER -> {
        if (physical == PrimitiveTypeName.INT32) {
          for (int j = 0; j < k; j++) {
            dst[j] = reader.readInteger();
          }
        } else {
          for (int j = 0; j < k; j++) {
            dst[j] = reader.readLong();
          }
        }
        target.convertLongs(dst, k);
      }
    }
  }

  private int[] ids(int k) {
    if (idBuf.length < k) {
      idBuf = new int[Math.max(k, 2 * idBuf.length)];
    }
    ids.read(idBuf, 0, k);
    return idBuf;
  }

  private void scatterLongs(FieldVector v, int r0, int m, boolean dense) {
    long data = v.getDataBuffer().memoryAddress();
    long[] src = longs;
    int width = target.width();
    int s = 0;
    for (int j = 0; j < m; j++) {
      if (!dense && levels[j] != maxDef) {
        continue;
      }
      long x = src[s++];
      int o = segMap == null ? r0 + j : segMap[j];
      if (o < 0) {
        continue;
      }
      long at = data + (long) o * width;
      switch (width) {
        case 4 -> MemoryUtil.putInt(at, (int) x);
        case 8 -> MemoryUtil.putLong(at, x);
        default -> {
          MemoryUtil.putLong(at, x);
          MemoryUtil.putLong(at + 8, x >> 63);
        }
      }
    }
  }

  // ---------------------------------------------------------------- doubles

  private void readDoubles(int k) {
    if (doubles.length < k) {
      doubles = new double[Math.max(k, 2 * doubles.length)];
    }
    double[] dst = doubles;
    switch (mode) {
      case PLAIN -> {
        if (physical == PrimitiveTypeName.FLOAT) {
          need(4L * k);
          for (int j = 0; j < k; j++) {
            dst[j] = Float.intBitsToFloat(MemoryUtil.getInt(page, pos + 4 * j));
          }
          pos += 4 * k;
        } else {
          need(8L * k);
          for (int j = 0; j < k; j++) {
            dst[j] = Double.longBitsToDouble(MemoryUtil.getLong(page, pos + 8 * j));
          }
          pos += 8 * k;
        }
      }
      case DICTIONARY -> {
        int[] idx = ids(k);
        double[] dict = dictDoubles;
        for (int j = 0; j < k; j++) {
          dst[j] = dict[idx[j]];
        }
      }
      case READER -> {
        for (int j = 0; j < k; j++) {
          dst[j] = physical == PrimitiveTypeName.FLOAT ? reader.readFloat() : reader.readDouble();
        }
      }
    }
  }

  private void scatterDoubles(FieldVector v, int r0, int m, boolean dense) {
    long data = v.getDataBuffer().memoryAddress();
    int s = 0;
    for (int j = 0; j < m; j++) {
      if (!dense && levels[j] != maxDef) {
        continue;
      }
      double x = doubles[s++];
      int o = segMap == null ? r0 + j : segMap[j];
      if (o >= 0) {
        MemoryUtil.putLong(data + 8L * o, Double.doubleToRawLongBits(x));
      }
    }
  }

  // ---------------------------------------------------------------- booleans

  private void readBooleans(FieldVector v, int r0, int m, boolean dense) {
    ArrowBuf data = v.getDataBuffer();
    for (int j = 0; j < m; j++) {
      if (!dense && levels[j] != maxDef) {
        continue;
      }
      boolean x = reader.readBoolean();
      int o = segMap == null ? r0 + j : segMap[j];
      if (x && o >= 0) {
        BitVectorHelper.setBit(data, o);
      }
    }
  }

  // ---------------------------------------------------------------- bytes

  private void readBytes(FieldVector v, int r0, int m, boolean dense) {
    if (target.kind() == ColumnTarget.Kind.DEC128) {
      readDecimalBytes(v, r0, m, dense);
      return;
    }
    BaseVariableWidthVector vec = (BaseVariableWidthVector) v;
    long offAddr = vec.getOffsetBuffer().memoryAddress();
    ArrowBuf validity = vec.getValidityBuffer();
    if (r0 == 0) {
      MemoryUtil.putInt(offAddr, 0);
    }
    int cur = MemoryUtil.getInt(offAddr + 4L * r0);
    boolean inPlace = segMap == null;
    long dataAddr = vec.getDataBuffer().memoryAddress();
    long cap = vec.getDataBuffer().capacity();
    int[] idx = mode == Mode.DICTIONARY ? ids(countDefined(m, dense)) : null;
    int s = 0;
    for (int j = 0; j < m; j++) {
      int r = inPlace ? r0 + j : segMap[j];
      if (dense || levels[j] == maxDef) {
        byte[] arr;
        int off;
        int len;
        switch (mode) {
          case PLAIN -> {
            if (physical == PrimitiveTypeName.BINARY) {
              need(4);
              len = MemoryUtil.getInt(page, pos);
              if (len < 0) {
                throw new ParquetDecodingException("negative string length " + len);
              }
              pos += 4;
            } else {
              len = desc.getPrimitiveType().getTypeLength();
            }
            need(len);
            arr = page;
            off = pos;
            pos += len;
          }
          case DICTIONARY -> {
            arr = dictBytes[idx[s++]];
            off = 0;
            len = arr.length;
          }
          default -> {
            Binary b = reader.readBytes();
            arr = b.getBytesUnsafe();
            off = 0;
            len = b.length();
          }
        }
        if (r < 0) {
          continue;
        }
        while (cur + (long) len > cap) {
          vec.reallocDataBuffer();
          dataAddr = vec.getDataBuffer().memoryAddress();
          cap = vec.getDataBuffer().capacity();
        }
        if (len > 16) {
          MemoryUtil.copyToMemory(arr, off, dataAddr + cur, len);
        } else {
          for (int k = 0; k < len; k++) {
            MemoryUtil.putByte(dataAddr + cur + k, arr[off + k]);
          }
        }
        cur += len;
        if (!dense || !inPlace) {
          BitVectorHelper.setBit(validity, r);
        }
      }
      if (r >= 0) {
        MemoryUtil.putInt(offAddr + 4L * (r + 1), cur);
      }
    }
    if (dense && inPlace) {
      Batches.setValidRange(validity, r0, m);
    }
  }

  private int countDefined(int m, boolean dense) {
    if (dense) {
      return m;
    }
    int k = 0;
    for (int j = 0; j < m; j++) {
      if (levels[j] == maxDef) {
        k++;
      }
    }
    return k;
  }

  private void readDecimalBytes(FieldVector v, int r0, int m, boolean dense) {
    long data = v.getDataBuffer().memoryAddress();
    ArrowBuf validity = v.getValidityBuffer();
    int[] idx = mode == Mode.DICTIONARY ? ids(countDefined(m, dense)) : null;
    int s = 0;
    for (int j = 0; j < m; j++) {
      if (!dense && levels[j] != maxDef) {
        continue;
      }
      int r = segMap == null ? r0 + j : segMap[j];
      long at = r < 0 ? 0 : data + 16L * r;
      switch (mode) {
        case PLAIN -> {
          int len;
          if (physical == PrimitiveTypeName.BINARY) {
            need(4);
            len = MemoryUtil.getInt(page, pos);
            pos += 4;
          } else {
            len = desc.getPrimitiveType().getTypeLength();
          }
          need(len);
          if (r >= 0) {
            writeBigEndianDecimal(page, pos, len, at);
          }
          pos += len;
        }
        case DICTIONARY -> {
          byte[] d = dictBytes[idx[s++]];
          if (r >= 0) {
            MemoryUtil.copyToMemory(d, 0, at, 16);
          }
        }
        default -> {
          Binary b = reader.readBytes();
          if (r >= 0) {
            writeBigEndianDecimal(b.getBytesUnsafe(), 0, b.length(), at);
          }
        }
      }
      if (r >= 0) {
        BitVectorHelper.setBit(validity, r);
      }
    }
  }

  /** Writes a big-endian two's complement integer as a 16-byte little-endian Decimal128. */
  private static void writeBigEndianDecimal(byte[] src, int off, int len, long at) {
    byte[] le = toDecimal128(src, off, len);
    MemoryUtil.copyToMemory(le, 0, at, 16);
  }

  private static byte[] toDecimal128(byte[] src, int off, int len) {
    if (len < 0) {
      throw new ParquetDecodingException("negative decimal length " + len);
    }
    byte sign = len > 0 && src[off] < 0 ? (byte) -1 : 0;
    // drop redundant sign bytes beyond 16
    while (len > 16) {
      if (src[off] != sign) {
        throw new ParquetDecodingException("decimal value wider than 128 bits");
      }
      off++;
      len--;
    }
    byte[] le = new byte[16];
    for (int i = 0; i < 16; i++) {
      le[i] = i < len ? src[off + len - 1 - i] : sign;
    }
    return le;
  }

  // ---------------------------------------------------------------- pages

  private void nextPage() throws IOException {
    rowsBeforePage += pageRows;
    pageRows = 0;
    DataPage p = pages.readPage();
    if (p == null) {
      throw new ParquetDecodingException(
          "column chunk has fewer values than the row group has rows");
    }
    reader = null;
    ids = null;
    pageRows = p.getValueCount();
    if (p instanceof DataPageV1 v1) {
      pageLeft = v1.getValueCount();
      PageBytes b = PageBytes.of(v1.getBytes());
      int at = b.off();
      if (maxDef > 0) {
        if (v1.getDlEncoding() != Encoding.RLE) {
          throw new QuarryException(
              ErrorCode.UNSUPPORTED,
              "definition level encoding " + v1.getDlEncoding() + " is not supported");
        }
        if (b.end() - at < 4) {
          throw new ParquetDecodingException("page too short for its definition levels");
        }
        int len = MemoryUtil.getInt(b.bytes(), at);
        if (len < 0 || at + 4L + len > b.end()) {
          throw new ParquetDecodingException(
              "definition levels length " + len + " exceeds the page");
        }
        defs = new RleDecoder(b.bytes(), at + 4, at + 4 + len, bitWidth(maxDef));
        at += 4 + len;
      }
      initValues(v1.getValueEncoding(), b.bytes(), at, b.end());
    } else if (p instanceof DataPageV2 v2) {
      pageLeft = v2.getValueCount();
      if (maxDef > 0) {
        PageBytes levelBytes = PageBytes.of(v2.getDefinitionLevels());
        defs =
            new RleDecoder(
                levelBytes.bytes(), levelBytes.off(), levelBytes.end(), bitWidth(maxDef));
      }
      PageBytes data = PageBytes.of(v2.getData());
      initValues(v2.getDataEncoding(), data.bytes(), data.off(), data.end());
    } else {
      throw new ParquetDecodingException("unknown page type " + p.getClass().getSimpleName());
    }
  }

  private void initValues(Encoding encoding, byte[] bytes, int at, int limit) throws IOException {
    page = bytes;
    pos = at;
    end = limit;
    if (encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY) {
      if (dictLongs == null && dictDoubles == null && dictBytes == null) {
        throw new ParquetDecodingException("dictionary-encoded page without a dictionary");
      }
      if (at >= limit) {
        // a page of nulls only carries no dictionary ids
        ids = new RleDecoder(bytes, at, limit, 0);
      } else {
        ids = new RleDecoder(bytes, at + 1, limit, bytes[at] & 0xff);
      }
      mode = Mode.DICTIONARY;
    } else if (encoding == Encoding.PLAIN && physical != PrimitiveTypeName.BOOLEAN) {
      mode = Mode.PLAIN;
    } else {
      reader = encoding.getValuesReader(desc, ValuesType.VALUES);
      reader.initFromPage(
          (int) pageLeft, ByteBufferInputStream.wrap(ByteBuffer.wrap(bytes, at, limit - at)));
      mode = Mode.READER;
    }
  }

  /** The bytes of a page, without a copy when they are already in a heap array. */
  private record PageBytes(byte[] bytes, int off, int end) {
    static PageBytes of(org.apache.parquet.bytes.BytesInput in) throws IOException {
      ByteBuffer bb = in.toByteBuffer();
      if (bb.hasArray()) {
        int off = bb.arrayOffset() + bb.position();
        return new PageBytes(bb.array(), off, off + bb.remaining());
      }
      byte[] copy = new byte[bb.remaining()];
      bb.duplicate().get(copy);
      return new PageBytes(copy, 0, copy.length);
    }
  }

  private static int bitWidth(int max) {
    return 32 - Integer.numberOfLeadingZeros(max);
  }

  private void readDictionary(DictionaryPage dp) {
    byte[] bytes;
    try {
      bytes = dp.getBytes().toByteArray();
    } catch (IOException e) {
      throw new ParquetDecodingException("cannot read dictionary page", e);
    }
    int n = dp.getDictionarySize();
    page = bytes;
    pos = 0;
    end = bytes.length;
    switch (target.category()) {
      case LONG -> {
        int width = physical == PrimitiveTypeName.INT32 ? 4 : 8;
        need((long) width * n);
        dictLongs = new long[n];
        for (int i = 0; i < n; i++) {
          dictLongs[i] =
              width == 4 ? MemoryUtil.getInt(bytes, 4 * i) : MemoryUtil.getLong(bytes, 8 * i);
        }
        target.convertLongs(dictLongs, n);
      }
      case DOUBLE -> {
        int width = physical == PrimitiveTypeName.FLOAT ? 4 : 8;
        need((long) width * n);
        dictDoubles = new double[n];
        for (int i = 0; i < n; i++) {
          dictDoubles[i] =
              width == 4
                  ? Float.intBitsToFloat(MemoryUtil.getInt(bytes, 4 * i))
                  : Double.longBitsToDouble(MemoryUtil.getLong(bytes, 8 * i));
        }
      }
      case BYTES -> {
        dictBytes = new byte[n][];
        for (int i = 0; i < n; i++) {
          int len;
          if (physical == PrimitiveTypeName.BINARY) {
            need(4);
            len = MemoryUtil.getInt(bytes, pos);
            pos += 4;
          } else {
            len = desc.getPrimitiveType().getTypeLength();
          }
          need(len);
          dictBytes[i] =
              target.kind() == ColumnTarget.Kind.DEC128
                  ? toDecimal128(bytes, pos, len)
                  : java.util.Arrays.copyOfRange(bytes, pos, pos + len);
          pos += len;
        }
      }
      case BOOLEAN -> throw new ParquetDecodingException("dictionary for a BOOLEAN column");
    }
    page = null;
  }
}
