package fraudrings.sparkengine;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Proximity to known fraud (src/detect/proximity.ts): a personalised PageRank per fold, restarting
 * at the known fraud of the other folds, over shared non-hub identifiers (in proportion to their
 * evidence) and transfers, all folds in one pass as a vector of masses per account. Every message
 * is computed in doubles with the same IEEE operations as in Node, then truncated to whole units
 * of 2^-44; masses and ranks are sums of whole units (longs), the same in any order, so the ranks
 * equal the local engine's to the bit. Each iteration is a few joins and reduceByKeys of the
 * engine, materialised before the next so no step is computed twice.
 */
final class Proximity {
  private Proximity() {}

  static final double UNIT = 0x1p44;
  static final double TRANSFER_EVIDENCE = 0.7;
  private static final double EVIDENCE_FULL_ACCOUNTS = 4;

  /** What an account sends: its identifiers with their evidence, its transfer partners (once per transfer), its out-weight. */
  record Adjacency(long[] identifiers, double[] evidence, long[] partners, double out) implements java.io.Serializable {}

  /** The accounts of an identifier: the mass it receives is shared among them. */
  record Sharing(long[] accounts) implements java.io.Serializable {}

  /**
   * @param pairs distinct (account, identifier, kind)
   * @param counted (identifier, kind, accounts)
   * @param transactions (account, counterparty), counterparty -1 outside the snapshot
   * @param walkAccounts (account, fold, seed)
   * @return (account, rank): each account's rank, in units, in the walk of its own fold; nonzero only
   */
  static Dataset<Row> of(SparkSession spark, Dataset<Row> pairs, Dataset<Row> counted, Dataset<Row> transactions, Dataset<Row> walkAccounts, Options o) {
    final int folds = o.folds;
    final double restart = o.restart;
    final double[] kindEvidence = o.kindEvidence;
    final boolean[] dilutes = o.dilutes;
    final long hubMin = o.hubMinAccounts;

    // restart counts per fold: known fraud outside the fold
    long[] seedsInFold = new long[folds];
    long seeds = 0;
    for (Row r : walkAccounts.filter(col("seed")).groupBy("fold").count().collectAsList()) {
      seedsInFold[r.getInt(0)] = r.getLong(1);
      seeds += r.getLong(1);
    }
    final long[] restartCount = new long[folds];
    for (int f = 0; f < folds; f++) restartCount[f] = seeds - seedsInFold[f];
    StructType rankSchema = new StructType().add("account", DataTypes.LongType, false).add("rank", DataTypes.LongType, false);
    if (seeds == 0) return spark.createDataFrame(new ArrayList<Row>(), rankSchema);

    // every state and adjacency by account (and identifier) on one partitioner, so each step's
    // joins are narrow; as many partitions as the engine's cores (2 in local[2], not 200 tiny tasks)
    final HashPartitioner byKey = new HashPartitioner(spark.sparkContext().defaultParallelism());

    // links that carry the walk: shared non-hub identifiers whose evidence is above 0
    JavaRDD<Row> carrying = pairs.join(counted.select("identifier", "kind", "accounts"), seq("identifier", "kind"))
        .filter(col("accounts").geq(2).and(col("accounts").lt(hubMin)))
        .select(col("account"), col("identifier"), col("kind"), col("accounts")).javaRDD();
    JavaPairRDD<Long, Tuple2<Long, Double>> edgesByAccount = carrying
        .mapToPair(r -> {
          int kind = r.getInt(2);
          long k = r.getLong(3);
          double e = kindEvidence[kind] * (dilutes[kind] ? Math.min(1, EVIDENCE_FULL_ACCOUNTS / k) : 1);
          return new Tuple2<>(r.getLong(0), new Tuple2<>(r.getLong(1), e));
        })
        .filter(t -> t._2()._2() != 0);
    JavaPairRDD<Long, Sharing> sharing = edgesByAccount
        .mapToPair(t -> new Tuple2<>(t._2()._1(), t._1()))
        .groupByKey(byKey)
        .mapValues(accounts -> {
          List<Long> list = new ArrayList<>();
          accounts.forEach(list::add);
          return new Sharing(list.stream().mapToLong(Long::longValue).toArray());
        })
        .persist(StorageLevel.MEMORY_AND_DISK());

    // a transfer moves walk both ways, once per transaction
    JavaPairRDD<Long, Long> transfers = transactions
        .filter(col("counterparty").geq(0).and(col("counterparty").notEqual(col("account"))))
        .select(col("account").cast(DataTypes.LongType), col("counterparty").cast(DataTypes.LongType))
        .javaRDD()
        .flatMapToPair(r -> List.of(new Tuple2<>(r.getLong(0), r.getLong(1)), new Tuple2<>(r.getLong(1), r.getLong(0))).iterator());

    JavaPairRDD<Long, Adjacency> adjacency = edgesByAccount.cogroup(transfers, byKey).mapValues(g -> {
      List<Long> ids = new ArrayList<>();
      List<Double> evidence = new ArrayList<>();
      for (Tuple2<Long, Double> t : g._1()) {
        ids.add(t._1());
        evidence.add(t._2());
      }
      List<Long> partners = new ArrayList<>();
      g._2().forEach(partners::add);
      // the out-weight as Node sums it: evidence in ascending order from 0, then the transfers
      double[] sorted = evidence.stream().mapToDouble(Double::doubleValue).toArray();
      double[] inOrder = sorted.clone();
      Arrays.sort(sorted);
      double w = 0;
      for (double e : sorted) w += e;
      double out = w + TRANSFER_EVIDENCE * partners.size();
      return new Adjacency(ids.stream().mapToLong(Long::longValue).toArray(), inOrder, partners.stream().mapToLong(Long::longValue).toArray(), out);
    }).persist(StorageLevel.MEMORY_AND_DISK());

    // every seed starts with a share of the mass of each fold it restarts
    JavaPairRDD<Long, long[]> mass = walkAccounts.filter(col("seed")).select(col("account").cast(DataTypes.LongType), col("fold")).javaRDD()
        .mapToPair(r -> {
          long[] m = new long[folds];
          int own = r.getInt(1);
          for (int f = 0; f < folds; f++) if (f != own && restartCount[f] > 0) m[f] = (long) Math.floor(UNIT / restartCount[f]);
          return new Tuple2<>(r.getLong(0), m);
        })
        .partitionBy(byKey);
    JavaPairRDD<Long, long[]> rank = null;

    List<JavaPairRDD<?, ?>> held = new ArrayList<>();
    for (int step = 0; step < o.iterations; step++) {
      JavaPairRDD<Long, Tuple2<long[], Optional<Adjacency>>> joined = mass.leftOuterJoin(adjacency).persist(StorageLevel.MEMORY_AND_DISK());
      JavaPairRDD<Long, long[]> kept = joined.mapValues(v -> {
        long[] m = v._1();
        long[] r = new long[folds];
        for (int f = 0; f < folds; f++) r[f] = (long) Math.floor(restart * (double) m[f]);
        return r;
      });
      rank = rank == null ? kept : rank.union(kept);
      JavaPairRDD<Long, long[]> toIdentifiers = joined.flatMapToPair(t -> {
        List<Tuple2<Long, long[]>> out = new ArrayList<>();
        if (!t._2()._2().isPresent()) return out.iterator();
        Adjacency adj = t._2()._2().get();
        if (adj.out() == 0) return out.iterator();
        double[] moving = moving(t._2()._1(), restart, adj.out());
        for (int p = 0; p < adj.identifiers().length; p++) {
          long[] units = new long[folds];
          boolean any = false;
          for (int f = 0; f < folds; f++) {
            units[f] = (long) Math.floor(moving[f] * adj.evidence()[p] * UNIT);
            any |= units[f] != 0;
          }
          if (any) out.add(new Tuple2<>(adj.identifiers()[p], units));
        }
        return out.iterator();
      });
      JavaPairRDD<Long, long[]> viaTransfers = joined.flatMapToPair(t -> {
        List<Tuple2<Long, long[]>> out = new ArrayList<>();
        if (!t._2()._2().isPresent()) return out.iterator();
        Adjacency adj = t._2()._2().get();
        if (adj.out() == 0 || adj.partners().length == 0) return out.iterator();
        double[] moving = moving(t._2()._1(), restart, adj.out());
        long[] units = new long[folds];
        boolean any = false;
        for (int f = 0; f < folds; f++) {
          units[f] = (long) Math.floor(moving[f] * TRANSFER_EVIDENCE * UNIT);
          any |= units[f] != 0;
        }
        if (any) for (long partner : adj.partners()) out.add(new Tuple2<>(partner, units));
        return out.iterator();
      });
      JavaPairRDD<Long, long[]> viaIdentifiers = toIdentifiers.reduceByKey(byKey, Proximity::sum).join(sharing).flatMapToPair(t -> {
        long[] total = t._2()._1();
        long[] accounts = t._2()._2().accounts();
        long[] share = new long[folds];
        for (int f = 0; f < folds; f++) share[f] = (long) Math.floor((double) total[f] / accounts.length);
        List<Tuple2<Long, long[]>> out = new ArrayList<>();
        for (long a : accounts) out.add(new Tuple2<>(a, share));
        return out.iterator();
      });
      JavaPairRDD<Long, long[]> next = viaTransfers.union(viaIdentifiers).reduceByKey(byKey, Proximity::sum)
          .filter(t -> Arrays.stream(t._2()).anyMatch(u -> u != 0))
          .persist(StorageLevel.MEMORY_AND_DISK());
      rank = rank.reduceByKey(byKey, Proximity::sum).persist(StorageLevel.MEMORY_AND_DISK());
      // a step at a time: materialised, so the next step's lineage starts here
      next.count();
      rank.count();
      joined.unpersist(false);
      for (JavaPairRDD<?, ?> old : held) old.unpersist(false);
      held.clear();
      held.add(mass);
      mass = next;
    }
    JavaPairRDD<Long, Integer> foldOf = walkAccounts.select(col("account").cast(DataTypes.LongType), col("fold")).javaRDD()
        .mapToPair(r -> new Tuple2<>(r.getLong(0), r.getInt(1)));
    JavaRDD<Row> ranks = rank.join(foldOf)
        .map(t -> RowFactory.create(t._1(), t._2()._1()[t._2()._2()]))
        .filter(r -> r.getLong(1) != 0);
    return spark.createDataFrame(ranks, rankSchema);
  }

  /** The mass each fold moves on from an account, as Node computes it: ((1 − restart) · (units / UNIT)) / out. */
  private static double[] moving(long[] m, double restart, double out) {
    double[] moving = new double[m.length];
    for (int f = 0; f < m.length; f++) moving[f] = ((1 - restart) * ((double) m[f] / UNIT)) / out;
    return moving;
  }

  private static long[] sum(long[] x, long[] y) {
    long[] s = new long[x.length];
    for (int i = 0; i < x.length; i++) s[i] = x[i] + y[i];
    return s;
  }

  private static scala.collection.Seq<String> seq(String... names) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(names)).toSeq();
  }
}
