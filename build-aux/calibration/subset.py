#!/usr/bin/env python3
"""A recorded subset of a simulated network: the first NE excitatory and the first NI inhibitory
neurons (simulate numbers E first), as links, and their truth by name.
Usage: subset.py NET OUT NE NI N_EXC_TOTAL"""
import csv, os, sys
net, out, ne, ni, n_exc = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
keep = list(range(ne)) + list(range(n_exc, n_exc + ni))
os.makedirs(out, exist_ok=True)
for i in keep:
    dst = os.path.join(out, 'cell%d.txt' % i)
    if not os.path.exists(dst):
        os.symlink(os.path.abspath(os.path.join(net, 'cell%d.txt' % i)), dst)
kept = set(keep)
with open(os.path.join(out, 'truth.tsv'), 'w') as f:
    f.write('pre\tpost\tpsp_mV\tdelay_ms\n')
    for r in csv.DictReader(open(os.path.join(net, 'truth.tsv')), delimiter='\t'):
        if int(r['pre']) in kept and int(r['post']) in kept:
            f.write('cell%s\tcell%s\t%s\t%s\n' % (r['pre'], r['post'], r['psp_mV'], r['delay_ms']))
