package fraudrings.sparkengine;

import java.util.Arrays;

/**
 * The job's arguments: `--name value` pairs. A night runs the job twice: {@code --pass measure}
 * (accounts per identifier and the per-kind aggregates the kind weights come from) and
 * {@code --pass components} (the grouping rule on those weights, components, buckets).
 */
final class Options {
  String pass = "components";
  int kinds = -1;
  String links;
  String accounts;
  String out;
  String checkpoint;
  String master;
  double[] kindWeights;
  long hubMinAccounts;
  double linkMinWeight;
  int buckets;
  String identifierValues;
  // proximity to known fraud, and the labels and transactions the buckets carry
  String transactions;
  String walkAccounts;
  double[] kindEvidence;
  boolean[] dilutes;
  double restart;
  int iterations;
  int folds;

  static Options parse(String[] argv) {
    Options o = new Options();
    for (int i = 0; i < argv.length; i += 2) {
      if (i + 1 >= argv.length) throw new IllegalArgumentException("missing value for " + argv[i]);
      String value = argv[i + 1];
      switch (argv[i]) {
        case "--links" -> o.links = value;
        case "--accounts" -> o.accounts = value;
        case "--out" -> o.out = value;
        case "--checkpoint" -> o.checkpoint = value;
        case "--master" -> o.master = value;
        case "--pass" -> o.pass = value;
        case "--kinds" -> o.kinds = Integer.parseInt(value);
        // Double.parseDouble reads JavaScript's shortest round-trip form back to the same double
        case "--kind-weights" -> o.kindWeights = value.isEmpty() ? new double[0] : Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray();
        case "--hub-min-accounts" -> o.hubMinAccounts = Long.parseLong(value);
        case "--link-min-weight" -> o.linkMinWeight = Double.parseDouble(value);
        case "--buckets" -> o.buckets = Integer.parseInt(value);
        case "--identifier-values" -> o.identifierValues = value;
        case "--transactions" -> o.transactions = value;
        case "--walk-accounts" -> o.walkAccounts = value;
        case "--kind-evidence" -> o.kindEvidence = value.isEmpty() ? new double[0] : Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray();
        case "--dilutes" -> {
          String[] flags = value.isEmpty() ? new String[0] : value.split(",");
          o.dilutes = new boolean[flags.length];
          for (int k = 0; k < flags.length; k++) o.dilutes[k] = flags[k].equals("1");
        }
        case "--restart" -> o.restart = Double.parseDouble(value);
        case "--iterations" -> o.iterations = Integer.parseInt(value);
        case "--folds" -> o.folds = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + argv[i]);
      }
    }
    if (o.pass.equals("measure")) {
      if (o.links == null || o.out == null || o.hubMinAccounts <= 0 || o.kinds < 0) {
        throw new IllegalArgumentException("usage: --pass measure --links <dir> --out <dir> --hub-min-accounts n --kinds n [--master m]");
      }
      return o;
    }
    if (!o.pass.equals("components")) throw new IllegalArgumentException("unknown pass " + o.pass + " (measure or components)");
    if (o.links == null || o.accounts == null || o.out == null || o.checkpoint == null || o.kindWeights == null || o.buckets <= 0 || o.hubMinAccounts <= 0) {
      throw new IllegalArgumentException("usage: --links <dir> --accounts <dir> --out <dir> --checkpoint <dir> --kind-weights w0,w1,.. --hub-min-accounts n --link-min-weight x --buckets n [--master m]");
    }
    if (o.identifierValues == null || o.walkAccounts == null || (o.transactions == null || o.kindEvidence == null || o.dilutes == null || o.kindEvidence.length != o.dilutes.length || o.folds <= 0 || o.iterations <= 0)) {
      throw new IllegalArgumentException("the components pass needs --identifier-values, --walk-accounts, --transactions, --kind-evidence, --dilutes (as many), --restart, --iterations and --folds");
    }
    return o;
  }
}
