#ifndef NEOCLOUD_CCSV_SHIM_H
#define NEOCLOUD_CCSV_SHIM_H
#include <csv.h>
#endif
