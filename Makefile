# SPDX-License-Identifier: MIT
# pageref: make (library + CLI), check, stress, bench, verify, report, install.
#
# Every object is built per variant, in build/<variant>/:
#   rel    release (-O2 -DNDEBUG): the installed library (its objects -fPIC,
#          in libpageref.a and libpageref.so), the CLI, benchmarks
#   dbg    debug: misuse checks on; unit tests
#   asan   dbg with AddressSanitizer + UndefinedBehaviorSanitizer
# Subsystems add their own variants and targets in */*.mk.

CC	?= cc
CFLAGS	?= -g
PREFIX	?= /usr/local
DESTDIR	?=
B	:= build

WARN	:= -std=c11 -Wall -Wextra -Werror -pedantic -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wpointer-arith -Wcast-align
CPPFLAGS_BASE := -Iinclude -Ilab/schemes -Ilab/include -D_GNU_SOURCE

VARIANTS	:= rel dbg asan
FLAGS_rel	:= -O2 -DNDEBUG
FLAGS_dbg	:= -O1
FLAGS_asan	:= -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

LIB_SRCS	:= src/pageref.c src/misuse.c
# The table, with the kernel schemes' translation units (lab/kernel/kernel.mk).
REGISTRY_SRCS	:= lab/schemes/registry.c lab/kernel/kernel.c lab/kernel/kernel_base.c \
		   lab/kernel/kernel_or_freeze.c lab/kernel/kernel_ceiling.c \
		   lab/kernel/report.c
# The lab's command-line parser: check, torture, bench and report.
LAB_SRCS	:= lab/options.c

# $(call objs,variant,sources)
objs = $(patsubst %.c,$(B)/$(1)/%.o,$(2))

# The shared library: soname libpageref.so.MAJOR, exports listed in src/libpageref.map.
VERSION		:= $(shell sh scripts/version)
SONAME		:= libpageref.so.$(firstword $(subst ., ,$(VERSION)))
SOLIB		:= libpageref.so.$(VERSION)

.PHONY: all lib check stress bench verify report install install-tools uninstall clean help
all: $(B)/pageref lib
lib: $(B)/rel/libpageref.a $(B)/rel/$(SOLIB)

help:
	@echo "make            library and CLI (build/pageref)"
	@echo "make check      unit tests, sanitizers, checker, herd7 agreement, short torture (~10 min on 2 cores; the first run builds herd7)"
	@echo "make stress     longer torture runs"
	@echo "make bench      benchmarks (pageref bench)"
	@echo "make verify     spin models"
	@echo "make report     report/REPORT.md (./build/pageref report --quick: under 2 min)"
	@echo "make lib        the library alone: build/rel/libpageref.a and build/rel/$(SOLIB)"
	@echo "make install    the library: headers, libpageref.a, libpageref.so, pageref.pc"
	@echo "                (PREFIX=$(PREFIX) DESTDIR=...; needs no liburcu)"
	@echo "make install-tools  the pageref command and the lab tools it runs (needs liburcu)"
	@echo "make uninstall  removes what either install put there (same PREFIX, DESTDIR)"

CHECK_TARGETS	:= check-unit check-asan check-asm check-install check-put-after-free check-urcu check-urcu-tsan check-cxx check-cli
STRESS_TARGETS	:=
VERIFY_TARGETS	:=

# ---- CLI -------------------------------------------------------------------
# The commands the CLI runs (lab/cli/main.c: PREFIX/libexec/pageref/pageref-<command>).
HELPERS := $(B)/pageref-check $(B)/pageref-torture $(B)/pageref-bench $(B)/pageref-report
CLI_SRCS := lab/cli/main.c
$(B)/pageref: $(call objs,rel,$(CLI_SRCS) $(REGISTRY_SRCS)) $(B)/rel/libpageref.a
	$(CC) $(CFLAGS) -o $@ $^

# ---- unit tests --------------------------------------------------------------
$(B)/%/tests/unit: $(B)/%/tests/unit.o $(B)/%/tests/test_schemes.o $(B)/%/tests/test_pageref.o \
		   $(B)/%/tests/test_page_ref.o $(B)/%/tests/test_misuse.o $(B)/%/tests/test_v5.o \
		   $(B)/%/tests/page_ref_release.o \
		   $(B)/%/tests/test_smoke.o $(addprefix $(B)/%/,$(REGISTRY_SRCS:.c=.o)) $(B)/%/libpageref.a
	$(CC) $(CFLAGS) $(FLAGS_$*) -o $@ $^ -lpthread

# The lifetime rule of pageref_put(), by its one bad interleaving (hooks + ASan).
$(B)/hasan/tests/put_after_free: $(B)/hasan/tests/put_after_free.o $(B)/hasan/libpageref.a
	$(CC) $(CFLAGS) $(FLAGS_hasan) -o $@ $^ -lurcu -lpthread

.PHONY: check-unit check-asan check-asm check-install check-put-after-free check-urcu check-urcu-tsan check-cxx check-cli
check-unit: $(B)/dbg/tests/unit
	$<
