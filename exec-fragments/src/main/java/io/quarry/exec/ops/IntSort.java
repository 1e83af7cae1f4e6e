package io.quarry.exec.ops;

/** A stable merge sort of an int array (row indexes) under a row comparator, without boxing. */
final class IntSort {
  private IntSort() {}

  static void sort(int[] a, int n, RowComparator c) {
    if (n < 2) {
      return;
    }
    int[] tmp = new int[n];
    System.arraycopy(a, 0, tmp, 0, n);
    mergeSort(tmp, a, 0, n, c);
  }

  /** Sorts src[from, to) into dst[from, to); both start with the same contents. */
  private static void mergeSort(int[] src, int[] dst, int from, int to, RowComparator c) {
    int len = to - from;
    if (len <= 16) {
      for (int i = from + 1; i < to; i++) {
        int x = dst[i];
        int j = i - 1;
        while (j >= from && c.compare(dst[j], x) > 0) {
          dst[j + 1] = dst[j];
          j--;
        }
        dst[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(dst, src, from, mid, c);
    mergeSort(dst, src, mid, to, c);
    if (c.compare(src[mid - 1], src[mid]) <= 0) {
      System.arraycopy(src, from, dst, from, len);
      return;
    }
    for (int i = from, p = from, q = mid; i < to; i++) {
      if (q >= to || (p < mid && c.compare(src[p], src[q]) <= 0)) {
        dst[i] = src[p++];
      } else {
        dst[i] = src[q++];
      }
    }
  }
}
