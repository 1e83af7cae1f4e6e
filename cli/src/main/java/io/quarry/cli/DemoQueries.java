package io.quarry.cli;

import java.util.List;

/** The queries 'quarry demo' runs over the sample: each shows one thing the engine does. */
final class DemoQueries {
  private DemoQueries() {}

  record DemoQuery(String title, String sql) {}

  static List<DemoQuery> all(String tripsRoot) {
    return List.of(
        new DemoQuery(
            "Revenue per borough: a join with the zones table and GROUP BY",
            """
            SELECT z.borough, COUNT(*) AS trips, SUM(t.fare + t.tip) AS revenue,
                   ROUND(AVG(t.distance_mi), 2) AS avg_miles
            FROM trips t JOIN zones z ON t.pickup_zone = z.zone_id
            GROUP BY z.borough
            ORDER BY revenue DESC\
            """),
        new DemoQuery(
            "Trips and tips per month and payment type: dates, CASE and HAVING",
            """
            SELECT EXTRACT(MONTH FROM pickup_date) AS pickup_month, payment, COUNT(*) AS trips,
                   SUM(tip) AS tips,
                   SUM(CASE WHEN passengers IS NULL THEN 1 ELSE 0 END) AS unknown_passengers
            FROM trips
            GROUP BY EXTRACT(MONTH FROM pickup_date), payment
            HAVING COUNT(*) > 100
            ORDER BY pickup_month, payment\
            """),
        new DemoQuery(
            "The three longest trips of each vendor: a window function",
            """
            SELECT vendor, trip_id, pickup_at, distance_mi, fare, rn
            FROM (SELECT vendor, trip_id, pickup_at, distance_mi, fare,
                         ROW_NUMBER() OVER (PARTITION BY vendor
                                            ORDER BY distance_mi DESC, trip_id) AS rn
                  FROM trips) ranked
            WHERE rn <= 3
            ORDER BY vendor, rn\
            """),
        new DemoQuery(
            "The same data by its CID: a table named by its root, as IPFS names it",
            "SELECT COUNT(*) AS trips, MIN(pickup_at) AS first_pickup, MAX(dropoff_at) AS"
                + " last_dropoff, SUM(fare) AS fares\nFROM \""
                + tripsRoot
                + "\""),
        new DemoQuery(
            "How the engine runs a query: EXPLAIN (shards before March are pruned by their"
                + " min/max statistics)",
            """
            EXPLAIN
            SELECT vendor, SUM(fare) AS fares
            FROM trips
            WHERE pickup_date >= DATE '2025-03-01'
            GROUP BY vendor\
            """));
  }
}
