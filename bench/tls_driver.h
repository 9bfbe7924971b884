/*
 * bench-tls driver internals, shared by tls_bench.c (main), tls_run.c
 * (running pairs: checks, timing, memory, the run under callgrind),
 * tls_cg.c (starting that run and reading its counts) and tls_report.c
 * (the table).
 */
#ifndef TLS_DRIVER_H
#define TLS_DRIVER_H

#include <stddef.h>

#include "tls_bench.h"

#define TLSB_REC 16384u              /* application bytes per record */
#define TLSB_LINK_CAP (256u * 1024u) /* bytes each pipe holds */
#define TLSB_MEM_BYTES (64u * 1024u) /* each way, in the memory run */
#define TLSB_CG_BULK_BYTES (16u * TLSB_REC)
#define TLSB_MAX_REPS 15

/* The measured cells. */
enum { C_FULL_ECDSA, C_FULL_RSA, C_RESUMED, C_BULK_GCM, C_BULK_CHACHA, NCELLS };
extern const char *const tlsb_cell_names[NCELLS];

typedef struct tlsb_entry {
    const char *key;  /* --lib name */
    const char *name; /* column title */
    const tlsb_lib *lib;
    const char *why; /* not built: why */
} tlsb_entry;

#define TLSB_NLIBS 6
extern const tlsb_entry tlsb_libs[TLSB_NLIBS];

typedef struct tlsb_result {
    int active;                                /* set up and checked */
    char why[512];                             /* when not active */
    double rate[NCELLS];                       /* handshakes/s or MB/s; < 0 unknown */
    double instr[NCELLS];                      /* per handshake or per byte (median); < 0 unknown */
    double instr_lo[NCELLS], instr_hi[NCELLS]; /* spread of the repetitions */
    char cell_err[NCELLS][256];
    double mem; /* bytes per pair; < 0 unknown */
    /* tern: bytes per pair in each buffer configuration (TLSB_TERN_*;
     * index 0 unused, that is mem); < 0 unknown */
    double mem_conf[TLSB_TERN_NCONF];
    char mem_err[256];
    tlsb_heap_stats heap, ip;
    size_t caller;
    char desc[TLSB_NCASES][256];
    char resumed_desc[256];
    const char *version;
} tlsb_result;

/* tls_run.c */
int tlsb_load_pki(tlsb_pki *pki, const char *anchor);
int tlsb_run_init(void);
void tlsb_run_free(void);
int tlsb_check(const tlsb_lib *lib, tlsb_result *r);
double tlsb_time_handshakes(const tlsb_lib *lib, int cell, double seconds, char *err,
                            size_t errlen);
double tlsb_time_bulk(const tlsb_lib *lib, int cell, double seconds, char *err, size_t errlen);
void tlsb_measure_memory(const tlsb_lib *lib, tlsb_result *r);
/* tern: the memory run again in each small buffer configuration
 * (r->mem_conf). */
void tlsb_measure_memory_confs(const tlsb_lib *lib, tlsb_result *r);
/* The run under callgrind: every cell, printing "cell <n> <ok|fail|skip>
 * <units>" per counted call (tlsb_measured), in the order of callgrind's
 * dumps. */
int tlsb_cg_child(const tlsb_lib *lib, int reps);

/* tls_cg.c */
int tlsb_have_valgrind(void);
void tlsb_run_callgrind(const char *self, const tlsb_entry *e, tlsb_result *r, const char *dir,
                        int reps, const char *anchor);

/* tls_report.c */
void tlsb_print_table(const tlsb_result *results);
void tlsb_print_notes(const tlsb_result *results, int callgrind);

#endif /* TLS_DRIVER_H */
