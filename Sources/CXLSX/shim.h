#ifndef NEOCLOUD_CXLSX_SHIM_H
#define NEOCLOUD_CXLSX_SHIM_H
#include <xlsxwriter.h>
#endif
