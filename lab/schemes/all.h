/* SPDX-License-Identifier: MIT */
/* Every scheme's operations; each.h instantiates them. */
#ifndef PAGEREF_SCHEMES_ALL_H
#define PAGEREF_SCHEMES_ALL_H

#include <pageref/pageref.h>

#include "scheme.h"
#include "upstream.h"
#include "assume1.h"
#include "v1.h"
#include "v5.h"
#include "rcuref.h"
#include "sticky.h"
#include "v1_or.h"
#include "v1_dec_undo.h"
#include "v1_store_zero.h"
#include "v1_no_reset.h"
#include "v1_reread.h"
#include "david_keep.h"
#include "../kernel/schemes.h"

#endif /* PAGEREF_SCHEMES_ALL_H */
