/* glmcc-load-mat.c: MATLAB .mat files through libmatio (v5 and v7.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three layouts: the buzcode/CellExplorer struct `spikes` with the field `times` (a cell array
 * of vectors in seconds) and optionally `UID`; a cell array of spike-time vectors; an N×2
 * numeric matrix of [time unit] rows. Without options->variable the loader takes a struct
 * `spikes`, else the only variable of the file, else asks for a variable. Times are seconds
 * unless options->time_unit says otherwise.
 *
 * libmatio believes what a file declares, so the whole file is checked first (glmcc-mat-check.c
 * for versions 4 and 5, glmcc-hdf5-check.c for 7.3). Whatever libmatio logs while it reads (a
 * warning, an error, or libhdf5's error stack, which it logs entry by entry) means the data
 * read are not the file's: the load fails with that message, even when libmatio returned a
 * variable.
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "glmcc-hdf5-check.h"
#include "glmcc-io-private.h"
#include "glmcc-mat-check.h"
#include "glmcc-i18n.h"

#if HAVE_MATIO
#include <matio.h>
#endif

static int
mat_probe (const char *path)
{
  char head[128];
  gsize n;
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return 0;
  n = glmcc_io_read_head (path, head, sizeof head);
  if (n >= 10 && memcmp (head, "MATLAB 5.0", 10) == 0)
    return 90;
  if (n >= 10 && memcmp (head, "MATLAB 7.3", 10) == 0)
    return 90;
  if (g_str_has_suffix (lower, ".mat"))
    return 60;
  return 0;
}

#if HAVE_MATIO

static GMutex mat_lock;
/* What libmatio said during the current load, under mat_lock. */
static GString *mat_log;
static char *mat_hdf5_reason;   /* the innermost entry of libhdf5's last error stack */

/* matio 1.5.27 made the logged message const (Debian 12 has 1.5.23, the Flatpak 1.5.28). */
#if MATIO_VERSION >= 1527
typedef const char MatLogMessage;
#else
typedef char MatLogMessage;
#endif

static void
mat_log_func (int            level,
              MatLogMessage *message)
{
  const char *minor;

  if (mat_log == NULL || message == NULL)
    return;
  if ((level & (MATIO_LOG_LEVEL_ERROR | MATIO_LOG_LEVEL_CRITICAL | MATIO_LOG_LEVEL_WARNING)) == 0)
    return;
  /* libhdf5's stack comes one multi-line entry at a time, outermost first. */
  minor = strstr (message, "minor: ");
  if (g_str_has_prefix (message, "HDF5") && minor != NULL)
    {
      g_free (mat_hdf5_reason);
      mat_hdf5_reason = g_strdup (minor + strlen ("minor: "));
      g_strdelimit (mat_hdf5_reason, "\n\r", ' ');
      return;
    }
  if (strstr (mat_log->str, message) != NULL)
    return;
  if (mat_log->len > 0)
    g_string_append (mat_log, "; ");
  g_string_append (mat_log, message);
  g_strdelimit (mat_log->str, "\n\r", ' ');
}

static void
mat_log_clear (void)
{
  g_string_truncate (mat_log, 0);
  g_clear_pointer (&mat_hdf5_reason, g_free);
}

static gboolean
mat_log_is_empty (void)
{
  return (mat_log == NULL || mat_log->len == 0) && mat_hdf5_reason == NULL;
}

/* "libmatio: …; libhdf5: …" of what was logged, or NULL. */
static char *
mat_log_summary (void)
{
  if (mat_log_is_empty ())
    return NULL;
  if (mat_log->len > 0 && mat_hdf5_reason != NULL)
    return g_strdup_printf ("libmatio: %s; libhdf5: %s", mat_log->str, mat_hdf5_reason);
  if (mat_log->len > 0)
    return g_strdup_printf ("libmatio: %s", mat_log->str);
  return g_strdup_printf ("libhdf5: %s", mat_hdf5_reason);
}

