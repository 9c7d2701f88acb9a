dat_path = [r'C:\data\run1.bin',
            'run2.bin']
n_channels_dat = 3
dtype = 'int16'
offset = 0
sample_rate = 30_000.  # Hz
hp_filtered = False
