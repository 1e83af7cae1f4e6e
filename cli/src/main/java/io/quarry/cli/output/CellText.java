package io.quarry.cli.output;

import io.quarry.types.DataType;
import io.quarry.types.ValueText;
import java.time.Duration;

/** How one value reads in a table or a CSV cell; null stays null so each format picks its mark. */
public final class CellText {
  private CellText() {}

  public static String of(DataType type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type.kind()) {
      case INTERVAL_DAY_TIME -> dayTime((Long) value);
      case INTERVAL_YEAR_MONTH -> yearMonth((Integer) value);
      case TIMESTAMP -> ValueText.formatTimestamp((Long) value).replace('T', ' ');
      default -> ValueText.format(type, value);
    };
  }

  private static String dayTime(long millis) {
    Duration d = Duration.ofMillis(Math.abs(millis));
    String sign = millis < 0 ? "-" : "";
    String time =
        String.format("%02d:%02d:%02d", d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart());
    if (d.toMillisPart() != 0) {
      time += String.format(".%03d", d.toMillisPart());
    }
    long days = d.toDays();
    return sign + (days == 0 ? time : days + (days == 1 ? " day " : " days ") + time);
  }

  private static String yearMonth(int months) {
    String sign = months < 0 ? "-" : "";
    int m = Math.abs(months);
    return sign + (m / 12) + "-" + (m % 12);
  }
}
