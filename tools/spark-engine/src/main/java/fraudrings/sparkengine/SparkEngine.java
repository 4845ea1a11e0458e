package fraudrings.sparkengine;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The global steps of a night on Spark, in two passes (two invocations: a pass is a plain batch
 * job, rerun alone, run unchanged by spark-submit on a cluster). Reads the Parquet parts the
 * nightly job wrote (links: account, identifier, kind, first_seen, last_seen, row; accounts: account,
 * id, created_at, properties; identifier-values: identifier, kind, value, which may repeat;
 * transactions: row,
 * account, counterparty, amount, status, created_at; walk-accounts: account, fold, seed, label,
 * approved).
 *
 * <p>{@code --pass measure} writes {@code counts/} (accounts per identifier) and reports the
 * integer aggregates per kind the nightly job measures the kind weights from (KindMeasure).
 *
 * <p>{@code --pass components} applies the grouping rule of src/graph/identifier-weights.ts to the
 * numbers the nightly job measured and passes in (per-kind weights, the hub size, the link
 * threshold): shared by 2 accounts or more, fewer than the hub size, and kindWeight / (accounts -
 * 1) at least the threshold (and above 0); the division is the same IEEE double division as in
 * Node, so the same identifiers group. It writes:
 *
 * <ul>
 *   <li>{@code identifiers/}: accounts per identifier, whether it is a hub, whether it groups;
 *   <li>{@code components/}: the component of every account (GraphX), named by its smallest
 *       account key;
 *   <li>{@code buckets/bucket=B/}: each account with its label, links (in link row order, with
 *       the identifier's value, account count, hub flag, first link row and known-fraud account
 *       count), sent and received transactions and proximity rank,
 *       B = pmod(xxhash64(component), N), so a whole component is always in one bucket and a
 *       worker can load one bucket alone (docs/scale-out.md has the layout);
 *   <li>{@code proximity/}: each account's rank in the walk to known fraud of its fold, in whole
 *       mass units (Proximity).
 * </ul>
 *
 * The last line on stdout is {@code SPARK_ENGINE_RESULT <json>}: the application id, the master,
 * counts (the components pass's include the distinct identifier values and how many of them share
 * an id with another: collisions) and timings, read by the launcher.
 */
public final class SparkEngine {
  private SparkEngine() {}

  public static void main(String[] argv) {
    if (System.getenv("SPARK_ENGINE_EXIT_WITH_STDIN") != null) exitWhenStdinCloses();
    int status = 0;
    SparkSession spark = null;
    try {
      Options options = Options.parse(argv);
      SparkConf conf = new SparkConf().setAppName("fraud-rings spark-engine");
      // a master set by spark-submit (or spark.master in the conf) wins; java -cp runs set it here
      if (options.master != null) conf.setMaster(options.master);
      if (!conf.contains("spark.master")) conf.setMaster("local[*]");
      // components iterate once per step of a component's diameter: checkpoint the graph now and
      // then so the lineage (and a failed task's recomputation) stays short
      if (!conf.contains("spark.graphx.pregel.checkpointInterval")) conf.set("spark.graphx.pregel.checkpointInterval", "10");
      spark = SparkSession.builder().config(conf).getOrCreate();
      Map<String, Object> result = run(spark, options);
      System.out.println("SPARK_ENGINE_RESULT " + Json.object(result));
    } catch (Throwable e) {
      // one line for the nightly's error; the stack trace only when the logs are raised
      System.err.println("spark-engine: " + firstLine(e));
      if (System.getenv("SPARK_ENGINE_LOG_LEVEL") != null) e.printStackTrace();
      status = 1;
    } finally {
      if (spark != null) spark.stop();
    }
    System.exit(status);
  }

