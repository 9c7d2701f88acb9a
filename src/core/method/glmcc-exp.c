/* glmcc-exp.c: the table of glmcc_exp_fast()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-exp.h"

double glmcc_exp_table[GLMCC_EXP_TABLE];

static gpointer
exp_table_init (gpointer data)
{
  for (int j = 0; j < GLMCC_EXP_TABLE; j++)
    glmcc_exp_table[j] = exp2 ((double) j / GLMCC_EXP_TABLE);
  return NULL;
}

void
glmcc_exp_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, exp_table_init, NULL);
}

gboolean
glmcc_exp_have_avx2 (void)
{
#ifdef GLMCC_HAVE_EXP_AVX2
  static gsize checked = 0;
  static gboolean available;

  if (g_once_init_enter (&checked))
    {
      __builtin_cpu_init ();
      available = __builtin_cpu_supports ("avx2") && g_getenv ("GLMCC_NO_AVX2") == NULL;
      g_once_init_leave (&checked, 1);
    }
  return available;
#else
  return FALSE;
#endif
}

#ifdef GLMCC_HAVE_EXP_AVX2
__attribute__ ((target ("avx2")))
static gsize
exp_fast_many_avx2 (const double *x,
                    gsize         n,
                    double       *out)
{
  gsize k = 0;

  for (; k + 4 <= n; k += 4)
    {
      __m256d v = _mm256_loadu_pd (x + k);

      if (glmcc_exp_avx2_in_range (v))
        _mm256_storeu_pd (out + k, glmcc_exp_fast_avx2 (v));
      else
        for (gsize i = k; i < k + 4; i++)
          out[i] = glmcc_exp_fast (x[i]);
    }
  return k;
}
#endif

void
glmcc_exp_fast_many (const double *x,
                     gsize         n,
                     double       *out)
{
  gsize k = 0;

#ifdef GLMCC_HAVE_EXP_AVX2
  if (glmcc_exp_have_avx2 ())
    k = exp_fast_many_avx2 (x, n, out);
#endif
  for (; k < n; k++)
    out[k] = glmcc_exp_fast (x[k]);
}
