/* glmcc-random.h: the project's random numbers (xoshiro256**, seeded through splitmix64)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One small, fast generator for the simulator and the jitter surrogates. Runs are reproducible
 * for a seed on any machine and any number of threads: each user seeds its own stream.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 s[4];
} GlmccRandom;

/* One step of splitmix64: the seeding mixer. */
static inline guint64
glmcc_splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static inline guint64
glmcc_random_rotate_left (guint64 x,
                          int     k)
{
  return (x << k) | (x >> (64 - k));
}

/* The next 64 random bits (inline: the simulator draws billions). */
static inline guint64
glmcc_random_next (GlmccRandom *random)
{
  guint64 *s = random->s;
  guint64 result = glmcc_random_rotate_left (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = glmcc_random_rotate_left (s[3], 45);
  return result;
}

/* Uniform on [0, 1) with 53 random bits. */
static inline double
glmcc_random_double (GlmccRandom *random)
{
  return (double) (glmcc_random_next (random) >> 11) * 0x1.0p-53;
}

G_END_DECLS
