# SPDX-License-Identifier: MIT
# check/check.mk - pageref check: the exhaustive interleaving checker.
#
# The chk variant builds the library, the scheme table and the checker with
# PAGEREF_CHECKER: every atomic access of every scheme is a scheduling point,
# on a counter of PAGEREF_COUNT_BITS=5 so that overflow is a few steps away.
# NDEBUG as in the release build: the checked code paths are the shipped ones.

VARIANTS	+= chk
FLAGS_chk	:= -O1 -DNDEBUG
CPPFLAGS_chk	:= -DPAGEREF_CHECKER -DPAGEREF_COUNT_BITS=5

CHECKER_SRCS	:= check/main.c check/explore.c check/ghost.c check/c11.c check/scenarios.c

$(B)/pageref-check: $(call objs,chk,$(CHECKER_SRCS) $(REGISTRY_SRCS)) $(B)/chk/libpageref.a
	$(CC) $(CFLAGS) -o $@ $^

all: $(B)/pageref-check

.PHONY: check-checker check-mutate
CHECK_TARGETS	+= check-checker check-mutate

# The whole matrix: correct schemes pass, known-bad variants are caught.
check-checker: $(B)/pageref-check
	$(B)/pageref-check --scheme all > $(B)/check-matrix.txt || \
		{ cat $(B)/check-matrix.txt; exit 1; }
	sed -n '/^scheme /,/^$$/p' $(B)/check-matrix.txt

# Each single-step mutation of pageref.h / pageref.c must be caught.
check-mutate: $(B)/pageref-check
	CC="$(CC)" CHK_FLAGS="$(CPPFLAGS_BASE) $(CPPFLAGS_chk) $(WARN) $(FLAGS_chk)" \
		CHK_SRCS="$(CHECKER_SRCS) $(REGISTRY_SRCS) $(LIB_SRCS)" sh check/mutate.sh
