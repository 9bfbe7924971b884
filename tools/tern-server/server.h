/*
 * tern-server's parts in other files.
 */
#ifndef TERN_SERVER_H
#define TERN_SERVER_H

#include "tern/engine.h"
#include "tool.h"

/* One HTTP request on c, answered with the status page (files == 0, -www)
 * or with the file it names under the current directory (files == 1,
 * -WWW; 400 for a path that leaves it, 404 when missing). A client that
 * closes without a request is fine. Returns TERN_OK or the error that
 * ended the connection (already reported). */
int server_http(tern_conn *c, int files, int timeout_ms);

#endif /* TERN_SERVER_H */
