sample_rate = 'thirty kHz'
