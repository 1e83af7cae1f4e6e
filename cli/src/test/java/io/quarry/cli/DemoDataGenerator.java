package io.quarry.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the demo's sample data (taxi-like trips and the zones they start and end in). The CSVs are
 * committed under src/main/resources; DemoDataTest checks that they still equal this output. Run it
 * with {@code java cli/src/test/java/io/quarry/cli/DemoDataGenerator.java DIR}.
 */
public final class DemoDataGenerator {
  static final int TRIPS = 5000;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Zones: id, borough, name. Some names hold commas and quotes, which CSV must quote. */
  static final List<String[]> ZONES =
      List.of(
          new String[] {"Manhattan", "Alphabet City"},
          new String[] {"Manhattan", "Battery Park"},
          new String[] {"Manhattan", "Central Park"},
          new String[] {"Manhattan", "Chinatown"},
          new String[] {"Manhattan", "East Village"},
          new String[] {"Manhattan", "Financial District North"},
          new String[] {"Manhattan", "Greenwich Village"},
          new String[] {"Manhattan", "Harlem, Central"},
          new String[] {"Manhattan", "Midtown Center"},
          new String[] {"Manhattan", "Murray Hill"},
          new String[] {"Manhattan", "Times Sq/Theatre District"},
          new String[] {"Manhattan", "Upper East Side, North"},
          new String[] {"Manhattan", "Upper West Side, South"},
          new String[] {"Brooklyn", "Brooklyn Heights"},
          new String[] {"Brooklyn", "Bushwick"},
          new String[] {"Brooklyn", "DUMBO/Vinegar Hill"},
          new String[] {"Brooklyn", "Park Slope"},
          new String[] {"Brooklyn", "Williamsburg (North Side)"},
          new String[] {"Queens", "Astoria"},
          new String[] {"Queens", "JFK Airport"},
          new String[] {"Queens", "LaGuardia Airport"},
          new String[] {"Queens", "Long Island City/Hunters Point"},
          new String[] {"Queens", "Flushing"},
          new String[] {"Bronx", "Mott Haven"},
          new String[] {"Bronx", "Fordham South"},
          new String[] {"Bronx", "Yankee Stadium \"The House\""},
          new String[] {"Staten Island", "St. George"},
          new String[] {"EWR", "Newark Airport"});

  private static final String[] VENDORS = {"CMT", "VTS", "DDS"};
  private static final String[] PAYMENTS = {"card", "card", "card", "cash", "cash", "dispute"};

  private DemoDataGenerator() {}

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "cli/src/main/resources/io/quarry/cli/demo");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("trips.csv"), trips(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("zones.csv"), zones(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String zones() {
    StringBuilder csv = new StringBuilder("zone_id,borough,zone\n");
    for (int i = 0; i < ZONES.size(); i++) {
      csv.append(i + 1).append(',').append(ZONES.get(i)[0]).append(',');
      csv.append(quote(ZONES.get(i)[1])).append('\n');
    }
    return csv.toString();
  }

  /**
   * Trips in pickup order, as a meter log would write them; so each shard covers a time range and a
   * date filter can skip shards by their min/max statistics.
   */
  static String trips() {
    SplittableRandom random = new SplittableRandom(20250101L);
    LocalDateTime start = LocalDateTime.of(2025, 1, 1, 0, 0);
    long spanSeconds = 90L * 24 * 3600;
    List<LocalDateTime> pickups = new ArrayList<>();
    for (int i = 0; i < TRIPS; i++) {
      pickups.add(start.plusSeconds(random.nextLong(spanSeconds)));
    }
    Collections.sort(pickups);
    StringBuilder csv =
        new StringBuilder(
            "trip_id,vendor,pickup_date,pickup_at,dropoff_at,pickup_zone,dropoff_zone,"
                + "passengers,distance_mi,fare,tip,payment\n");
    for (int id = 1; id <= TRIPS; id++) {
      LocalDateTime pickup = pickups.get(id - 1);
      int pickupZone = zone(random);
      int dropoffZone = random.nextInt(4) == 0 ? pickupZone : zone(random);
      double miles = 0.3 + Math.abs(random.nextDouble() * random.nextDouble()) * 18;
      if (ZONES.get(pickupZone - 1)[1].contains("Airport")
          || ZONES.get(dropoffZone - 1)[1].contains("Airport")) {
        miles += 9;
      }
      BigDecimal distance = BigDecimal.valueOf(miles).setScale(2, RoundingMode.HALF_UP);
      int minutes = (int) Math.round(miles * (2.5 + random.nextDouble() * 2.5)) + 2;
      LocalDateTime dropoff = pickup.plusMinutes(minutes).plusSeconds(random.nextInt(60));
      BigDecimal fare =
          BigDecimal.valueOf(3.0 + miles * 2.5 + minutes * 0.5).setScale(2, RoundingMode.HALF_UP);
      String payment = PAYMENTS[random.nextInt(PAYMENTS.length)];
      BigDecimal tip =
          payment.equals("card")
              ? fare.multiply(BigDecimal.valueOf(10 + random.nextInt(16)))
                  .movePointLeft(2)
                  .setScale(2, RoundingMode.HALF_UP)
              : BigDecimal.ZERO.setScale(2);
      String passengers = random.nextInt(50) == 0 ? "" : Integer.toString(1 + passengers(random));
      csv.append(id).append(',');
      csv.append(VENDORS[random.nextInt(VENDORS.length)]).append(',');
      csv.append(pickup.toLocalDate()).append(',');
      csv.append(pickup.format(TIMESTAMP)).append(',');
      csv.append(dropoff.format(TIMESTAMP)).append(',');
      csv.append(pickupZone).append(',').append(dropoffZone).append(',');
      csv.append(passengers).append(',');
      csv.append(distance.toPlainString()).append(',');
      csv.append(fare.toPlainString()).append(',');
      csv.append(tip.toPlainString()).append(',');
      csv.append(payment).append('\n');
    }
    return csv.toString();
  }

  /** Manhattan is busiest, as in the real data. */
  private static int zone(SplittableRandom random) {
    return random.nextInt(3) == 0 ? 1 + random.nextInt(ZONES.size()) : 1 + random.nextInt(13);
  }

  private static int passengers(SplittableRandom random) {
    int roll = random.nextInt(10);
    return roll < 7 ? 0 : roll < 9 ? 1 : 2 + random.nextInt(3);
  }

  private static String quote(String field) {
    if (field.contains(",") || field.contains("\"")) {
      return '"' + field.replace("\"", "\"\"") + '"';
    }
    return field;
  }
}
