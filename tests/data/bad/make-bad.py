#!/usr/bin/env python3
# Writes the malformed-input corpus of tests/data/bad/ (standard library only). Each entry is
# checked by tests/io/test-bad.c, which names the exact error it must produce.
import os
import random
import shutil
import struct
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', 'formats'))
from importlib import import_module  # noqa: E402

npy = import_module('make-fixtures').npy


def put(rel, data):
    path = os.path.join(here, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data.encode('latin1') if isinstance(data, str) else data)


def put_npy(rel, descr, shape, values, version=1):
    path = os.path.join(here, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    npy(path, descr, shape, values, version)


def mat5(*variables):
    """A MATLAB level 5 file (uncompressed, little-endian) holding @variables."""
    text = b'MATLAB 5.0 MAT-file, written by tests/data/bad/make-bad.py'.ljust(116)
    return text + bytes(8) + struct.pack('<H', 0x0100) + b'IM' + b''.join(variables)


def mat5_element(kind, payload):
    pad = (8 - len(payload) % 8) % 8
    return struct.pack('<II', kind, len(payload)) + payload + bytes(pad)


def mat5_array(class_type, dims, name, body):
    """An miMATRIX: flags, dimensions, name, then @body (encoded sub-elements)."""
    content = (mat5_element(6, struct.pack('<II', class_type, 0))
               + mat5_element(5, struct.pack('<%di' % len(dims), *dims))
               + mat5_element(1, name.encode()) + body)
    return struct.pack('<II', 14, len(content)) + content


def mat5_doubles(name, values, dims=None):
    return mat5_array(6, dims or [len(values), 1], name,
                      mat5_element(9, struct.pack('<%dd' % len(values), *values)))


def mat5_cell(name, items, dims=None):
    return mat5_array(1, dims or [1, len(items)], name, b''.join(items))


def mat5_struct(name, fields):
    names = b''.join(f.encode().ljust(32, b'\0') for f, _ in fields)
    # The field-name length is a small element, as MATLAB writes it (libmatio expects that).
    body = struct.pack('<HHi', 5, 4, 32) + mat5_element(1, names)
    return mat5_array(2, [1, 1], name, body + b''.join(v for _, v in fields))


def patched(fixture, patches, size=None):
    """A fixture of tests/data/formats with bytes replaced at fixed offsets (and cut to @size)."""
    with open(os.path.join(here, '..', 'formats', fixture), 'rb') as f:
        data = bytearray(f.read())
    for offset, value in patches:
        data[offset:offset + len(value)] = value
    return bytes(data if size is None else data[:size])


def garbage(n, seed):
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(n))


