#!/usr/bin/env python3
"""Classify false positives of an edge table against truth.tsv. Usage: false-positives.py NET EDGES.tsv N_EXC"""
import csv, sys, collections
net, path, n_exc = sys.argv[1], sys.argv[2], int(sys.argv[3])
truth = {}
for r in csv.DictReader(open(net + '/truth.tsv'), delimiter='\t'):
    truth[(int(r['pre']), int(r['post']))] = float(r['psp_mV'])
idx = lambda s: int(s[4:])
cats = collections.Counter(); delays = collections.Counter(); by_type = collections.Counter()
tested = collections.Counter()
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
    if t != 0.0:
        cats['wrong sign of a true synapse'] += 1; continue
    rev = truth.get((post, pre), 0.0)
    sign = 'exc' if j > 0 else 'inh'
    by_type[kind + ' ' + sign] += 1
    if rev != 0.0:
        cats['mirror of a true %s synapse, called %s' % ('exc' if rev > 0 else 'inh', sign)] += 1
    else:
        # common input: a shared presynaptic partner
        pres_pre = {p for (p, q) in truth if q == pre}
        pres_post = {p for (p, q) in truth if q == post}
        two_step = any((pre, m) in truth and (m, post) in truth for m in range(1000))
        if pres_pre & pres_post:
            cats['shared input (%s)' % sign] += 1
        elif two_step:
            cats['two-step path (%s)' % sign] += 1
        else:
            cats['other (%s)' % sign] += 1
    delays[(sign, e['delay_ms'])] += 1
print('false positives by cause:', dict(cats))
print('by delay:', dict(delays))
print('by pre->post type and sign:', dict(by_type))
print('unconnected tested edges by type:', dict(tested))
for k, v in by_type.items():
    kind = k.split()[0]
    print('  %s: %.2f %% of unconnected %s edges' % (k, 100.0 * v / max(1, tested[kind]), kind))
