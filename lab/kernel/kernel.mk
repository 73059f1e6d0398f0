# SPDX-License-Identifier: MIT
# lab/kernel/: the kernel's own include/linux/page_ref.h in the lab, as
# tools/testing/vma/ compiles mm/vma.c: extracted from Debian's
# linux-source-6.12 tarball into $(B)/kheaders/ and patched there
# (lab/kernel/extract.sh), never copied into the repository, and compiled
# unchanged against lab/kernel/shim/. Three schemes of the table:
#   kernel            6.12 + $(KERNEL_PATCHES)/NNNN-*.patch (default kernel/patches)
#   kernel-base       6.12 as shipped
#   kernel-or-freeze  kernel + $(KERNEL_PATCHES)/known-bad/or-freeze.patch (known-bad)
#   kernel-ceiling-leak  kernel + $(KERNEL_PATCHES)/known-bad/ceiling-keeps-increment.patch
#                     (known-bad: series v1's ceiling, which keeps failed increments)
# Each is its own translation unit in every variant that links the table
# (lab/kernel/kernel*.c), and in rel its own timed loops (bench_kernel*.c).
# Another series: make B=build-v2 KERNEL_PATCHES=/path/to/patches check-kernel-lab

KERNEL_PATCHES	?= kernel/patches
KHDR		:= $(B)/kheaders
KERNEL_PATCH_FILES := $(filter-out %/0000-cover-letter.patch,$(sort $(wildcard $(KERNEL_PATCHES)/[0-9][0-9][0-9][0-9]-*.patch)))
KERNEL_OR_FREEZE := $(KERNEL_PATCHES)/known-bad/or-freeze.patch
KERNEL_CEILING_LEAK := $(KERNEL_PATCHES)/known-bad/ceiling-keeps-increment.patch

# kernel first: it takes the files the series touches from the tarball
# (one pass of ~40 s); the other two reuse them.
$(KHDR)/kernel/SOURCES: $(KERNEL_PATCH_FILES) lab/kernel/extract.sh
	sh lab/kernel/extract.sh $(KHDR)/kernel $(KERNEL_PATCHES)
$(KHDR)/kernel-base/SOURCES: lab/kernel/extract.sh | $(KHDR)/kernel/SOURCES
	sh lab/kernel/extract.sh $(KHDR)/kernel-base none
$(KHDR)/kernel-or-freeze/SOURCES: $(KERNEL_PATCH_FILES) $(KERNEL_OR_FREEZE) lab/kernel/extract.sh \
				  | $(KHDR)/kernel/SOURCES
	sh lab/kernel/extract.sh $(KHDR)/kernel-or-freeze $(KERNEL_PATCHES) $(KERNEL_OR_FREEZE)
$(KHDR)/kernel-ceiling-leak/SOURCES: $(KERNEL_PATCH_FILES) $(KERNEL_CEILING_LEAK) lab/kernel/extract.sh \
				     | $(KHDR)/kernel/SOURCES
	sh lab/kernel/extract.sh $(KHDR)/kernel-ceiling-leak $(KERNEL_PATCHES) $(KERNEL_CEILING_LEAK)

# The timing probes (lab/kernel/probes.h): the series plus one lab-only change.
$(KHDR)/kernel-%/SOURCES: lab/kernel/probes/%.patch $(KERNEL_PATCH_FILES) lab/kernel/extract.sh \
			  | $(KHDR)/kernel/SOURCES
	sh lab/kernel/extract.sh $(KHDR)/kernel-$* $(KERNEL_PATCHES) $<

.PHONY: kernel-headers
kernel-headers: $(KHDR)/kernel/SOURCES $(KHDR)/kernel-base/SOURCES $(KHDR)/kernel-or-freeze/SOURCES \
		$(KHDR)/kernel-ceiling-leak/SOURCES

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
$(eval $(call kernel_tu,kernel_ceiling_leak,kernel-ceiling-leak))
$(eval $(call kernel_tu,bench_kernel,kernel))
$(eval $(call kernel_tu,bench_kernel_base,kernel-base))
$(eval $(call kernel_tu,bench_kernel_or_freeze,kernel-or-freeze))
$(eval $(call kernel_tu,bench_kernel_ceiling_leak,kernel-ceiling-leak))
$(eval $(call kernel_tu,bench_kernel_noprecheck,kernel-no-precheck))
$(eval $(call kernel_tu,bench_kernel_mbfreeze,kernel-full-freeze))
$(B)/rel/lab/kernel/bench_%.o: CPPFLAGS_rel += -D_LGPL_SOURCE -Ilab/sim -Ilab/bench
# The checker's builds compile the header as a production kernel (no
# CONFIG_DEBUG_VM): each VM_*_ON() condition would be one more load of the
# counter to interleave (shim/kshim.h). Torture and unit builds keep it on.
$(foreach v,chk $(addprefix chk,$(CHECK_WIDTHS)),$(B)/$(v)/lab/kernel/%.o): CPPFLAGS_BASE += -DKSHIM_DEBUG_VM=0