static void
set_mat_error (GError    **error,
               int         code,
               const char *filename,
               const char *format,
               ...) G_GNUC_PRINTF (4, 5);

static void
set_mat_error (GError    **error,
               int         code,
               const char *filename,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  g_autofree char *log = mat_log_summary ();
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (log != NULL)
    g_set_error (error, GLMCC_ERROR, code, "%s: %s (%s)", filename, message, log);
  else
    g_set_error (error, GLMCC_ERROR, code, "%s: %s", filename, message);
}

static const char *
class_name (const matvar_t *var)
{
  switch (var->class_type)
    {
    case MAT_C_EMPTY:
      return "empty";
    case MAT_C_CELL:
      return "cell";
    case MAT_C_STRUCT:
      return "struct";
    case MAT_C_OBJECT:
      return "object";
    case MAT_C_CHAR:
      return "char";
    case MAT_C_SPARSE:
      return "sparse";
    case MAT_C_DOUBLE:
      return "double";
    case MAT_C_SINGLE:
      return "single";
    case MAT_C_INT8:
      return "int8";
    case MAT_C_UINT8:
      return "uint8";
    case MAT_C_INT16:
      return "int16";
    case MAT_C_UINT16:
      return "uint16";
    case MAT_C_INT32:
      return "int32";
    case MAT_C_UINT32:
      return "uint32";
    case MAT_C_INT64:
      return "int64";
    case MAT_C_UINT64:
      return "uint64";
    case MAT_C_FUNCTION:
      return "function";
    case MAT_C_OPAQUE:
      return "opaque";
    default:
      return "unknown";
    }
}

static gboolean
count_elements (const matvar_t *var,
                gsize          *n)
{
  *n = 1;
  if (var->rank < 0 || (var->rank > 0 && var->dims == NULL))
    return FALSE;
  for (int i = 0; i < var->rank; i++)
    if (!g_size_checked_mul (n, *n, var->dims[i]))
      return FALSE;
  return TRUE;
}

static char *
describe (const matvar_t *var)
{
  GString *text = g_string_new (class_name (var));

  g_string_append_c (text, ' ');
  for (int i = 0; i < var->rank && var->dims != NULL; i++)
    g_string_append_printf (text, "%s%" G_GSIZE_FORMAT, i > 0 ? "×" : "", (gsize) var->dims[i]);
  return g_string_free (text, FALSE);
}

