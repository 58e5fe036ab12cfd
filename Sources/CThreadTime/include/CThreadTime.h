// The process's gmtime(3) on Linux, with a buffer per thread; see gmtime.c. Nothing to call:
// the definition replaces the C library's for the whole process.
#include <time.h>
