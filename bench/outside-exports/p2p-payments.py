# P2P payments export shaped like the aggregates of a real one (issue 28), built to its own plan,
# not the generator's (see README.md here): users with several cards and a device or two; a third
# of them in small groups tied by shared cards (pairs often share several) and devices, paying
# each other both ways; no sign-up times; transfers only; 0.7 % chargeback fraudsters, mostly
# alone, one now and then inside a group, a handful in rings; half of them labelled at random.
import csv, math, os, random, sys

seed = int(sys.argv[1]); out = sys.argv[2]; N = int(sys.argv[3]) if len(sys.argv) > 3 else 33700
rnd = random.Random(seed); os.makedirs(out, exist_ok=True)
scale = N / 33700
users = [f"u{i:06d}" for i in range(1, N + 1)]
order = users[:]; rnd.shuffle(order)
ids = {u: [] for u in users}   # user -> [(kind, value)]
counter = {'device': 0, 'card': 0}
def new(kind):
    counter[kind] += 1
    return f"dev-{counter[kind]:08d}" if kind == 'device' else f"tok_{counter[kind]:09d}"

# Groups (per 33.7k users): 3,373 pairs, 538 of 3, 188 of 4, 85 of 5, 34 of 6, a tail to 235;
# rings: 14 groups of fraudsters, mostly pairs.
def sizes(bands):
    out_ = []
    for lo, hi, count in bands:
        out_ += [lo if lo == hi else round(math.exp(rnd.uniform(math.log(lo), math.log(hi)))) for _ in range(round(count * scale))]
    return out_
ring_sizes = sizes([(2, 2, 8), (3, 3, 4), (4, 4, 1), (5, 5, 1)])
group_sizes = sizes([(2, 2, 3365), (3, 3, 534), (4, 4, 187), (5, 5, 84), (6, 6, 34), (7, 10, 30), (11, 20, 18), (21, 40, 7), (41, 100, 3), (235, 235, 1)])

def tie(members):
    """Each member joins an earlier one through shared cards (often several), a device, or both."""
    cards_of = {m: [] for m in members}; devs_of = {m: [] for m in members}
    for k in range(1, len(members)):
        m, p = members[k], members[rnd.randrange(k)]
        r = rnd.random()
        if r < 0.9:   # cards
            if cards_of[p] and rnd.random() < 0.3: shared = [rnd.choice(cards_of[p])]
            else: shared = [new('card') for _ in range(rnd.choices(range(1, 9), [65, 16, 11, 3.6, 2.2, 1.4, 0.5, 0.3])[0])]
            for c in shared:
                for x in (p, m):
                    if c not in cards_of[x]: cards_of[x].append(c); ids[x].append(('payment_instrument', c))
        if r >= 0.6:  # a device
            d = rnd.choice(devs_of[p]) if devs_of[p] and rnd.random() < 0.5 else new('device')
            for x in (p, m):
                if d not in devs_of[x]: devs_of[x].append(d); ids[x].append(('device', d))

truth = {u: ('', 0) for u in users}; group_of = {}; pos = 0
for g, size in enumerate(ring_sizes):
    members = order[pos:pos + size]; pos += size; tie(members)
    for m in members: truth[m] = (f"R{g + 1:04d}", 1); group_of[m] = members
for size in group_sizes:
    members = order[pos:pos + size]; pos += size; tie(members)
    for m in members:
        group_of[m] = members
        if rnd.random() < 0.0101: truth[m] = ('', 1)   # the group's one fraudster
for u in order[pos:]:
    if rnd.random() < 0.0044: truth[u] = ('', 1)
fraud = [u for u in users if truth[u][1] == 1]

# Own cards (median 3 with the shared ones, 99th percentile 16, a rare card tester) and devices.
for u in users:
    f = truth[u][1] == 1
    n_cards = rnd.randint(30, 420) if rnd.random() < 0.0005 else max(1, round((3.7 if f else 2.3) * math.exp(0.8 * rnd.gauss(0, 1))))
    n_devs = rnd.choices(range(1, 8), [72, 15, 6.5, 3, 1.5, 1, 0.5])[0] + (1 if f and rnd.random() < 0.5 else 0)
    ids[u] += [('payment_instrument', new('card')) for _ in range(n_cards)] + [('device', new('device')) for _ in range(n_devs)]
    rnd.shuffle(ids[u])

# Transfers: about 3 per user; group members send more, two thirds to fellow members.
GROUPED = [5, 9, 11, 12, 12, 11, 10, 8, 7, 5, 4, 3, 3]; ALONE = [22, 25, 20, 13, 8, 5, 3, 2, 1, 1]
rows = []
for u in users:
    group = group_of.get(u); f = truth[u][1] == 1
    for _ in range(rnd.choices(range(13), GROUPED)[0] if group or f else rnd.choices(range(10), ALONE)[0]):
        if f and rnd.random() < 0.15: to = rnd.choice(fraud)
        elif group and rnd.random() < 0.68: to = rnd.choice([x for x in group if x != u])
        else: to = rnd.choice(users)
        if to == u: continue
        day = rnd.uniform(0, 700)
        rows.append((u, to, f"{math.exp(4 + rnd.gauss(0, 1)):.2f}", f"2024-{1 + int(day // 60) % 12:02d}-{1 + int(day) % 28:02d}T{rnd.randrange(24):02d}:{rnd.randrange(60):02d}:00Z"))
rnd.shuffle(rows)

labelled = sorted(u for u in fraud if rnd.random() < 0.5)
def write(name, header, records):
    with open(os.path.join(out, name), 'w', newline='') as f:
        w = csv.writer(f); w.writerow(header); w.writerows(records)
write('accounts.csv', ['account_id'], [(u,) for u in users])
write('identifiers.csv', ['account_id', 'kind', 'value'], [(u, k, v) for u in users for k, v in ids[u]])
write('transactions.csv', ['transaction_id', 'account_id', 'counterparty_id', 'amount', 'currency', 'created_at', 'status'],
      [(f"t{i + 1:08d}", a, b, amt, 'USD', at, 'settled') for i, (a, b, amt, at) in enumerate(rows)])
write('labels.csv', ['account_id', 'label', 'source', 'labeled_at'], [(u, 'fraud', 'chargeback', '2025-01-01T00:00:00Z') for u in labelled])
write('truth.csv', ['account_id', 'ring_id', 'fraud'], [(u, *truth[u]) for u in users])
with open(os.path.join(out, 'labelled.txt'), 'w') as f: f.write('\n'.join(labelled))
