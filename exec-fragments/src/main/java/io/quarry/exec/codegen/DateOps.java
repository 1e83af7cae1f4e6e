package io.quarry.exec.codegen;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.time.LocalDate;

/** Calendar arithmetic on DATE (days since epoch) and TIMESTAMP (micros since epoch) values. */
public final class DateOps {
  public static final long MICROS_PER_DAY = 86_400_000_000L;
  public static final long MILLIS_PER_DAY = 86_400_000L;

  public static final int YEAR = 0;
  public static final int QUARTER = 1;
  public static final int MONTH = 2;
  public static final int WEEK = 3;
  public static final int DAY = 4;
  public static final int DOW = 5;
  public static final int DOY = 6;
  public static final int HOUR = 7;
  public static final int MINUTE = 8;
  public static final int SECOND = 9;

  private DateOps() {}

  /** The code of an EXTRACT unit name, or a user error naming it. */
  public static int unit(String name) {
    switch (name.toUpperCase(java.util.Locale.ROOT)) {
      case "YEAR":
        return YEAR;
      case "QUARTER":
        return QUARTER;
      case "MONTH":
        return MONTH;
      case "WEEK":
        return WEEK;
      case "DAY":
        return DAY;
      case "DOW":
        return DOW;
      case "DOY":
        return DOY;
      case "HOUR":
        return HOUR;
      case "MINUTE":
        return MINUTE;
      case "SECOND":
        return SECOND;
      default:
        throw new QuarryException(
            ErrorCode.UNSUPPORTED, "EXTRACT unit " + name + " is not supported");
    }
  }

  /** Packs (year, month, day) of a day number as year * 10000 + month * 100 + day. */
  static long civil(int days) {
    // Howard Hinnant's civil_from_days.
    long z = days + 719468L;
    long era = Math.floorDiv(z, 146097L);
    long doe = z - era * 146097L;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) {
      y++;
    }
    return y * 10000 + m * 100 + d;
  }

  static int daysFromCivil(long y, long m, long d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400L);
    long yoe = y - era * 400;
    long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return Math.toIntExact(era * 146097 + doe - 719468);
  }

  private static boolean leap(long y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  }

  private static int monthLength(long y, long m) {
    switch ((int) m) {
      case 2:
        return leap(y) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 = Feb 28). */
  public static int addMonths(int days, long months) {
    long c = civil(days);
    long y = c / 10000;
    long m = (c / 100) % 100;
    long d = c % 100;
    long total = y * 12 + (m - 1) + months;
    long ny = Math.floorDiv(total, 12L);
    long nm = Math.floorMod(total, 12L) + 1;
    long nd = Math.min(d, monthLength(ny, nm));
    return daysFromCivil(ny, nm, nd);
  }

  public static long addMonthsTs(long micros, long months) {
    long day = Math.floorDiv(micros, MICROS_PER_DAY);
    long rest = micros - day * MICROS_PER_DAY;
    return addMonths(Math.toIntExact(day), months) * MICROS_PER_DAY + rest;
  }

  /**
   * Whole months from {@code from} to {@code to} (both in micros since the epoch): the largest m
   * with {@code from + m months <= to}, negative when {@code to} comes first. This is the month
   * count of {@code (to - from) MONTH} and TIMESTAMPDIFF(MONTH, from, to).
   */
  public static int monthsBetween(long from, long to) {
    if (to < from) {
      return -monthsBetween(to, from);
    }
    // No month is longer than 31 days, so this estimate never overshoots.
    long months = Math.floorDiv(to - from, 31 * MICROS_PER_DAY);
    while (addMonthsTs(from, months + 1) <= to) {
      months++;
    }
    return Math.toIntExact(months);
  }

  /** A DATE cut back to the start of its {@code unit} (weeks start on Monday, as in ISO 8601). */
  public static int truncate(int unit, int days) {
    long c = civil(days);
    long y = c / 10000;
    long m = (c / 100) % 100;
    return switch (unit) {
      case YEAR -> daysFromCivil(y, 1, 1);
      case QUARTER -> daysFromCivil(y, (m - 1) / 3 * 3 + 1, 1);
      case MONTH -> daysFromCivil(y, m, 1);
      case WEEK -> Math.toIntExact(days - Math.floorMod(days + 3L, 7L)); // 1970-01-01 was a Thursday
      default -> days; // DAY and smaller units leave a date as it is
    };
  }

  /** A TIMESTAMP (micros) cut back to the start of its {@code unit}. */
  public static long truncateTs(int unit, long micros) {
    long day = Math.floorDiv(micros, MICROS_PER_DAY);
    long rest = micros - day * MICROS_PER_DAY;
    return switch (unit) {
      case HOUR -> day * MICROS_PER_DAY + rest / 3_600_000_000L * 3_600_000_000L;
      case MINUTE -> day * MICROS_PER_DAY + rest / 60_000_000L * 60_000_000L;
      case SECOND -> day * MICROS_PER_DAY + rest / 1_000_000L * 1_000_000L;
      default -> truncate(unit, Math.toIntExact(day)) * MICROS_PER_DAY;
    };
  }

  /** DATE plus a day-time interval in millis; the time part of the interval is dropped (floor). */
  public static int addMillis(int days, long millis) {
    return Math.toIntExact(days + Math.floorDiv(millis, MILLIS_PER_DAY));
  }

  public static long extract(int unit, int days) {
    long c = civil(days);
    long y = c / 10000;
    long m = (c / 100) % 100;
    long d = c % 100;
    switch (unit) {
      case YEAR:
        return y;
      case QUARTER:
        return (m - 1) / 3 + 1;
      case MONTH:
        return m;
      case DAY:
        return d;
      case DOW:
        return Math.floorMod(days + 4L, 7L); // 1970-01-01 was a Thursday; Sunday = 0
      case DOY:
        return days - daysFromCivil(y, 1, 1) + 1;
      case WEEK:
        return LocalDate.ofEpochDay(days).get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case HOUR:
      case MINUTE:
      case SECOND:
        return 0;
      default:
        throw new IllegalArgumentException("unit " + unit);
    }
  }

  public static long extractTs(int unit, long micros) {
    long day = Math.floorDiv(micros, MICROS_PER_DAY);
    long rest = micros - day * MICROS_PER_DAY;
    switch (unit) {
      case HOUR:
        return rest / 3_600_000_000L;
      case MINUTE:
        return (rest / 60_000_000L) % 60;
      case SECOND:
        return (rest / 1_000_000L) % 60;
      default:
        return extract(unit, Math.toIntExact(day));
    }
  }

  public static int tsToDate(long micros) {
    return Math.toIntExact(Math.floorDiv(micros, MICROS_PER_DAY));
  }

  public static long dateToTs(int days) {
    return days * MICROS_PER_DAY;
  }
}