def main():
    for d in ('text-dir', 'text', 'csv', 'phy', 'neuroscope', 'nwb', 'mat'):
        shutil.rmtree(os.path.join(here, d), ignore_errors=True)

    # text-dir
    put('text-dir/non-numeric/cell0.txt', '1.5\n2.5\n')
    put('text-dir/non-numeric/cell1.txt', '1.0\n2.0\nabc\n')
    put('text-dir/nan/cell0.txt', '1\n')
    put('text-dir/nan/cell1.txt', '3\nnan\n')
    put('text-dir/inf/cell0.txt', '-Infinity\n')
    put('text-dir/inf/cell1.txt', '1\n')
    put('text-dir/overflow/cell0.txt', '1\n')
    put('text-dir/overflow/cell1.txt', '1e400\n')
    put('text-dir/no-spike-files/README', 'no spike files here\n')
    put('text-dir/no-spike-files/truth.tsv', 'pre\tpost\n0\t1\n')
    put('text-dir/one-neuron/cell0.txt', '1\n2\n3\n')
    put('text-dir/all-empty/cell0.txt', '')
    put('text-dir/all-empty/cell1.txt', '\n# nothing\n\n')
    put('text-dir/binary/cell0.txt', '1\n')
    put('text-dir/binary/cell1.txt', b'\x00\x01\x02garbage\xff\xfe\n')
    put('text-dir/two-per-line/cell0.txt', '1\n')
    put('text-dir/two-per-line/cell1.txt', '1 2\n')
    put('text-dir/huge-ms/cell0.txt', '1\n')
    put('text-dir/huge-ms/cell1.txt', '2\n1e306\n')
    put('text-dir/same-stem/cell0.txt', '1\n')
    put('text-dir/same-stem/cell1.txt', '2\n')
    put('text-dir/same-stem/cell1.TXT', '3\n')

    # text (web layout)
    put('text/letters.txt', '1 2 3;\n4 five 6;\n')
    put('text/one-train.txt', '1\n2\n3\n')
    put('text/empty.txt', '')
    put('text/only-separators.txt', ';;;\n')
    put('text/nan.txt', '1,2;3,NaN')
    put('text/hex.txt', '1;0x1p3\n')

    # csv
    put('csv/bad-time.csv', 'unit,time\n1,0.5\n2,later\n')
    put('csv/nan.csv', 'unit,time\n1,0.5\n2,NaN\n')
    put('csv/short-row.csv', 'unit,time\n1,0.5\n2\n')
    put('csv/empty.csv', '')
    put('csv/header-only.csv', 'unit,time\n')
    put('csv/unknown-header.csv', 'alpha,beta,gamma\n1,2,3\n')
    put('csv/unclosed-quote.csv', 'unit,time\n"1,0.5\n')
    put('csv/one-column.csv', '0.5\n0.7\n')
    put('csv/empty-unit.csv', 'unit,time\n,0.5\n')
    put('csv/samples-no-rate.csv', 'unit,time_samples\n1,30\n2,60\n')
    put('csv/binary.csv', b'\x89PNG\r\n\x1a\n' + garbage(200, 1))
    put('csv/huge-seconds.csv', 'unit,time_s\n1,0.5\n2,1e306\n')
    # A label with a control character reads as a\x01, which another label spells out.
    put('csv/same-display-name.csv', b'unit,time\na\x01,0.5\na\\x01,0.7\n')

    # phy
    def phy(name, params=True, times=None, clusters=None):
        if params:
            put('phy/%s/params.py' % name, params if isinstance(params, str) else 'sample_rate = 30000.0\n')
        if times is not None:
            put_npy('phy/%s/spike_times.npy' % name, *times)
        if clusters is not None:
            put_npy('phy/%s/spike_clusters.npy' % name, *clusters)

    good_times = ('<u8', (4,), [10, 20, 30, 40])
    good_clusters = ('<i4', (4,), [1, 2, 1, 2])
    phy('no-params', params=False, times=good_times, clusters=good_clusters)
    phy('no-spike-times', clusters=good_clusters)
    phy('no-clusters', times=good_times)
    phy('float-times', times=('<f8', (4,), [0.1, 0.2, 0.3, 0.4]), clusters=good_clusters)
    phy('shape-mismatch', times=good_times, clusters=('<i4', (3,), [1, 2, 1]))
    phy('2d-times', times=('<i8', (2, 2), [10, 20, 30, 40]), clusters=good_clusters)
    phy('negative-cluster', times=good_times, clusters=('<i4', (4,), [1, -1, 1, 2]))
    phy('empty-times', times=('<u8', (0,), []), clusters=('<i4', (0,), []))
    phy('huge-index', times=('<u8', (4,), [10, 2 ** 64 - 1, 30, 40]), clusters=good_clusters)
    phy('bad-params', params="sample_rate = 'thirty kHz'\n", times=good_times, clusters=good_clusters)
    phy('zero-rate', params='sample_rate = 0.0\n', times=good_times, clusters=good_clusters)
    phy('all-noise', times=good_times, clusters=good_clusters)
    put('phy/all-noise/cluster_group.tsv', 'cluster_id\tgroup\n1\tnoise\n2\tmua\n')
    phy('bad-labels', times=good_times, clusters=good_clusters)
    put('phy/bad-labels/cluster_group.tsv', 'cluster_id\tgroup\none\tgood\n')
    phy('labels-no-header', times=good_times, clusters=good_clusters)
    put('phy/labels-no-header/cluster_KSLabel.tsv', '1 good\n')
    phy('truncated-npy', clusters=good_clusters)
    put_npy('phy/truncated-npy/spike_times.npy', *good_times)
    with open(os.path.join(here, 'phy/truncated-npy/spike_times.npy'), 'r+b') as f:
        f.truncate(128 + 12)
    phy('big-endian', clusters=good_clusters)
    put('phy/big-endian/spike_times.npy',
        b'\x93NUMPY\x01\x00' + struct.pack('<H', 118)
        + b"{'descr': '>u8', 'fortran_order': False, 'shape': (4,), }".ljust(117) + b'\n'
        + struct.pack('>4Q', 10, 20, 30, 40))
    phy('wrong-dtype', clusters=good_clusters)
    put('phy/wrong-dtype/spike_times.npy',
        b'\x93NUMPY\x01\x00' + struct.pack('<H', 118)
        + b"{'descr': '<c8', 'fortran_order': False, 'shape': (4,), }".ljust(117) + b'\n'
        + bytes(32))
    phy('npy-version-9', clusters=good_clusters)
    put('phy/npy-version-9/spike_times.npy', b'\x93NUMPY\x09\x00' + bytes(120))
    phy('not-npy', clusters=good_clusters)
    put('phy/not-npy/spike_times.npy', '10\n20\n30\n40\n')
    phy('tiny-rate', params='sample_rate = 1e-300\n', times=good_times, clusters=good_clusters)
    phy('garbage-header', clusters=good_clusters)
    put('phy/garbage-header/spike_times.npy', b'\x93NUMPY\x01\x00' + struct.pack('<H', 64) + garbage(64, 2) + bytes(32))

    # neuroscope
    xml = '<parameters><acquisitionSystem><samplingRate>20000</samplingRate></acquisitionSystem></parameters>\n'

    def session(name, res, clu, with_xml=xml):
        if with_xml is not None:
            put('neuroscope/%s/s.xml' % name, with_xml)
        if res is not None:
            put('neuroscope/%s/s.res.1' % name, res)
        if clu is not None:
            put('neuroscope/%s/s.clu.1' % name, clu)

    session('negative-count', '10\n20\n', '-2\n2\n3\n')
    session('mismatch', '10\n20\n30\n', '3\n2\n3\n')
    session('float-res', '10\n12.5\n', '3\n2\n3\n')
    session('missing-clu', '10\n20\n', None)
    session('no-xml', '10\n20\n', '3\n2\n3\n', with_xml=None)
    session('bad-rate', '10\n20\n', '3\n2\n3\n',
            with_xml='<parameters><acquisitionSystem><samplingRate>fast</samplingRate></acquisitionSystem></parameters>')
    session('no-rate', '10\n20\n', '3\n2\n3\n', with_xml='<parameters><acquisitionSystem/></parameters>')
    session('only-noise', '10\n20\n30\n', '2\n0\n1\n1\n')
    session('negative-id', '10\n20\n', '3\n2\n-4\n')
    session('empty-clu', '10\n20\n', '')
    session('truncated-xml', '10\n20\n', '3\n2\n3\n', with_xml='<parameters><acquisitionSystem><samplingRate')
    session('binary-res', b'\x00\xff\x10\x20', '3\n2\n3\n')
    session('tiny-rate', '10\n20\n', '3\n2\n3\n',
            with_xml='<parameters><acquisitionSystem><samplingRate>1e-300</samplingRate></acquisitionSystem></parameters>')

    # nwb and mat: files that are not what they claim (structural HDF5/MAT errors are written by
    # tests/io/test-nwb.c and test-mat.c with the libraries themselves)
    put('nwb/garbage.nwb', garbage(512, 3))
    put('nwb/empty.nwb', '')
    put('nwb/signature-only.nwb', b'\x89HDF\r\n\x1a\n' + garbage(300, 4))
    put('mat/garbage.mat', garbage(512, 5))
    put('mat/empty.mat', '')
    put('mat/header-only.mat', 'MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Thu Jan  1 00:00:00 2024'.ljust(116) + '\x00' * 8 + '\x00\x01IM')

    # Declared sizes the bytes cannot hold (issue 9). The damaged fixtures are the committed
    # files of tests/data/formats changed at fixed offsets: regenerating those files means
    # finding the offsets again.
    trains = [mat5_doubles('', [0.5, 1.5, 2.5]), mat5_doubles('', [0.7, 1.7]),
              mat5_doubles('', [0.9])]
    # A 4 KB file whose cell array says it has 1.7e9 cells: libmatio allocated past 10 GB.
    # (Fields of a struct have no name of their own: MATLAB writes them so.)
    huge = mat5_struct('spikes', [('times', mat5_cell('', trains, dims=[1, 1700000000])),
                                  ('UID', mat5_doubles('', [1, 2, 3]))])
    put('mat/huge-cell.mat', mat5(huge) + bytes(4096 - 128 - len(huge)))
    # Data shorter than the dimensions say.
    short = mat5_array(6, [1000, 1], 'times', mat5_element(9, struct.pack('<3d', 1, 2, 3)))
    put('mat/short-data.mat', mat5(short))
    # Two trains with one UID.
    put('mat/duplicate-uid.mat', mat5(mat5_struct('spikes', [
        ('times', mat5_cell('', trains[:2])), ('UID', mat5_doubles('', [3, 3]))])))
    # A UID per train or none: one short, or not a number, would rename the units.
    put('mat/uid-count.mat', mat5(mat5_struct('spikes', [
        ('times', mat5_cell('', trains)), ('UID', mat5_doubles('', [3, 5]))])))
    put('mat/nan-uid.mat', mat5(mat5_struct('spikes', [
        ('times', mat5_cell('', trains[:2])), ('UID', mat5_doubles('', [3, float('nan')]))])))
    # An array whose class byte is damaged: libmatio read it as an empty train.
    put('mat/unknown-class.mat', mat5(mat5_cell('times', [
        mat5_array(128, [3, 1], '', mat5_element(9, struct.pack('<3d', 1, 2, 3))), trains[1]])))
    # More data than the dimensions say (a damaged dimension hid the rest).
    put('mat/extra-data.mat', mat5(mat5_array(6, [2, 1], 'times',
                                              mat5_element(9, struct.pack('<3d', 1, 2, 3)))))
    # 1e306 s overflows when converted to ms.
    put('mat/huge-seconds.mat', mat5(mat5_cell('times', [mat5_doubles('', [0.5]),
                                                         mat5_doubles('', [1e306])])))
    # A compressed file cut short: libmatio read zeros (one neuron got 15,046 spikes at 0 s).
    put('mat/truncated.mat', patched('spikes-v5z.mat', [], size=1200))
    put('mat/truncated-v73.mat', patched('spikes-v73.mat', [], size=6576))
    # A 7.3 file whose damaged heap address makes libhdf5 (under libmatio's Mat_GetDir) crash
    # with SIGSEGV in H5HG_read: the helper process turns that into an error.
    put('mat/crashes-libhdf5.mat', patched('spikes-v73.mat', [(5436, b'\xff\xff\xff\x7f')]))
    # 7.3 files that pass the checks but that libmatio cannot read whole: it logs libhdf5's
    # stack (46 lines before) and, for the second, returned the first train empty (exit 0).
    put('mat/damaged-v73-listing.mat', patched('spikes-v73.mat', [(1244, b'\xff\xff\xff\x7f')]))
    put('mat/damaged-v73-cell.mat', patched('spikes-v73.mat', [(4016, b'\xff\xff\xff\x7f')]))
    # NWB: cut in half; ids [7, 7, 12]; spike_times declaring 45,000 values stored in 3,600
    # bytes; a string heap reference pointing to a string the heap does not hold (libhdf5
    # overflowed in H5HG_read reading it).
    put('nwb/truncated.nwb', patched('units.nwb', [], size=6130))
    put('nwb/duplicate-id.nwb', patched('units.nwb', [(8092, struct.pack('<2q', 7, 7))]))
    put('nwb/extent-beyond-file.nwb', patched('units.nwb', [(1864, struct.pack('<2Q', 45000, 45000))]))
    put('nwb/damaged-heap.nwb', patched('units.nwb', [(8241, b'\x7f')]))


if __name__ == '__main__':
    main()
