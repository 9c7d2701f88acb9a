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

/* Whether the AVX2 versions may run: the processor has AVX2 and GLMCC_NO_AVX2 is not set in
 * the environment (to run the scalar code where it does, as the tests do). */
gboolean glmcc_exp_have_avx2 (void);

/* glmcc_exp_fast() of the n values of @x into @out, four at a time with AVX2 where
 * glmcc_exp_have_avx2(): the same to the bit. */
void     glmcc_exp_fast_many (const double *x,
                              gsize         n,
                              double       *out);

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define GLMCC_HAVE_EXP_AVX2 1
#include <immintrin.h>

/* glmcc_exp_fast() of four values with the same operations on the same operands (a gather for
 * the table), so the same to the bit, for |x| < 700 (the caller checks it:
 * glmcc_exp_avx2_in_range()). Only for functions compiled with target("avx2"). */
__attribute__ ((target ("avx2"), always_inline))
static inline __m256d
glmcc_exp_fast_avx2 (__m256d x)
{
  const __m256d shift = _mm256_set1_pd (6755399441055744.0);
  const __m256d one = _mm256_set1_pd (1.0);
  const __m256d all_lanes = _mm256_castsi256_pd (_mm256_set1_epi64x (-1));
  __m256d kd, r, poly, entry;
  __m128i whole, exponent;

  kd = _mm256_sub_pd (_mm256_add_pd (_mm256_mul_pd (x, _mm256_set1_pd (92.332482616893656877)),
                                     shift),
                      shift);
  whole = _mm256_cvttpd_epi32 (kd);
  r = _mm256_sub_pd (_mm256_sub_pd (x, _mm256_mul_pd (kd, _mm256_set1_pd (1.0830424696223417e-02))),
                     _mm256_mul_pd (kd, _mm256_set1_pd (2.5728046223276688e-14)));
  poly = _mm256_add_pd (_mm256_set1_pd (1.0 / 24.0), _mm256_mul_pd (r, _mm256_set1_pd (1.0 / 120.0)));
  poly = _mm256_add_pd (_mm256_set1_pd (1.0 / 6.0), _mm256_mul_pd (r, poly));
  poly = _mm256_add_pd (_mm256_set1_pd (0.5), _mm256_mul_pd (r, poly));
  poly = _mm256_add_pd (one, _mm256_mul_pd (r, poly));
  poly = _mm256_add_pd (one, _mm256_mul_pd (r, poly));
  exponent = _mm_and_si128 (_mm_add_epi32 (_mm_srai_epi32 (whole, 6), _mm_set1_epi32 (1023)),
                            _mm_set1_epi32 (0x7ff));
  /* The masked gather: the plain one reads an undefined register (GCC 12 warns). */
  entry = _mm256_mask_i32gather_pd (_mm256_setzero_pd (), glmcc_exp_table,
                                    _mm_and_si128 (whole, _mm_set1_epi32 (GLMCC_EXP_TABLE - 1)),
                                    all_lanes, 8);
  return _mm256_mul_pd (_mm256_mul_pd (entry, poly),
                        _mm256_castsi256_pd (_mm256_slli_epi64 (_mm256_cvtepi32_epi64 (exponent), 52)));
}

/* Whether every lane of @x is where glmcc_exp_fast_avx2() applies (|x| < 700, not NaN). */
__attribute__ ((target ("avx2"), always_inline))
static inline gboolean
glmcc_exp_avx2_in_range (__m256d x)
{
  const __m256d magnitude = _mm256_castsi256_pd (_mm256_set1_epi64x (0x7fffffffffffffffLL));

  return _mm256_movemask_pd (_mm256_cmp_pd (_mm256_and_pd (x, magnitude), _mm256_set1_pd (700.0),
                                            _CMP_LT_OQ)) == 15;
}
#endif

G_END_DECLS
