/*
 * bench-tls: the table (one row per figure, one column per library,
 * with tern's ratio to each peer) and the notes under it.
 */
#include <stdio.h>
#include <string.h>

#include "tls_driver.h"

typedef struct row {
    const char *group, *unit;
    int cell;     /* or -1 for memory, -2 for the resumption kind */
    int instr;    /* 1: instruction figure */
    double scale; /* printed value = figure / scale */
    const char *fmt;
} row;

static const row rows[] = {
    {"full ECDHE-ECDSA-P256", "handshakes/s", C_FULL_ECDSA, 0, 1, "%.0f"},
    {"", "M instr/handshake", C_FULL_ECDSA, 1, 1e6, "%.2f"},
    {"full ECDHE-RSA-2048", "handshakes/s", C_FULL_RSA, 0, 1, "%.0f"},
    {"", "M instr/handshake", C_FULL_RSA, 1, 1e6, "%.2f"},
    {"resumed (ECDSA case)", "handshakes/s", C_RESUMED, 0, 1, "%.0f"},
    {"", "M instr/handshake", C_RESUMED, 1, 1e6, "%.3f"},
    {"", "resumed by", -2, 0, 1, ""}, /* ticket or session ID */
    {"bulk AES-128-GCM", "MB/s", C_BULK_GCM, 0, 1, "%.0f"},
    {"", "instr/byte", C_BULK_GCM, 1, 1, "%.2f"},
    {"bulk ChaCha20-Poly1305", "MB/s", C_BULK_CHACHA, 0, 1, "%.0f"},
    {"", "instr/byte", C_BULK_CHACHA, 1, 1, "%.2f"},
    {"memory per pair", "KB (peak)", -1, 0, 1000, "%.1f"},
    {"  shared 16 KiB buffer", "KB (peak)", -10 - TLSB_TERN_SHARED16, 0, 1000, "%.1f"},
    {"  1 KiB records", "KB (peak)", -10 - TLSB_TERN_1K, 0, 1000, "%.1f"},
    {"  1 KiB, shared buffer", "KB (peak)", -10 - TLSB_TERN_1K_SHARED, 0, 1000, "%.1f"},
};

static double figure(const tlsb_result *r, const row *w)
{
    if (!r->active) {
        return -1;
    }
    if (w->cell <= -10) {
        return r->mem_conf[-10 - w->cell];
    }
    if (w->cell < 0) {
        return r->mem;
    }
    return w->instr ? r->instr[w->cell] : r->rate[w->cell];
}

void tlsb_print_table(const tlsb_result *results)
{
    size_t i, k;
    const tlsb_result *tern = &results[0];

    printf("\n%-24s %-18s", "", "");
    for (i = 0; i < TLSB_NLIBS; i++) {
        printf(i == 0 ? " %9s" : " | %-16s", tlsb_libs[i].name);
    }
    printf("\n");
    for (k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
        const row *w = &rows[k];
        double t = figure(tern, w);
        char cell[32];
        printf("%-24s %-18s", w->group, w->unit);
        if (w->cell == -2) {
            for (i = 0; i < TLSB_NLIBS; i++) {
                const tlsb_lib *lib = tlsb_libs[i].lib;
                const char *kind = lib == NULL || !results[i].active            ? "-"
                                   : strncmp(lib->resumption, "ticket", 6) == 0 ? "ticket"
                                                                                : "ID";
                printf(i == 0 ? " %9s" : " | %8s %7s", kind, "");
            }
            printf("\n");
            continue;
        }
        for (i = 0; i < TLSB_NLIBS; i++) {
            double v = figure(&results[i], w);
            if (v >= 0) {
                snprintf(cell, sizeof(cell), w->fmt, v / w->scale);
            } else {
                snprintf(cell, sizeof(cell), "-");
            }
            if (i == 0) {
                printf(" %9s", cell);
            } else {
                char ratio[16] = "";
                if (v > 0 && t >= 0) {
                    snprintf(ratio, sizeof(ratio), "x%.2f", t / v);
                }
                printf(" | %8s %7s", cell, ratio);
            }
        }
        printf("\n");
    }
}

