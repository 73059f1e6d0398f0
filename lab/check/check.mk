# SPDX-License-Identifier: MIT
# lab/check/check.mk - pageref check: the exhaustive interleaving checker.
#
# The chk variant builds the library, the scheme table and the checker over
# the checker's backend of the atomic layer (lab/include/pageref-lab/
# atomic_check.h): every atomic access of every scheme is a scheduling point,
# on a counter of PAGEREF_COUNT_BITS=5 so that overflow is a few steps away.
# chk4 and chk6 are the same at 4 and 6 bits: the matrix must not change.
# NDEBUG as in the release build: the checked code paths are the shipped ones.

CHECK_WIDTHS	:= 4 6
VARIANTS	+= chk $(addprefix chk,$(CHECK_WIDTHS))
FLAGS_chk	:= -O1 -DNDEBUG
CHECK_BACKEND	:= -DPAGEREF_ATOMIC_BACKEND='"pageref-lab/atomic_check.h"'
CPPFLAGS_chk	:= $(CHECK_BACKEND) -DPAGEREF_COUNT_BITS=5
$(foreach w,$(CHECK_WIDTHS),$(eval FLAGS_chk$(w) := $(FLAGS_chk)))
$(foreach w,$(CHECK_WIDTHS),$(eval CPPFLAGS_chk$(w) := $(CHECK_BACKEND) -DPAGEREF_COUNT_BITS=$(w)))

CHECKER_SRCS	:= lab/check/main.c lab/check/explore.c lab/check/ghost.c lab/check/c11.c lab/check/scenarios.c

$(B)/pageref-check: $(call objs,chk,$(CHECKER_SRCS) $(REGISTRY_SRCS) $(LAB_SRCS)) $(B)/chk/libpageref.a
	$(CC) $(CFLAGS) -o $@ $^

define checker_width_rule
$(B)/pageref-check-$(1): $(call objs,chk$(1),$(CHECKER_SRCS) $(REGISTRY_SRCS) $(LAB_SRCS)) $(B)/chk$(1)/libpageref.a
	$$(CC) $$(CFLAGS) -o $$@ $$^
endef
$(foreach w,$(CHECK_WIDTHS),$(eval $(call checker_width_rule,$(w))))

# The memory model's own litmus tests, on the same explorer and model.
LITMUS_SRCS	:= lab/check/litmus.c lab/check/herd.c lab/check/explore.c lab/check/ghost.c lab/check/c11.c

$(B)/pageref-litmus: $(call objs,chk,$(LITMUS_SRCS)) $(B)/chk/libpageref.a
	$(CC) $(CFLAGS) -o $@ $^

all: $(B)/pageref-check $(foreach w,$(CHECK_WIDTHS),$(B)/pageref-check-$(w)) $(B)/pageref-litmus

.PHONY: check-checker check-mutate check-litmus
CHECK_TARGETS	+= check-litmus check-checker check-mutate

# The model is not blind: each litmus test's verdict (race or pass) and the
# outcomes it must and must not reach, under C11, C11 without stale reads
# and SC (doc/verification.md, "Litmus tests"); the CLI passes the checker's
# options through; and each of nine breaks of lab/check/c11.c is caught.
# Then the corpus of herd7 C11 litmus files, under the checker and under
# herd7's RC11 (lab/check/herd7.sh): they agree except where
# doc/verification.md says why.
check-litmus: $(B)/pageref-litmus $(B)/pageref-check $(B)/pageref
	CC="$(CC)" CHK_FLAGS='$(subst ',,$(CPPFLAGS_BASE) $(CPPFLAGS_chk) $(WARN) $(FLAGS_chk))' \
		sh lab/check/litmus.sh $(B)
	CC="$(CC)" CHK_FLAGS='$(subst ',,$(CPPFLAGS_BASE) $(CPPFLAGS_chk) $(WARN) $(FLAGS_chk))' \
		sh lab/check/herd7.sh $(B)

# The whole matrix at 4, 5 and 6 bits under C11 (the default) and at 5 bits
# under SC: correct schemes pass, known-bad variants (and under C11 the racy
# v1 and v5) are caught, and the verdict rows are the same at every width.
# Then both directions of the lifetime rule: free-after-put-norcu must
# catch pageref (its CAS after the drop) and pass upstream.
check-checker: $(B)/pageref-check $(foreach w,$(CHECK_WIDTHS),$(B)/pageref-check-$(w)) $(B)/pageref
	sh lab/check/matrix.sh $(B) $(CHECK_WIDTHS)

# Each single-step mutation of pageref.h / pageref.c must be caught. The kernel
# schemes' objects (lab/kernel/) are linked as built: a mutation never reaches them.
check-mutate: $(B)/pageref-check
	CC="$(CC)" CHK_FLAGS='$(subst ',,$(CPPFLAGS_BASE) $(CPPFLAGS_chk) $(WARN) $(FLAGS_chk))' \
		CHK_SRCS="$(CHECKER_SRCS) $(filter-out lab/kernel/%,$(REGISTRY_SRCS)) $(LAB_SRCS) $(LIB_SRCS) $(call objs,chk,$(filter lab/kernel/%,$(REGISTRY_SRCS)))" sh lab/check/mutate.sh
