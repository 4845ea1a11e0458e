package fraudrings.sparkengine;

import java.util.Arrays;

/** The job's arguments: `--name value` pairs, all required but the master. */
final class Options {
  String links;
  String accounts;
  String out;
  String checkpoint;
  String master;
  double[] kindWeights;
  long hubMinAccounts;
  double linkMinWeight;
  int buckets;

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
        // Double.parseDouble reads JavaScript's shortest round-trip form back to the same double
        case "--kind-weights" -> o.kindWeights = value.isEmpty() ? new double[0] : Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray();
        case "--hub-min-accounts" -> o.hubMinAccounts = Long.parseLong(value);
        case "--link-min-weight" -> o.linkMinWeight = Double.parseDouble(value);
        case "--buckets" -> o.buckets = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + argv[i]);
      }
    }
    if (o.links == null || o.accounts == null || o.out == null || o.checkpoint == null || o.kindWeights == null || o.buckets <= 0 || o.hubMinAccounts <= 0) {
      throw new IllegalArgumentException("usage: --links <dir> --accounts <dir> --out <dir> --checkpoint <dir> --kind-weights w0,w1,.. --hub-min-accounts n --link-min-weight x --buckets n [--master m]");
    }
    return o;
  }
}
