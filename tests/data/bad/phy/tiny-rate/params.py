sample_rate = 1e-300
