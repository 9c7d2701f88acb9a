/* glmcc-exp.h: e^x to about an ulp, several times cheaper than exp()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * x = (64m + j)·ln2/64 + r with |r| <= ln2/128, e^x = 2^m · 2^{j/64} · e^r, e^r by its series to
 * r⁵ (the next term is below 4e-17 of it). Within about 1.5 ulp of exp(); for the hot loops of
 * the default mode's fit and of the correlogram, where exp() was a third of the time.
 */
#pragma once

#include <math.h>

#include <glib.h>

G_BEGIN_DECLS

#define GLMCC_EXP_TABLE 64

extern double glmcc_exp_table[GLMCC_EXP_TABLE];   /* 2^{j/64} */

/* Fills the table; call once (it is cheap and thread-safe) before glmcc_exp_fast(). */
void glmcc_exp_init (void);

static inline double
glmcc_exp_fast (double x)
{
  /* ln2/64 in two parts, the first with trailing zeros so that k·LN2_HI is exact. */
  const double INV_LN2_64 = 92.332482616893656877;
  const double LN2_HI = 1.0830424696223417e-02;
  const double LN2_LO = 2.5728046223276688e-14;
  const double SHIFT = 6755399441055744.0;   /* 1.5·2^52: adding it rounds to an integer */
  double kd, r, p;
  gint64 k;
  union { double d; guint64 u; } bits, scale;

  if (!(fabs (x) < 700.0))
    return exp (x);
  bits.d = x * INV_LN2_64 + SHIFT;
  kd = bits.d - SHIFT;
  k = (gint64) kd;
  r = (x - kd * LN2_HI) - kd * LN2_LO;
  p = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0)))));
  scale.u = (guint64) (((k >> 6) + 1023) & 0x7ff) << 52;
  return glmcc_exp_table[k & (GLMCC_EXP_TABLE - 1)] * p * scale.d;
}

G_END_DECLS
