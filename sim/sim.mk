# SPDX-License-Identifier: MIT
# sim/: the page-lifecycle simulation, `pageref torture` (doc/torture.md).
#
# Built with the atomic layer's hooks (chaos mode) and page_ref.h dispatched
# to the scheme chosen at run time, in three flavours:
#   hook   -O2                          build/pageref-torture
#   hasan  AddressSanitizer + UBSan     build/pageref-torture-asan
#   htsan  ThreadSanitizer              build/pageref-torture-tsan
# sim/pagecache.c also builds in any other variant (the benchmarks use it).

VARIANTS	+= hook hasan htsan
SIM_CPPFLAGS	:= -DPAGEREF_HOOKS -DPAGEREF_PAGE_REF_DISPATCH
CPPFLAGS_hook	:= $(SIM_CPPFLAGS)
CPPFLAGS_hasan	:= $(SIM_CPPFLAGS)
CPPFLAGS_htsan	:= $(SIM_CPPFLAGS)
FLAGS_hook	:= -O2
FLAGS_hasan	:= -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# TSan does not model fences (-Wtsan). The two fences compiled here are
# rcuref's (not run by the simulation) and sim_alloc()'s, which orders only
# atomics, so TSan loses no ordering it would need to judge plain accesses.
FLAGS_htsan	:= -O1 -fsanitize=thread -Wno-tsan

SIM_SRCS	:= sim/torture.c sim/mm.c sim/paths.c sim/chaos.c sim/pagecache.c
SIM_LIBS	:= -lurcu-cds -lurcu -lpthread

# $(call sim_link,variant,output)
define sim_link
$(2): $(call objs,$(1),$(SIM_SRCS) $(REGISTRY_SRCS)) $(B)/$(1)/libpageref.a
	$$(CC) $$(CFLAGS) $$(FLAGS_$(1)) -o $$@ $$^ $$(SIM_LIBS)
endef
$(eval $(call sim_link,hook,$(B)/pageref-torture))
$(eval $(call sim_link,hasan,$(B)/pageref-torture-asan))
$(eval $(call sim_link,htsan,$(B)/pageref-torture-tsan))

SIM_TOOLS	:= $(B)/pageref-torture $(B)/pageref-torture-asan $(B)/pageref-torture-tsan
all: $(SIM_TOOLS)