void tlsb_print_notes(const tlsb_result *results, int callgrind)
{
    size_t i;
    int cs;

    printf("\nx = tern / peer (from the unrounded figures): above 1 tern is faster for "
           "handshakes/s and MB/s; below 1 tern\n"
           "executes fewer instructions / uses less memory. - = not measured (see below).\n");
    printf("Every case: TLS 1.2, ECDHE over P-256 (secp256r1) in every library; the client "
           "verifies the server chain\n"
           "(server-p256 or server-rsa2048 + int-ca from tests/data/certs) against root-ca "
           "(P-384) and the name localhost.\n"
           "Handshake figures include creating and freeing both connection objects, not the "
           "shared contexts / configs.\n"
           "Bulk: 16 KiB records client -> server; per byte = sealing + opening + copies "
           "through memory. MB = 10^6 bytes.\n"
           "Memory: peak heap of the pair over a full ECDSA handshake and 64 KiB each way, "
           "plus its memory outside the heap.\n"
           "tern's small configurations (same run and suite, both ends alike): "
           "shared 16 KiB buffer = one record\n"
           "buffer for both directions (half duplex), 1 KiB hs_buf, no kept chain; 1 KiB records = "
           "in/out_record_size and\n"
           "record_size_limit 1024, 1.5 KiB hs_buf, no kept chain (full duplex, then shared).\n");
    if (!callgrind) {
        printf("Instruction counts: skipped (--no-callgrind, or valgrind not found).\n");
    }
    printf("\nPer library:\n");
    for (i = 0; i < TLSB_NLIBS; i++) {
        const tlsb_result *r = &results[i];
        const tlsb_lib *lib = tlsb_libs[i].lib;
        printf("  %s", tlsb_libs[i].name);
        if (lib == NULL) {
            printf(": not built (%s)\n", tlsb_libs[i].why);
            continue;
        }
        printf(" %s", r->version != NULL ? r->version : "");
        if (!r->active) {
            printf(": left out: %s\n", r->why);
            continue;
        }
        printf("; resumption by %s\n", lib->resumption);
        for (cs = 0; cs < TLSB_NCASES; cs++) {
            printf("      negotiated: %s\n", r->desc[cs]);
        }
        printf("      resumed:    %s\n", r->resumed_desc);
        if (r->mem >= 0) {
            printf("      memory: %lu B heap peak (%s) + %lu B outside the heap\n",
                   (unsigned long)r->heap.own_peak, lib->heap_how, (unsigned long)r->caller);
            if (r->heap.retained > 0) {
                printf("              not counted: %lu B the library still holds after "
                       "freeing the pair (process-wide caches;\n"
                       "              peak with them %lu B)\n",
                       (unsigned long)r->heap.retained, (unsigned long)r->heap.peak);
            }
            if (lib->heap != TLSB_HEAP_INTERPOSED && tlsb_interposer() && r->ip.ok) {
                printf("              cross-check: the interposed malloc saw a peak of %lu B "
                       "(%lu B retained)\n",
                       (unsigned long)r->ip.own_peak, (unsigned long)r->ip.retained);
            }
        } else {
            printf("      memory: not measured (%s)\n", r->mem_err);
        }
        for (cs = 0; cs < NCELLS; cs++) {
            if (r->cell_err[cs][0] != '\0') {
                printf("      %s: %s\n", tlsb_cell_names[cs], r->cell_err[cs]);
            }
            if (r->instr[cs] > 0 && r->instr_hi[cs] > 1.05 * r->instr_lo[cs]) {
                printf("      %s: instruction counts of the repetitions spread from %.3f M "
                       "to %.3f M (median shown)\n",
                       tlsb_cell_names[cs], r->instr_lo[cs] / 1e6, r->instr_hi[cs] / 1e6);
            }
        }
    }
    printf("\nReference (issue 6, measured before tern): full ECDHE-ECDSA handshake "
           "OpenSSL 8.2 M, GnuTLS 10.9 M,\n"
           "wolfSSL 16.4 M, BearSSL 48.7 M, Mbed TLS 81.1 M instructions; resumed OpenSSL "
           "0.64 M, GnuTLS 0.34 M;\n"
           "AES-128-GCM OpenSSL 9.0 instr/byte; memory per pair BearSSL 77 KB, Mbed TLS 83 KB, "
           "OpenSSL 171 KB.\n"
           "The client here also checks root-ca's P-384 signature on int-ca; "
           "`bench-tls --anchor int-ca` trusts int-ca\n"
           "directly (leaf signature only, all P-256) for figures comparable with a "
           "P-256-only chain.\n");
}
