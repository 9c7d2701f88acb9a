#!/usr/bin/env python3
"""Null twin of a recording: independent Poisson trains with each neuron's rate, same length,
times on the same grid (default 0.1 ms). Usage: null-twin.py SRC_DIR OUT_DIR DURATION_S SEED [GRID_MS]"""
import math, os, random, sys
src, out, duration, seed = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
grid = float(sys.argv[5]) if len(sys.argv) > 5 else 0.1
random.seed(seed)
os.makedirs(out, exist_ok=True)
names = sorted((f for f in os.listdir(src) if f.startswith('cell') and f.endswith('.txt')),
               key=lambda f: int(f[4:-4]))
decimals = max(0, -int(math.floor(math.log10(grid) + 1e-9)))
for f in names:
    n = sum(1 for line in open(os.path.join(src, f)) if line.strip() and 0 <= float(line) < duration * 1000)
    rate = n / (duration * 1000.0)
    t, last, lines = 0.0, -1.0, []
    while True:
        t += random.expovariate(rate)
        if t >= duration * 1000:
            break
        s = math.floor(t / grid) * grid
        if s <= last:
            continue
        last = s
        lines.append('%.*f' % (decimals, s))
    open(os.path.join(out, f), 'w').write('\n'.join(lines) + '\n')
