/* SPDX-License-Identifier: MIT */
/* The lab's stand-in for <linux/mm.h>: everything is in kshim.h. */
#include "../kshim.h"