/* The elements of a real numeric array as doubles; NULL with an error otherwise. */
static double *
numeric_values (const matvar_t *var,
                const char     *filename,
                const char     *what,
                gsize          *n,
                GError        **error)
{
  static const struct
  {
    enum matio_classes cls;
    int                size;
  } sizes[] = {
    { MAT_C_DOUBLE, 8 }, { MAT_C_SINGLE, 4 }, { MAT_C_INT8, 1 }, { MAT_C_UINT8, 1 },
    { MAT_C_INT16, 2 }, { MAT_C_UINT16, 2 }, { MAT_C_INT32, 4 }, { MAT_C_UINT32, 4 },
    { MAT_C_INT64, 8 }, { MAT_C_UINT64, 8 },
  };
  double *values;
  int size = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (sizes[i].cls == var->class_type)
      size = sizes[i].size;
  if (var->class_type == MAT_C_EMPTY)
    {
      *n = 0;
      return g_new (double, 1);
    }
  if (size == 0 || var->isComplex || var->isLogical)
    {
      g_autofree char *d = describe (var);
      set_mat_error (error, GLMCC_ERROR_INVALID_DATA, filename,
                     _("%s is %s%s, not a real numeric array"), what, d,
                     var->isComplex ? _(" (complex)") : var->isLogical ? _(" (logical)") : "");
      return NULL;
    }
  if (!count_elements (var, n) || (*n > 0 && (var->data == NULL || var->data_size != size
                                              || var->nbytes / (gsize) size < *n)))
    {
      set_mat_error (error, GLMCC_ERROR_INVALID_DATA, filename,
                     _("%s: the data do not match the declared size"), what);
      return NULL;
    }

  values = g_new (double, MAX (*n, 1));
  for (gsize i = 0; i < *n; i++)
    {
      const char *p = (const char *) var->data + i * size;
      switch (var->class_type)
        {
        case MAT_C_DOUBLE:
          memcpy (&values[i], p, 8);
          break;
        case MAT_C_SINGLE:
          {
            float f;
            memcpy (&f, p, 4);
            values[i] = (double) f;
          }
          break;
        case MAT_C_INT8:
          values[i] = *(const gint8 *) p;
          break;
        case MAT_C_UINT8:
          values[i] = *(const guint8 *) p;
          break;
        case MAT_C_INT16:
          {
            gint16 v;
            memcpy (&v, p, 2);
            values[i] = v;
          }
          break;
        case MAT_C_UINT16:
          {
            guint16 v;
            memcpy (&v, p, 2);
            values[i] = v;
          }
          break;
        case MAT_C_INT32:
          {
            gint32 v;
            memcpy (&v, p, 4);
            values[i] = v;
          }
          break;
        case MAT_C_UINT32:
          {
            guint32 v;
            memcpy (&v, p, 4);
            values[i] = v;
          }
          break;
        case MAT_C_INT64:
          {
            gint64 v;
            memcpy (&v, p, 8);
            values[i] = (double) v;
          }
          break;
        case MAT_C_UINT64:
          {
            guint64 v;
            memcpy (&v, p, 8);
            values[i] = (double) v;
          }
          break;
        case MAT_C_EMPTY:
        case MAT_C_CELL:
        case MAT_C_STRUCT:
        case MAT_C_OBJECT:
        case MAT_C_CHAR:
        case MAT_C_SPARSE:
        case MAT_C_FUNCTION:
        case MAT_C_OPAQUE:
        default:
          values[i] = NAN;
          break;
        }
    }
  return values;
}

typedef struct
{
  GlmccLoadContext *context;
  const char       *filename;
  GlmccTimeUnit     unit;
  double            rate;
} MatLoad;

static gboolean
add_numeric_train (MatLoad        *load,
                   const char     *name,
                   const matvar_t *var,
                   const char     *what,
                   GError        **error)
{
  g_autofree double *values = NULL;
  double value;
  gsize n;

  /* An empty numeric array (or MATLAB's []) is a neuron without spikes; anything else that is
   * not numbers is refused below, never taken for an empty train. */
  if ((var->class_type == MAT_C_EMPTY || (var->class_type >= MAT_C_DOUBLE
                                          && var->class_type <= MAT_C_UINT64))
      && count_elements (var, &n) && n == 0)
    {
      glmcc_load_context_add_train (load->context, name, NULL, 0);
      return TRUE;
    }
  if (var->rank > 2 || (var->rank == 2 && var->dims[0] != 1 && var->dims[1] != 1))
    {
      g_autofree char *d = describe (var);
      set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename,
                     _("%s is %s, not a vector of spike times"), what, d);
      return FALSE;
    }
  values = numeric_values (var, load->filename, what, &n, error);
  if (values == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (values[i]))
        {
          set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename,
                         _("%s: element %zu is not a finite number"), what, i + 1);
          return FALSE;
        }
      value = values[i];
      if (!glmcc_io_convert_time (value, load->unit, load->rate, &values[i]))
        {
          g_autofree char *why = glmcc_io_describe_out_of_range (value, load->unit, load->rate);

          set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename,
                         _("%s: element %zu: %s"), what, i + 1, why);
          return FALSE;
        }
    }
  glmcc_load_context_add_train (load->context, name, values, n);
  return TRUE;
}

