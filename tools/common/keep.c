/*
 * What the tools load stays allocated while the tern config points into
 * it; tool_keep records each such block, tool_release_all wipes (when
 * secret) and frees them at exit, so that leak checkers see a clean
 * program.
 */
#include <stdlib.h>

#include "tern/util.h"
#include "tool.h"

typedef struct kept {
    void *p;
    size_t len;
    int secret;
} kept;

static kept *list;
static size_t count, cap;

/* see tool.h */
void *tool_keep(void *p, size_t len, int secret)
{
    if (p == NULL) {
        return NULL;
    }
    if (count == cap) {
        size_t ncap = cap == 0 ? 32 : cap * 2;
        kept *nl = (kept *)realloc(list, ncap * sizeof(*nl));
        if (nl == NULL) {
            return p; /* not recorded: freed by the system at exit */
        }
        list = nl;
        cap = ncap;
    }
    list[count].p = p;
    list[count].len = len;
    list[count].secret = secret;
    count++;
    return p;
}

/* see tool.h */
void tool_release_all(void)
{
    while (count > 0) {
        kept *k = &list[--count];
        if (k->secret) {
            tern_wipe(k->p, k->len);
        }
        free(k->p);
    }
    free(list);
    list = NULL;
    cap = 0;
}