  static Map<String, Object> run(SparkSession spark, Options options) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("applicationId", spark.sparkContext().applicationId());
    result.put("master", spark.sparkContext().master());
    Map<String, Object> ms = new LinkedHashMap<>();
    if (options.pass.equals("measure")) measure(spark, options, result, ms);
    else components(spark, options, result, ms);
    result.put("ms", ms);
    return result;
  }

  /** Duplicate (account, identifier) rows are one link, as in the local graph. */
  private static Dataset<Row> pairsOf(SparkSession spark, Options options) {
    // account keys are read as 64-bit whatever width the parts hold (one Node process writes 32)
    return spark.read().parquet(options.links).select(col("account").cast(DataTypes.LongType).as("account"), col("identifier"), col("kind")).distinct();
  }

  /**
   * The first pass: accounts per identifier (written to {@code counts/} for the second pass) and
   * the per-kind aggregates, from which the nightly job measures tonight's kind weights.
   */
  private static void measure(SparkSession spark, Options options, Map<String, Object> result, Map<String, Object> ms) {
    long t0 = System.nanoTime();
    Dataset<Row> pairs = pairsOf(spark, options).cache();
    pairs.groupBy("identifier", "kind")
        .agg(count(lit(1)).as("accounts"), min("account").as("first_account"))
        .write().mode("overwrite").parquet(options.out + "/counts");
    Dataset<Row> counted = spark.read().parquet(options.out + "/counts").cache();
    result.put("kinds", KindMeasure.of(pairs, counted, options.hubMinAccounts, options.kinds));
    ms.put("measure", (System.nanoTime() - t0) / 1_000_000);
  }

  /** The second pass: the grouping rule on the measured weights, components and buckets. */
  private static void components(SparkSession spark, Options options, Map<String, Object> result, Map<String, Object> ms) {
    spark.sparkContext().setCheckpointDir(options.checkpoint);
    result.put("componentsAlgorithm", "graphx");
    long t0 = System.nanoTime();

    Dataset<Row> links = spark.read().parquet(options.links).withColumn("account", col("account").cast(DataTypes.LongType));
    Dataset<Row> accounts = spark.read().parquet(options.accounts).select(col("account").cast(DataTypes.LongType).as("account"), col("id"), col("created_at"), col("properties"));
    Dataset<Row> pairs = pairsOf(spark, options).cache();

    // accounts per identifier (the measure pass counted them); the hub cut; the grouping rule on the numbers passed in
    Dataset<Row> kinds = spark.createDataFrame(kindRows(options.kindWeights), new StructType()
        .add("kind", DataTypes.IntegerType, false)
        .add("kind_weight", DataTypes.DoubleType, false));
    Dataset<Row> counted = spark.read().parquet(options.out + "/counts")
        .join(org.apache.spark.sql.functions.broadcast(kinds), "kind");
    Column pairWeight = col("kind_weight").divide(col("accounts").minus(1).cast(DataTypes.DoubleType));
    Dataset<Row> identifiers = counted
        .withColumn("hub", col("accounts").geq(options.hubMinAccounts))
        .withColumn("groups", col("accounts").geq(2)
            .and(col("accounts").lt(options.hubMinAccounts))
            .and(pairWeight.gt(0))
            .and(pairWeight.geq(options.linkMinWeight)))
        .cache();
    identifiers.select("identifier", "kind", "accounts", "hub", "groups").write().mode("overwrite").parquet(options.out + "/identifiers");
    Row tally = identifiers.agg(
        count(lit(1)),
        count(org.apache.spark.sql.functions.when(col("hub"), 1)),
        count(org.apache.spark.sql.functions.when(col("groups"), 1))).first();
    result.put("identifiers", tally.getLong(0));
    result.put("hubs", tally.getLong(1));
    result.put("groupingIdentifiers", tally.getLong(2));
    ms.put("identifiers", (System.nanoTime() - t0) / 1_000_000);

    // every grouping identifier ties its accounts to its first account: a star per identifier,
    // so the edges are account–account without the quadratic projection
    long t1 = System.nanoTime();
    Dataset<Row> edges = pairs
        .join(identifiers.filter(col("groups")).select("identifier", "kind", "first_account"), seq("identifier", "kind"))
        .filter(col("account").notEqual(col("first_account")))
        .select(col("first_account").as("src"), col("account").as("dst"));
    Dataset<Row> labelled = Components.of(spark, edges).withColumnRenamed("id", "linked_account");
    // an account no grouping link reaches is a component of its own, named by itself
    Dataset<Row> components = accounts
        .join(labelled, col("account").equalTo(col("linked_account")), "left")
        .select(col("account"), col("id").as("account_id"), coalesce(col("component"), col("account")).as("component"), col("created_at"), col("properties"))
        .cache();
    components.select("account", "component").write().mode("overwrite").parquet(options.out + "/components");
    Row componentTally = components.agg(countDistinct("component"), count(lit(1))).first();
    result.put("components", componentTally.getLong(0));
    result.put("accounts", componentTally.getLong(1));
    ms.put("components", (System.nanoTime() - t1) / 1_000_000);

    // the walk to known fraud, before the buckets, which carry each account's rank
    long t3 = System.nanoTime();
    Dataset<Row> walkAccounts = spark.read().parquet(options.walkAccounts).withColumn("account", col("account").cast(DataTypes.LongType));
    Dataset<Row> transactions = spark.read().parquet(options.transactions)
        .withColumn("account", col("account").cast(DataTypes.LongType))
        .withColumn("counterparty", col("counterparty").cast(DataTypes.LongType));
    Proximity.of(spark, pairs, spark.read().parquet(options.out + "/counts"), transactions, walkAccounts, options)
        .write().mode("overwrite").parquet(options.out + "/proximity");
    Dataset<Row> ranks = spark.read().parquet(options.out + "/proximity").withColumnRenamed("rank", "proximity_rank");
    ms.put("proximity", (System.nanoTime() - t3) / 1_000_000);

    // a bucket per component: each row an account with what detection reads of it (its label, its
    // links with the identifier's value and whole-night account count and hub flag, so a bucket
    // alone gives the weights; the transactions it sent and received; its rank), sorted by account.
    // Lists are sorted, so a bucket is the same file content whatever order the shuffle delivered.
    long t2 = System.nanoTime();
    // a value may be written more than once (a streamed load dedups a part at a time): distinct
    // (identifier, kind, value) are the identifiers' values; ids named by more than one are collisions
    Dataset<Row> values = spark.read().parquet(options.identifierValues).select("identifier", "kind", "value").distinct().cache();
    Row valueTally = values.agg(count(lit(1)), countDistinct("identifier")).first();
    result.put("identifierValues", valueTally.getLong(0));
    result.put("identifierCollisions", valueTally.getLong(0) - valueTally.getLong(1));
    // per identifier, what a bucket cannot see of the rest of the night: the first link row naming
    // it (the snapshot numbers identifiers in that order) and how many known-fraud accounts use it
    // and its place in the snapshot's numbering: its rank by first row (zipWithIndex over the sorted
    // identifiers: a count per partition, then the places, without one partition holding them all)
    Dataset<Row> firstRowsByIdentifier = links.groupBy("identifier", "kind").agg(min("row").as("first_row"));
    StructType ranked = new StructType()
        .add("identifier", DataTypes.LongType, false)
        .add("kind", DataTypes.IntegerType, false)
        .add("first_row", DataTypes.LongType, false)
        .add("identifier_index", DataTypes.LongType, false);
    Dataset<Row> firstRows = spark.createDataFrame(
        firstRowsByIdentifier.select("identifier", "kind", "first_row").orderBy("first_row").javaRDD().zipWithIndex()
            .map(t -> RowFactory.create(t._1().getLong(0), t._1().getInt(1), t._1().getLong(2), t._2())),
        ranked);
    Dataset<Row> fraudUsers = pairs
        .join(walkAccounts.filter(col("label").equalTo(1)).select("account"), "account")
        .groupBy("identifier", "kind")
        .agg(count(lit(1)).as("fraud_accounts"));
    Dataset<Row> accountLinks = links
        .join(values, seq("identifier", "kind"), "left")
        .join(identifiers.select("identifier", "kind", "accounts", "hub"), seq("identifier", "kind"))
        .join(firstRows, seq("identifier", "kind"))
        .join(fraudUsers, seq("identifier", "kind"), "left")
        .withColumn("fraud_accounts", coalesce(col("fraud_accounts"), lit(0L)))
        .groupBy("account")
        .agg(array_sort(collect_list(struct(col("row"), col("identifier"), col("kind"), col("value"), col("first_seen"), col("last_seen"), col("accounts"), col("hub"), col("first_row"), col("identifier_index"), col("fraud_accounts")))).as("links"));
    Dataset<Row> sent = transactions
        .groupBy("account")
        .agg(array_sort(collect_list(struct(col("row"), col("counterparty"), col("amount"), col("status"), col("created_at")))).as("sent"));
    Dataset<Row> received = transactions
        .filter(col("counterparty").geq(0))
        .groupBy(col("counterparty").as("account"))
        .agg(array_sort(collect_list(struct(col("row"), col("account").as("sender"), col("amount"), col("status"), col("created_at")))).as("received"));
    components
        .join(walkAccounts.select("account", "label", "approved"), "account")
        .join(ranks, seq("account"), "left")
        .withColumn("proximity_rank", coalesce(col("proximity_rank"), lit(0L)))
        .join(accountLinks, seq("account"), "left")
        .join(sent, seq("account"), "left")
        .join(received, seq("account"), "left")
        .withColumn("bucket", pmod(xxhash64(col("component")), lit((long) options.buckets)))
        .repartition(col("bucket"))
        .sortWithinPartitions("account")
        .write().mode("overwrite").partitionBy("bucket").parquet(options.out + "/buckets");
    ms.put("buckets", (System.nanoTime() - t2) / 1_000_000);
    result.put("buckets", options.buckets);
  }

  /**
   * The launcher keeps a pipe to this JVM's stdin open while it lives: when it dies (killed, even
   * by SIGKILL) the pipe closes and the job stops instead of running on for nobody.
   */
  private static void exitWhenStdinCloses() {
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // the launcher never writes: anything read is ignored
        }
      } catch (java.io.IOException e) {
        // a broken pipe is a closed one
      }
      System.err.println("spark-engine: the nightly job that started this one is gone");
      Runtime.getRuntime().halt(1);
    }, "spark-engine-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static List<Row> kindRows(double[] weights) {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < weights.length; k++) rows.add(RowFactory.create(k, weights[k]));
    return rows;
  }

  private static scala.collection.Seq<String> seq(String... names) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(names)).toSeq();
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
