# SPDX-License-Identifier: MIT
# lab/models/models.mk - spin models of every scheme (doc/spin.md).
#
#   make verify         every model: safety for 2-4 threads, the known-bad
#                       variants' counterexamples, progress; one line per run
#   make verify-spin MODELS=pageref   only the runs whose id contains that
#
# Work files (pan.c, pan, trails, replayed trails) go to build/models/<run>/.

MODELS ?=

.PHONY: verify-spin
verify-spin:
	sh lab/models/run.sh -o $(B)/models $(MODELS)

VERIFY_TARGETS += verify-spin
