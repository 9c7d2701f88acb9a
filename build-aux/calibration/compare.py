#!/usr/bin/env python3
"""Power at equal null false-connection rate, and MCC at default settings.
Usage: compare.py NET_DIR TWIN_DIR OUT_PREFIX label=BINARY[:extra args] ..."""
import csv, math, os, subprocess, sys

def run(binary, extra, rec, out, duration):
    if not os.path.exists(out):
        subprocess.run([binary, 'run', rec, '--duration', str(duration), '--output-edges', out] + extra,
                       check=True, stderr=subprocess.DEVNULL)
    edges = []
    with open(out) as f:
        for row in csv.DictReader(f, delimiter='\t'):
            edges.append(row)
    return edges

def truth(path):
    t = {}
    with open(path) as f:
        for row in csv.DictReader(f, delimiter='\t'):
            t[(int(row['pre']), int(row['post']))] = float(row['psp_mV'])
    return t

def name_index(name):
    return int(name[4:]) if name.startswith('cell') else int(name)

def mcc(tp, fp, fn, tn):
    d = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / d if d > 0 else 0.0

def score(edges, t, threshold=None):
    """threshold None: use the method's own decision; else p <= threshold."""
    res = {}
    for sign in (1, -1, 0):
        tp = fp = fn = tn = 0
        for e in edges:
            pre, post = name_index(e['pre']), name_index(e['post'])
            true = t.get((pre, post), 0.0)
            if threshold is None:
                called = e['status'] == 'significant'
            else:
                p = float(e['p_value']) if e['p_value'] not in ('NaN', 'nan', '') else 1.0
                called = e['status'] in ('significant', 'not-significant') and p <= threshold
            j = float(e['j']) if e['j'] not in ('NaN', 'nan', '') else 0.0
            if sign == 0:
                is_true = true != 0.0
                is_called = called
                if is_called and is_true and (j > 0) != (true > 0):
                    fp += 1; fn += 1; continue
            else:
                is_true = true * sign > 0
                is_called = called and j * sign > 0
            if is_true and is_called: tp += 1
            elif is_true: fn += 1
            elif is_called: fp += 1
            else: tn += 1
        res['EIA'[[1, -1, 0].index(sign)]] = (tp, fp, fn, tn, mcc(tp, fp, fn, tn))
    return res

def null_threshold(edges, rate):
    ps = sorted(float(e['p_value']) for e in edges if e['status'] in ('significant', 'not-significant'))
    n = len([e for e in edges])  # per directed edge analysed
    k = int(math.floor(rate * n))
    # the largest threshold with at most k null edges at or below it
    if k >= len(ps):
        return 1.0
    return ps[k] * (1 - 1e-12) if k < len(ps) else 1.0

def main():
    net, twin, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
    duration = 5400
    methods = []
    for spec in sys.argv[4:]:
        label, rest = spec.split('=', 1)
        parts = rest.split(':')
        methods.append((label, parts[0], parts[1:] if len(parts) > 1 else []))
    t = truth(os.path.join(net, 'truth.tsv'))
    n_true = {'E': sum(1 for v in t.values() if v > 0), 'I': sum(1 for v in t.values() if v < 0)}
    print('truth: %d E, %d I' % (n_true['E'], n_true['I']))
    results = {}
    for label, binary, extra in methods:
        edges = run(binary, [x for e in extra for x in e.split()], net, '%s-%s-net.tsv' % (prefix, label), duration)
        nulls = run(binary, [x for e in extra for x in e.split()], twin, '%s-%s-null.tsv' % (prefix, label), duration)
        results[label] = (edges, nulls)
        own = score(edges, t)
        nfp = sum(1 for e in nulls if e['status'] == 'significant')
        nc = sum(1 for e in edges if e['status'] in ('not-converged', 'numerical-error'))
        print('%-10s default: E tp %3d fp %3d MCC %.3f | I tp %3d fp %3d MCC %.3f | all MCC %.3f | null FP %d/%d | failed %d'
              % (label, own['E'][0], own['E'][1], own['E'][4], own['I'][0], own['I'][1], own['I'][4], own['A'][4],
                 nfp, len(nulls), nc))
    for rate in (1e-3, 3e-3, 1e-2):
        line = 'null FP rate %.0e:' % rate
        for label, (edges, nulls) in results.items():
            th = null_threshold(nulls, rate)
            s = score(edges, t, th)
            line += '  %s E %d I %d (fp %d/%d)' % (label, s['E'][0], s['I'][0], s['E'][1], s['I'][1])
        print(line)

main()