static gboolean
load_cell (MatLoad        *load,
           matvar_t       *cell,
           const double   *uids,
           const char     *what,
           GError        **error)
{
  gsize n;

  if (!count_elements (cell, &n) || (n > 0 && cell->data == NULL))
    {
      set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename, _("%s: malformed cell array"),
                     what);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      matvar_t *item = Mat_VarGetCell (cell, (int) i);
      g_autofree char *item_what = g_strdup_printf ("%s{%" G_GSIZE_FORMAT "}", what, i + 1);
      char name[32];

      if (uids != NULL)
        g_ascii_formatd (name, sizeof name, "%.17g", uids[i]);
      else
        g_snprintf (name, sizeof name, "%" G_GSIZE_FORMAT, i);
      if (item == NULL)
        {
          glmcc_load_context_add_train (load->context, name, NULL, 0);
          continue;
        }
      if (!add_numeric_train (load, name, item, item_what, error))
        return FALSE;
    }
  glmcc_load_context_note (load->context, N_("%zu trains from the cell array %s%s"),
                           n, what, uids != NULL ? ", named by UID" : ", named by position from 0");
  return TRUE;
}

static gboolean
load_struct (MatLoad   *load,
             matvar_t  *var,
             GError   **error)
{
  matvar_t *times, *uid;
  g_autofree double *uids = NULL;
  g_autofree char *what = NULL;
  gsize n_elements, n_cells;

  if (!count_elements (var, &n_elements) || n_elements != 1)
    {
      g_autofree char *d = describe (var);
      set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename,
                     _("the struct %s is %s; a 1×1 struct is expected"), var->name, d);
      return FALSE;
    }
  times = Mat_VarGetStructFieldByName (var, "times", 0);
  if (times == NULL)
    {
      set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename,
                     _("the struct %s has no field times"), var->name);
      return FALSE;
    }
  what = g_strdup_printf ("%s.times", var->name);
  if (times->class_type != MAT_C_CELL)
    {
      g_autofree char *d = describe (times);
      set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename,
                     _("%s is %s; a cell array of spike-time vectors is expected"), what, d);
      return FALSE;
    }
  if (!count_elements (times, &n_cells))
    n_cells = 0;

  uid = Mat_VarGetStructFieldByName (var, "UID", 0);
  if (uid != NULL)
    {
      gsize n_uids;
      g_autoptr(GError) uid_error = NULL;

      uids = numeric_values (uid, load->filename, "UID", &n_uids, &uid_error);
      if (uids != NULL && n_uids == n_cells)
        {
          /* Two trains with one UID would be one neuron twice. */
          for (gsize i = 0; i < n_uids; i++)
            if (!isfinite (uids[i]))
              {
                set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename,
                               _("%s.UID holds %g for unit %zu, not an id"),
                               var->name, uids[i], i + 1);
                return FALSE;
              }
          for (gsize i = 0; i < n_uids; i++)
            for (gsize j = 0; j < i; j++)
              if (uids[i] == uids[j] || (isnan (uids[i]) && isnan (uids[j])))
                {
                  set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename,
                                 _("%s.UID holds the id %.17g twice (units %zu and %zu)"), var->name, uids[i], j + 1, i + 1);
                  return FALSE;
                }
        }
      else if (uids != NULL && n_uids != n_cells)
        {
          /* Naming by position instead would shift names that merges and resumes compare. */
          set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename,
                         _("%s.UID has %zu entries for %zu trains"),
                         var->name, n_uids, n_cells);
          return FALSE;
        }
      else if (uids == NULL)
        glmcc_load_context_note (load->context, N_("%s.UID unusable (%s); units named by position"),
                                 var->name, uid_error->message);
    }
  return load_cell (load, times, uids, what, error);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
