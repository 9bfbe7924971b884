/*
 * bench-tls: the instruction counts. The program runs itself under
 * valgrind --tool=callgrind (--cg-child LIB, see tls_run.c) with
 * collection on only inside tlsb_measured() and a dump after each call;
 * each dump's "summary:" line is that call's instruction count.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tls_driver.h"

int tlsb_have_valgrind(void)
{
    return system("valgrind --version >/dev/null 2>&1") == 0;
}

static void shell_quote(char *out, size_t cap, const char *s)
{
    size_t o = 0;
    if (cap < 3) {
        out[0] = 0;
        return;
    }
    out[o++] = '\'';
    for (; *s != '\0' && o + 5 < cap; s++) {
        if (*s == '\'') {
            memcpy(out + o, "'\\''", 4);
            o += 4;
        } else {
            out[o++] = *s;
        }
    }
    out[o++] = '\'';
    out[o] = '\0';
}

static unsigned long long cg_summary(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    unsigned long long v = 0;
    if (f == NULL) {
        return 0;
    }
    while (fgets(line, sizeof(line), f) != NULL) {
        if (strncmp(line, "summary:", 8) == 0) {
            v = strtoull(line + 8, NULL, 10);
            break;
        }
    }
    fclose(f);
    return v;
}

/* Runs this program under callgrind for one library and fills
 * r->instr. Only the cells that ran in the timed pass count. */
static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b ? 1 : 0;
}

void tlsb_run_callgrind(const char *self, const tlsb_entry *e, tlsb_result *r, const char *dir,
                        int reps, const char *anchor)
{
    char cmd[4096], qself[1200], qanchor[300], path[1200], line[256];
    FILE *f;
    int k = 0, rc, cell;
    double vals[NCELLS][TLSB_MAX_REPS];
    int nvals[NCELLS] = {0};

    shell_quote(qself, sizeof(qself), self);
    shell_quote(qanchor, sizeof(qanchor), anchor);
    snprintf(cmd, sizeof(cmd),
             "valgrind --tool=callgrind --collect-atstart=no --toggle-collect=tlsb_measured "
             "--dump-after=tlsb_measured --callgrind-out-file=%s/cg.%s %s --cg-child %s "
             "--cg-reps %d --anchor %s >%s/cells.%s 2>%s/err.%s",
             dir, e->key, qself, e->key, reps, qanchor, dir, e->key, dir, e->key);
    rc = system(cmd);
    snprintf(path, sizeof(path), "%s/cells.%s", dir, e->key);
    f = fopen(path, "r");
    while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
        char status[16];
        unsigned long units;
        unsigned long long ins;
        if (sscanf(line, "cell %d %15s %lu", &cell, status, &units) != 3 || cell < 0 ||
            cell >= NCELLS) {
            continue;
        }
        if (strcmp(status, "skip") == 0) {
            continue; /* no dump */
        }
        k++;
        snprintf(path, sizeof(path), "%s/cg.%s.%d", dir, e->key, k);
        ins = cg_summary(path);
        remove(path);
        if (strcmp(status, "ok") == 0 && units > 0 && ins > 0 && nvals[cell] < TLSB_MAX_REPS) {
            vals[cell][nvals[cell]++] = (double)ins / (double)units;
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    /* the median of the repetitions */
    for (cell = 0; cell < NCELLS; cell++) {
        if (nvals[cell] > 0) {
            qsort(vals[cell], (size_t)nvals[cell], sizeof(double), cmp_double);
            r->instr[cell] = vals[cell][nvals[cell] / 2];
            r->instr_lo[cell] = vals[cell][0];
            r->instr_hi[cell] = vals[cell][nvals[cell] - 1];
        }
    }
    if (rc != 0 || k == 0) {
        snprintf(path, sizeof(path), "%s/err.%s", dir, e->key);
        fprintf(stderr, "bench-tls: %s under callgrind failed (exit %d); see the end of %s\n",
                e->name, rc, path);
    } else {
        snprintf(path, sizeof(path), "%s/err.%s", dir, e->key);
        remove(path);
    }
    snprintf(path, sizeof(path), "%s/cells.%s", dir, e->key);
    remove(path);
    snprintf(path, sizeof(path), "%s/cg.%s", dir, e->key);
    remove(path);
}
