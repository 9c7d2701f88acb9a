sample_rate = 30000.0