load_matrix (MatLoad   *load,
             matvar_t  *var,
             GError   **error)
{
  g_autofree double *values = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) train = g_array_new (FALSE, FALSE, sizeof (double));
  gsize n, rows;

  if (var->rank != 2 || var->dims[1] != 2)
    {
      g_autofree char *d = describe (var);
      set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename,
                     _("%s is %s; a numeric variable must be an N×2 [time unit] matrix"), var->name,
                     d);
      return FALSE;
    }
  values = numeric_values (var, load->filename, var->name, &n, error);
  if (values == NULL)
    return FALSE;
  rows = var->dims[0];
  for (gsize i = 0; i < rows; i++)
    {
      double t = values[i], id = values[rows + i];
      if (!isfinite (t) || !isfinite (id))
        {
          set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename,
                         _("%s: row %zu holds a value that is not finite"),
                         var->name, i + 1);
          return FALSE;
        }
      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_doubles);
  for (guint u = 0; u < ids->len; u++)
    {
      double id = g_array_index (ids, double, u);
      char name[32];

      if (u > 0 && id == g_array_index (ids, double, u - 1))
        continue;
      g_array_set_size (train, 0);
      for (gsize i = 0; i < rows; i++)
        if (values[rows + i] == id)
          {
            double t;

            if (!glmcc_io_convert_time (values[i], load->unit, load->rate, &t))
              {
                g_autofree char *why = glmcc_io_describe_out_of_range (values[i], load->unit,
                                                                       load->rate);
                set_mat_error (error, GLMCC_ERROR_INVALID_DATA, load->filename,
                               _("%s: row %zu: %s"), var->name, i + 1, why);
                return FALSE;
              }
            g_array_append_val (train, t);
          }
      g_ascii_formatd (name, sizeof name, "%.17g", id);
      glmcc_load_context_add_train (load->context, name, (const double *) (gpointer) train->data,
                                    train->len);
    }
  glmcc_load_context_note (load->context, N_("%zu spikes from the N×2 matrix %s "
                           "[time unit]"), rows, var->name);
  return TRUE;
}

/* Mat_VarRead(), but what libmatio says while it passes over the other variables is not kept:
 * only what concerns the one we read can fail the load. */
static matvar_t *
read_variable (mat_t      *mat,
               const char *name)
{
  matvar_t *var;

  Mat_Rewind (mat);
  while ((var = Mat_VarReadNextInfo (mat)) != NULL)
    {
      if (var->name != NULL && strcmp (var->name, name) == 0)
        {
          if (Mat_VarReadDataAll (mat, var) != 0)
            g_clear_pointer (&var, Mat_VarFree);
          return var;
        }
      Mat_VarFree (var);
      mat_log_clear ();
    }
  return NULL;
}

