/*
 * Constant-time checks with valgrind memcheck.
 *
 * A ct-check program marks secret inputs undefined with CT_SECRET(); any
 * branch or memory index that depends on them is then reported by
 * memcheck ("Conditional jump or move depends on uninitialised value",
 * "Use of uninitialised value of size N"). Results derived from secrets
 * are declassified with CT_PUBLIC() before the program looks at them.
 *
 * Each program ends with CT_DONE(n), printing the number of functions it
 * exercised; tools/ct-check.sh runs every program under valgrind and
 * prints "ct-check: N functions, N reports".
 *
 * Without the valgrind headers, or when not run under valgrind, the macros
 * do nothing and the programs just run the code.
 */
#ifndef TERN_CT_CHECK_H
#define TERN_CT_CHECK_H

#include <stdio.h>

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define TERN_HAVE_MEMCHECK 1
#endif
#endif

#ifdef TERN_HAVE_MEMCHECK
#define CT_SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define CT_PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))
#else
#define CT_SECRET(p, n) ((void)(p), (void)(n))
#define CT_PUBLIC(p, n) ((void)(p), (void)(n))
#endif

#define CT_DONE(nfunctions)                                                    \
    do {                                                                       \
        printf("ct-functions: %d\n", (int)(nfunctions));                       \
        fflush(stdout);                                                        \
    } while (0)

#endif /* TERN_CT_CHECK_H */
