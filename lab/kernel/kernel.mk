# SPDX-License-Identifier: MIT
# lab/kernel/: the kernel's own include/linux/page_ref.h in the lab, as
# tools/testing/vma/ compiles mm/vma.c: the files the series touches, taken
# from the pristine source of its base (kernel/base.env's KERNEL_BASE, the
# tree kernel/source.sh prints) into $(B)/kheaders/ and patched there
# (lab/kernel/extract.sh), never copied into the repository, and compiled
# unchanged against lab/kernel/shim/, with the series' mm/page_ref.c (the
# try-get's out-of-line path). Three schemes of the table:
#   kernel            the base + $(KERNEL_PATCHES)/NNNN-*.patch (default kernel/v3)
#   kernel-base       the base as shipped
#   kernel-or-freeze  kernel + $(KERNEL_PATCHES)/known-bad/or-freeze.patch
#                     (known-bad: the last put freezes with atomic_or())
#   kernel-ceiling    kernel + $(KERNEL_PATCHES)/known-bad/ceiling.patch
#                     (known-bad: series v2's ceiling, a try-get that refuses a
#                     live count above 2^30)
# Each is its own translation unit in every variant that links the table
# (lab/kernel/kernel*.c), and in rel its own timed loops (bench_kernel*.c).
# Another series: make B=build-x KERNEL_PATCHES=/path/to/patches build/pageref-check
# (its base: kernel/base.env's, or KERNEL_SRC=tree / KERNEL_TARBALL=.tar.xz with
# KERNEL_BASE=version), a series with v3's names (ops.h: page_ref_add_unless_zero(),
# page_ref_sub_and_test(), set_page_count_frozen(), page_ref_is_frozen()) and a
# known-bad/ceiling.patch and or-freeze.patch.

KERNEL_PATCHES	?= kernel/v3
KHDR		:= $(B)/kheaders
KERNEL_PATCH_FILES := $(filter-out %/0000-cover-letter.patch,$(sort $(wildcard $(KERNEL_PATCHES)/[0-9][0-9][0-9][0-9]-*.patch)))
KERNEL_OR_FREEZE := $(KERNEL_PATCHES)/known-bad/or-freeze.patch
KERNEL_CEILING	:= $(KERNEL_PATCHES)/known-bad/ceiling.patch
# What the extraction reads besides the patches: the base's name.
KERNEL_EXTRACT	:= lab/kernel/extract.sh kernel/base.env

# kernel first: it fetches the base if kernel/source.sh has not yet (once,
# minutes); the other three reuse it.
$(KHDR)/kernel/SOURCES: $(KERNEL_PATCH_FILES) $(KERNEL_EXTRACT)
	sh lab/kernel/extract.sh $(KHDR)/kernel $(KERNEL_PATCHES)
$(KHDR)/kernel-base/SOURCES: $(KERNEL_EXTRACT) | $(KHDR)/kernel/SOURCES
	sh lab/kernel/extract.sh $(KHDR)/kernel-base none
$(KHDR)/kernel-or-freeze/SOURCES: $(KERNEL_PATCH_FILES) $(KERNEL_OR_FREEZE) $(KERNEL_EXTRACT) \
				  | $(KHDR)/kernel/SOURCES
	sh lab/kernel/extract.sh $(KHDR)/kernel-or-freeze $(KERNEL_PATCHES) $(KERNEL_OR_FREEZE)
$(KHDR)/kernel-ceiling/SOURCES: $(KERNEL_PATCH_FILES) $(KERNEL_CEILING) $(KERNEL_EXTRACT) \
				| $(KHDR)/kernel/SOURCES
	sh lab/kernel/extract.sh $(KHDR)/kernel-ceiling $(KERNEL_PATCHES) $(KERNEL_CEILING)

# The timing probes (lab/kernel/probes.h): the series plus one lab-only change.
$(KHDR)/kernel-%/SOURCES: lab/kernel/probes/%.patch $(KERNEL_PATCH_FILES) $(KERNEL_EXTRACT) \
			  | $(KHDR)/kernel/SOURCES
	sh lab/kernel/extract.sh $(KHDR)/kernel-$* $(KERNEL_PATCHES) $<

.PHONY: kernel-headers
kernel-headers: $(KHDR)/kernel/SOURCES $(KHDR)/kernel-base/SOURCES $(KHDR)/kernel-or-freeze/SOURCES \
		$(KHDR)/kernel-ceiling/SOURCES

# The kernel's own warnings (W=0): no -Wunused-parameter, -Wsign-compare.
KERNEL_LAB_WARN	:= -Wno-unused-parameter -Wno-sign-compare

# $(call kernel_tu,source stem,header dir)
define kernel_tu
$(foreach v,$(VARIANTS),$(B)/$(v)/lab/kernel/$(1).o): $(KHDR)/$(2)/SOURCES
$(foreach v,$(VARIANTS),$(B)/$(v)/lab/kernel/$(1).o): CPPFLAGS_BASE += -I$(KHDR)/$(2)/include -Ilab/kernel/shim
$(foreach v,$(VARIANTS),$(B)/$(v)/lab/kernel/$(1).o): WARN += $(KERNEL_LAB_WARN)
endef
$(eval $(call kernel_tu,kernel,kernel))
$(eval $(call kernel_tu,kernel_base,kernel-base))
$(eval $(call kernel_tu,kernel_or_freeze,kernel-or-freeze))
$(eval $(call kernel_tu,kernel_ceiling,kernel-ceiling))
$(eval $(call kernel_tu,bench_kernel,kernel))
$(eval $(call kernel_tu,bench_kernel_base,kernel-base))
$(eval $(call kernel_tu,bench_kernel_or_freeze,kernel-or-freeze))
$(eval $(call kernel_tu,bench_kernel_ceiling,kernel-ceiling))
$(eval $(call kernel_tu,bench_kernel_noprecheck,kernel-no-precheck))
$(eval $(call kernel_tu,bench_kernel_mbfreeze,kernel-full-freeze))
$(B)/rel/lab/kernel/bench_%.o: CPPFLAGS_rel += -D_LGPL_SOURCE -Ilab/sim -Ilab/bench
# The checker's builds compile the header as a production kernel (no
# CONFIG_DEBUG_VM): each VM_*_ON() condition would be one more load of the
# counter to interleave (shim/kshim.h). Torture and unit builds keep it on.
$(foreach v,chk $(addprefix chk,$(CHECK_WIDTHS)),$(B)/$(v)/lab/kernel/%.o): CPPFLAGS_BASE += -DKSHIM_DEBUG_VM=0