static gboolean
mat_read (GlmccLoadContext *context,
          const char       *path,
          mat_t            *mat,
          GError          **error)
{
  const GlmccLoadOptions *options = context->options;
  matvar_t *var = NULL;
  MatLoad load = { context, path, options->time_unit, options->sample_rate };
  gboolean ok = FALSE;

  if (load.unit == GLMCC_TIME_UNIT_DEFAULT)
    load.unit = GLMCC_TIME_UNIT_S;
  if (!glmcc_io_check_rate (load.unit, load.rate, path, error))
    return FALSE;

  if (options->variable != NULL && *options->variable != '\0')
    {
      var = read_variable (mat, options->variable);
      if (var == NULL)
        {
          set_mat_error (error, GLMCC_ERROR_INVALID_DATA, path, _("no variable %s"),
                         options->variable);
          return FALSE;
        }
    }
  else
    {
      size_t n_names = 0;
      char *const *names = Mat_GetDir (mat, &n_names);
      gboolean has_spikes = FALSE;

      /* Listing reads every variable's description, and libmatio misreads some it wrote itself
       * (compressed character arrays in cells): what it says about variables we do not read
       * does not concern this load. The file's structure was checked whole before. */
      if (n_names > 0)
        mat_log_clear ();

      for (size_t i = 0; names != NULL && i < n_names; i++)
        if (names[i] != NULL && strcmp (names[i], "spikes") == 0)
          has_spikes = TRUE;
      if (has_spikes)
        var = read_variable (mat, "spikes");
      if (var != NULL && var->class_type != MAT_C_STRUCT)
        g_clear_pointer (&var, Mat_VarFree);
      if (var == NULL && n_names == 1 && names[0] != NULL)
        {
          var = read_variable (mat, names[0]);
          if (var != NULL)
            glmcc_load_context_note (context, N_("the file's only variable, %s, read"), names[0]);
        }
      if (var == NULL && !mat_log_is_empty ())
        {
          set_mat_error (error, GLMCC_ERROR_LIBRARY, path,
                         _("libmatio cannot list the variables of this file"));
          return FALSE;
        }
      if (var == NULL)
        {
          GString *list = g_string_new (NULL);
          for (size_t i = 0; names != NULL && i < n_names && i < 20; i++)
            {
              matvar_t *info = names[i] != NULL ? Mat_VarReadInfo (mat, names[i]) : NULL;
              g_autofree char *d = info != NULL ? describe (info) : g_strdup ("?");
              g_string_append_printf (list, "%s%s (%s)", list->len > 0 ? ", " : "",
                                      names[i] != NULL ? names[i] : "?", d);
              if (info != NULL)
                Mat_VarFree (info);
            }
          set_mat_error (error, GLMCC_ERROR_NEEDS_VARIABLE, path,
                         _("no struct spikes with a field times; the variables are: %s"),
                         n_names > 0 ? list->str : "none");
          g_string_free (list, TRUE);
          return FALSE;
        }
    }

  switch (var->class_type)
    {
    case MAT_C_STRUCT:
      ok = load_struct (&load, var, error);
      break;
    case MAT_C_CELL:
      ok = load_cell (&load, var, NULL, var->name, error);
      break;
    case MAT_C_DOUBLE:
    case MAT_C_SINGLE:
    case MAT_C_INT8:
    case MAT_C_UINT8:
    case MAT_C_INT16:
    case MAT_C_UINT16:
    case MAT_C_INT32:
    case MAT_C_UINT32:
    case MAT_C_INT64:
    case MAT_C_UINT64:
      ok = load_matrix (&load, var, error);
      break;
    case MAT_C_EMPTY:
    case MAT_C_OBJECT:
    case MAT_C_CHAR:
    case MAT_C_SPARSE:
    case MAT_C_FUNCTION:
    case MAT_C_OPAQUE:
    default:
      {
        g_autofree char *d = describe (var);
        set_mat_error (error, GLMCC_ERROR_INVALID_DATA, path,
                       _("%s is %s; a struct with times, a cell array or an N×2 matrix is expected"),
                       var->name, d);
      }
      break;
    }
  Mat_VarFree (var);
  if (ok)
    {
      if (options->time_unit == GLMCC_TIME_UNIT_DEFAULT)
        glmcc_load_context_note (context, N_("times taken as seconds (choose another time unit if "
                                          "they are not)"));
      glmcc_io_note_conversion (context, load.unit, load.rate);
    }
  return ok;
}

/* Checks the file behind @fd as libmatio will read it, before it does. */
static gboolean
mat_check_file (int          fd,
                const char  *path,
                GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  const guint8 *data;
  gsize length;

  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot read: %s"), path,
                   local_error->message);
      return FALSE;
    }
  data = (const guint8 *) g_mapped_file_get_contents (mapped);
  length = g_mapped_file_get_length (mapped);
  if (length == 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: an empty file, not a MATLAB .mat file"), path);
      return FALSE;
    }
  if (glmcc_mat_detect_version (data, length) != GLMCC_MAT_V73)
    return glmcc_mat_check (data, length, path, glmcc_io_memory_limit (length), error);

