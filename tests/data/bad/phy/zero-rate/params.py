sample_rate = 0.0
