// mimalloc (Debian: libmimalloc-dev), linked into the statik executable on Linux so that it
// replaces glibc's malloc for the whole process (see bench/README.md).
#include <mimalloc.h>
