// libxlsxwriter writes a workbook's creation date (docProps/core.xml) with gmtime(3), whose
// answer glibc keeps in one struct tm for the whole process (src/core.c,
// _datetime_to_iso8601_date, in 1.1.4 and still upstream). Pages are rendered in parallel:
// when two pages closed their workbooks at the same instant, one page's workbook could be
// written with the other's date (issue 26: regioner/oversikt.xlsx dated 2022-01-01, another
// page's date, instead of 1980-01-01, about one build in twenty under load).
//
// This file defines the process's gmtime: the executable (and the test runner) holds the
// symbol and exports it, so the dynamic linker binds libxlsxwriter's call (and every other
// in the process) to it, and each thread gets its answer in a buffer of its own (gmtime_r).
// POSIX allows that: gmtime's answer may be overwritten by the next call, and now only the
// same thread's next call does. A lock around workbook_close would also do, but that is where
// libxlsxwriter compresses the workbook, half of a fresh build of a data site (bench/run),
// which would then run on one core. It is C, not Swift, because Swift gives its public
// symbols protected visibility, which the linker does not export from an executable.
// ConcurrentWorkbookTests checks that the gmtime the dynamic linker finds answers each
// thread in its own buffer and that workbooks made together are those made alone;
// StableBuildTests builds a site many times at once. Elsewhere (Darwin, whose gmtime keeps a
// buffer per thread already) nothing is replaced.
#include "CThreadTime.h"

#if defined(__linux__)
struct tm *gmtime(const time_t *time) {
    static __thread struct tm answer;
    return gmtime_r(time, &answer);
}
#endif