check-asan: $(B)/asan/tests/unit
	ASAN_OPTIONS=detect_leaks=1 $<
check-asm: $(B)/pageref-bench
	sh tests/asm_tryget.sh "$(CC)"
	sh tests/asm_free_path.sh $(B)/pageref-bench
check-install:
	sh tests/install.sh
check-put-after-free: $(B)/hasan/tests/put_after_free
	sh tests/put_after_free.sh $<
# pageref/urcu.h with every liburcu flavour, short and prefixed names.
check-urcu: $(B)/dbg/libpageref.a
	sh tests/urcu_flavours.sh "$(CC)" $<
# The command line refuses values it cannot mean.
check-cli: $(B)/pageref $(HELPERS)
	sh tests/cli.sh $(B)/pageref
# urcu.h's ThreadSanitizer opt-in: a correct liburcu program is clean with it.
check-urcu-tsan:
	sh tests/urcu_tsan.sh "$(CC)"
# The headers from C++17, 20 and 23, with g++ and clang++.
check-cxx: $(B)/dbg/libpageref.a
	sh tests/cxx.sh $<

# ---- subsystems ------------------------------------------------------------
-include lab/check/check.mk lab/sim/sim.mk lab/bench/bench.mk lab/models/models.mk kernel/kernel.mk \
	 lab/kernel/kernel.mk

check: $(CHECK_TARGETS)

# scripts/test runs these one by one.
.PHONY: print-test-targets
print-test-targets:
	@echo $(CHECK_TARGETS) $(VERIFY_TARGETS)

stress: $(STRESS_TARGETS)
verify: $(VERIFY_TARGETS)

# ---- variants --------------------------------------------------------------
define variant_rules
$(B)/$(1)/%.o: %.c
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CPPFLAGS_BASE) $$(CPPFLAGS_$(1)) $$(WARN) $$(FLAGS_$(1)) $$(CFLAGS) -MMD -MP -c $$< -o $$@
$(B)/$(1)/libpageref.a: $(call objs,$(1),$(LIB_SRCS))
	rm -f $$@
	$$(AR) rcs $$@ $$^
endef
$(foreach v,$(VARIANTS),$(eval $(call variant_rules,$(v))))

# The installed library's objects: position-independent, for the shared
# library and for a static archive that can go into a shared object.
$(call objs,rel,$(LIB_SRCS)): FLAGS_rel += -fPIC
$(B)/rel/$(SOLIB): $(call objs,rel,$(LIB_SRCS)) src/libpageref.map
	$(CC) $(CFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=src/libpageref.map \
		-Wl,-z,defs -o $@ $(filter %.o,$^)

-include $(shell find $(B) -path $(B)/kernel -prune -o -name '*.d' -type f -print 2>/dev/null)

# ---- install ---------------------------------------------------------------
HEADERS := include/pageref/atomic.h include/pageref/pageref.h include/pageref/page_ref.h \
	   include/pageref/urcu.h
# Installed headers carry no lab: no mutate:NAME tags (lab/check/mutate.sh
# needs them in the source) and no pointers at files that are not installed.
HEADER_SED := -e 's|[[:space:]]*/\* mutate:[^ ]* \*/||' -e '/lab\/check\/mutate\.sh/d' \
	      -e '/^ \* doc\/design\.md has the full table/d' -e 's| (src/pageref\.c)||' \
	      -e 's| (doc/performance\.md)||'
LIBDIR	:= $(DESTDIR)$(PREFIX)/lib
install: $(B)/rel/libpageref.a $(B)/rel/$(SOLIB)
	install -d $(DESTDIR)$(PREFIX)/include/pageref $(LIBDIR)/pkgconfig
	for h in $(HEADERS); do \
		sed $(HEADER_SED) $$h > $(DESTDIR)$(PREFIX)/include/pageref/$${h##*/} && \
		chmod 644 $(DESTDIR)$(PREFIX)/include/pageref/$${h##*/} || exit 1; \
	done
	install -m 644 $(B)/rel/libpageref.a $(LIBDIR)/
	install -m 755 $(B)/rel/$(SOLIB) $(LIBDIR)/
	ln -sf $(SOLIB) $(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(LIBDIR)/libpageref.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' \
		pageref.pc.in > $(LIBDIR)/pkgconfig/pageref.pc

install-tools: $(B)/pageref $(HELPERS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/libexec/pageref
	install -m 755 $(B)/pageref $(DESTDIR)$(PREFIX)/bin/
	install -m 755 $(HELPERS) $(DESTDIR)$(PREFIX)/libexec/pageref/

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/include/pageref $(DESTDIR)$(PREFIX)/libexec/pageref
	rm -f $(LIBDIR)/libpageref.a $(LIBDIR)/$(SOLIB) $(LIBDIR)/$(SONAME) $(LIBDIR)/libpageref.so \
	      $(LIBDIR)/pkgconfig/pageref.pc $(DESTDIR)$(PREFIX)/bin/pageref

clean:
	rm -rf $(B)
