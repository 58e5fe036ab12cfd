// libpq, the PostgreSQL project's client library (Debian's libpq-dev), for PostgreSQL sources
// (Sources/StatikPostgres).
#include <libpq-fe.h>
