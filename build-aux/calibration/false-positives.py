#!/usr/bin/env python3
"""Classify false positives of an edge table against truth.tsv. Usage: false-positives.py NET EDGES.tsv N_EXC
Neurons are cellK files; truth.tsv may name them (cellK) or give K. K < N_EXC is excitatory."""
import csv, sys, collections
net, path, n_exc = sys.argv[1], sys.argv[2], int(sys.argv[3])
idx = lambda s: int(s[4:]) if s.startswith('cell') else int(s)
truth = {}
for r in csv.DictReader(open(net + '/truth.tsv'), delimiter='\t'):
    truth[(idx(r['pre']), idx(r['post']))] = float(r['psp_mV'])
inputs = collections.defaultdict(set)
outputs = collections.defaultdict(set)
for (p, q) in truth:
    inputs[q].add(p)
    outputs[p].add(q)
cats = collections.Counter(); delays = collections.Counter(); by_type = collections.Counter()
tested = collections.Counter()
n_fp = 0
for e in csv.DictReader(open(path), delimiter='\t'):
    pre, post = idx(e['pre']), idx(e['post'])
    t = truth.get((pre, post), 0.0)
    kind = ('E' if pre < n_exc else 'I') + '->' + ('E' if post < n_exc else 'I')
    if t == 0.0 and e['status'] in ('significant', 'not-significant'):
        tested[kind] += 1
    if e['status'] != 'significant':
        continue
    j = float(e['j'])
    if t != 0.0 and (j > 0) == (t > 0):
        continue
    n_fp += 1
    if t != 0.0:
        cats['wrong sign of a true synapse'] += 1; continue
    rev = truth.get((post, pre), 0.0)
    sign = 'exc' if j > 0 else 'inh'
    by_type[kind + ' ' + sign] += 1
    if rev != 0.0:
        cats['mirror of a true %s synapse, called %s' % ('exc' if rev > 0 else 'inh', sign)] += 1
    elif inputs[pre] & inputs[post]:
        # common input: a shared presynaptic partner
        cats['shared input (%s)' % sign] += 1
    elif outputs[pre] & inputs[post]:
        cats['two-step path (%s)' % sign] += 1
    else:
        cats['other (%s)' % sign] += 1
    delays[(sign, e['delay_ms'])] += 1
print('false positives: %d' % n_fp)
print('false positives by cause:', dict(cats))
print('by delay:', dict(delays))
print('by pre->post type and sign:', dict(by_type))
print('unconnected tested edges by type:', dict(tested))
for k, v in by_type.items():
    kind = k.split()[0]
    print('  %s: %.2f %% of unconnected %s edges' % (k, 100.0 * v / max(1, tested[kind]), kind))

# Common input: the summed product of the PSPs a pair receives from the neurons they share
# (excitation and inhibition alike synchronise them), for every unconnected tested pair (no
# synapse either way), and how often such pairs are called excitatory at the shortest delay.
shared = {}
for e in csv.DictReader(open(path), delimiter='\t'):
    pre, post = idx(e['pre']), idx(e['post'])
    if (pre, post) in truth or (post, pre) in truth or e['status'] not in ('significant', 'not-significant'):
        continue
    s = sum(truth[(k, pre)] * truth[(k, post)] for k in inputs[pre] & inputs[post])
    called = e['status'] == 'significant' and float(e['j']) > 0
    shared[(pre, post)] = (s, called, e['delay_ms'])
if shared:
    values = sorted(v[0] for v in shared.values())
    quartiles = [values[int(q * (len(values) - 1))] for q in (0.25, 0.5, 0.75)]
    counts = [[0, 0] for _ in range(4)]
    short = min(float(v[2]) for v in shared.values())
    n_short = 0
    for s, called, d in shared.values():
        b = sum(s > q for q in quartiles)
        counts[b][0] += 1
        counts[b][1] += called
        n_short += called and float(d) == short
    n_called = sum(c[1] for c in counts)
    print('unconnected pairs (no synapse either way): %d; called excitatory: %d, %d of them at d = %g ms'
          % (len(shared), n_called, n_short, short))
    print('  of all %d false positives: %.0f %% are such calls, %.0f %% at d = %g ms'
          % (n_fp, 100.0 * n_called / max(1, n_fp), 100.0 * n_short / max(1, n_fp), short))
    for b, name in enumerate(('lowest', 'second', 'third', 'highest')):
        print('  %s quarter of shared input: %d pairs, %d called excitatory (%.3f %%)'
              % (name, counts[b][0], counts[b][1], 100.0 * counts[b][1] / max(1, counts[b][0])))
