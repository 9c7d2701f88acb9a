#!/usr/bin/env python3
# Writes the binary good fixtures of tests/data/formats/ (phy folder) with the standard library
# only, so that they can be regenerated without NumPy. The tests check the values written here.
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))


def npy(path, descr, shape, values, version=1):
    fmt = {'<i4': 'i', '<u4': 'I', '<i8': 'q', '<u8': 'Q', '<f4': 'f', '<f8': 'd'}[descr]
    shape_text = '(' + ', '.join(str(s) for s in shape) + (',)' if len(shape) == 1 else ')')
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_text)
    prefix = 10 if version == 1 else 12
    pad = 64 - (prefix + len(header) + 1) % 64
    header = header + ' ' * pad + '\n'
    with open(path, 'wb') as f:
        f.write(b'\x93NUMPY' + bytes([version, 0]))
        if version == 1:
            f.write(struct.pack('<H', len(header)))
        else:
            f.write(struct.pack('<I', len(header)))
        f.write(header.encode('latin1'))
        f.write(struct.pack('<%d%s' % (len(values), fmt), *values))


def phy():
    d = os.path.join(here, 'phy')
    os.makedirs(d, exist_ok=True)
    # (sample index, cluster, template), sorted by time as Kilosort writes them.
    spikes = [(30, 2, 0), (45, 5, 1), (300, 7, 2), (600, 2, 0), (601, 9, 3), (900, 5, 1),
              (1500, 2, 3), (3000, 11, 2), (3300, 5, 1), (30000000000, 2, 0)]
    n = len(spikes)
    with open(os.path.join(d, 'params.py'), 'w') as f:
        f.write("dat_path = [r'C:\\data\\run1.bin',\n            'run2.bin']\n"
                "n_channels_dat = 3\ndtype = 'int16'\noffset = 0\n"
                "sample_rate = 30_000.  # Hz\nhp_filtered = False\n")
    # (n, 1) uint64, the Kilosort 2 layout.
    npy(os.path.join(d, 'spike_times.npy'), '<u8', (n, 1), [s[0] for s in spikes])
    npy(os.path.join(d, 'spike_clusters.npy'), '<i4', (n,), [s[1] for s in spikes], version=2)
    npy(os.path.join(d, 'spike_templates.npy'), '<u4', (n,), [s[2] for s in spikes])
    # 4 templates, 5 samples, 3 channels: template t peaks on channel (t % 3).
    templates = []
    for t in range(4):
        for s in range(5):
            for c in range(3):
                amp = 10.0 if c == t % 3 else 1.0
                templates.append(amp * (1.0 if s == 2 else -0.5 if s == 3 else 0.0))
    npy(os.path.join(d, 'templates.npy'), '<f4', (4, 5, 3), templates)
    npy(os.path.join(d, 'channel_positions.npy'), '<f8', (3, 2), [0.0, 0.0, 16.0, 20.0, 32.0, 40.0])
    with open(os.path.join(d, 'cluster_group.tsv'), 'w') as f:
        f.write('cluster_id\tgroup\n2\tgood\n5\tgood\n7\tmua\n9\tnoise\n')
    with open(os.path.join(d, 'cluster_KSLabel.tsv'), 'w') as f:
        f.write('cluster_id\tKSLabel\n2\tmua\n5\tgood\n7\tmua\n9\tmua\n11\tgood\n')


if __name__ == '__main__':
    phy()