#if HAVE_HDF5
  {
    g_autofree char *library_path = glmcc_io_fd_path (fd, path);
    GlmccHdf5Buffer image = { data, length };
    GlmccHdf5Info info;
    hid_t fapl, file, root;
    gboolean ok;

    if (!glmcc_hdf5_check_superblock (glmcc_hdf5_read_buffer, &image, length, path, &info,
                                      error))
      return FALSE;
    fapl = H5Pcreate (H5P_FILE_ACCESS);
    H5Pset_fclose_degree (fapl, H5F_CLOSE_STRONG);
    file = H5Fopen (library_path, H5F_ACC_RDONLY, fapl);
    H5Pclose (fapl);
    if (file < 0)
      {
        g_autofree char *cause = glmcc_hdf5_error_message ();
        g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                     _("%s: a damaged MATLAB 7.3 (HDF5) file (libhdf5: %s)"), path,
                     cause != NULL ? cause : "it cannot be opened");
        return FALSE;
      }
    root = H5Gopen2 (file, "/", H5P_DEFAULT);
    ok = root >= 0 && glmcc_hdf5_check_all (root, fd, &info, glmcc_io_memory_limit (length), path,
                                            error);
    if (root < 0)
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: a damaged MATLAB 7.3 (HDF5) file (no root group)"), path);
    else
      H5Gclose (root);
    H5Fclose (file);
    return ok;
  }
#else
  g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
               _("%s: a MATLAB 7.3 file, which needs the nwb feature (libhdf5) to be checked; "
               "rebuild with -Dnwb=enabled"), path);
  return FALSE;
#endif
}

static gboolean
mat_load (GlmccLoadContext *context,
          const char       *path,
          GError          **error)
{
  g_autofree char *library_path = NULL;
  mat_t *mat;
  gboolean ok;
  int fd;
#if HAVE_HDF5
  H5E_auto2_t old_func = NULL;
  void *old_data = NULL;
#endif

  fd = glmcc_io_open_regular (path, NULL, error);
  if (fd < 0)
    return FALSE;
  library_path = glmcc_io_fd_path (fd, path);

  g_mutex_lock (&mat_lock);
#if HAVE_HDF5
  H5Eget_auto2 (H5E_DEFAULT, &old_func, &old_data);
  H5Eset_auto2 (H5E_DEFAULT, NULL, NULL);
#endif
  ok = mat_check_file (fd, path, error);
  if (ok)
    {
      mat_log = g_string_new (NULL);
      /* This also points libhdf5's error reports at mat_log_func, entry by entry. */
      Mat_LogInitFunc ("glmcc", mat_log_func);
      mat = Mat_Open (library_path, MAT_ACC_RDONLY);
      if (mat == NULL)
        {
          set_mat_error (error, GLMCC_ERROR_PARSE, path,
                         _("not a MATLAB .mat file that libmatio can read"));
          ok = FALSE;
        }
      else
        {
          ok = mat_read (context, path, mat, error);
          Mat_Close (mat);
          if (ok && !mat_log_is_empty ())
            {
              set_mat_error (error, GLMCC_ERROR_LIBRARY, path,
                             _("libmatio could not read all of this file"));
              ok = FALSE;
            }
        }
      Mat_LogClose ();
      g_string_free (mat_log, TRUE);
      mat_log = NULL;
      g_clear_pointer (&mat_hdf5_reason, g_free);
    }
#if HAVE_HDF5
  H5Eset_auto2 (H5E_DEFAULT, old_func, old_data);
#endif
  g_mutex_unlock (&mat_lock);
  close (fd);
  return ok;
}

#else /* !HAVE_MATIO */

static gboolean
mat_load (GlmccLoadContext *context,
          const char       *path,
          GError          **error)
{
  g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
               _("%s: this build lacks the mat feature (libmatio); rebuild with -Dmat=enabled"), path);
  return FALSE;
}

#endif

const GlmccLoader glmcc_loader_mat = {
  .name = "mat",
  .description = "a MATLAB .mat file (v5, v7.3): struct spikes.times (s), a cell array of "
                 "vectors, or an N×2 [time unit] matrix",
  .probe = mat_probe,
  .load = mat_load,
  .isolate = HAVE_MATIO,
};
