/* SPDX-License-Identifier: MIT */
/*
 * lab/kernel/end.h - after <linux/page_ref.h>: takes back the kernel names
 * that kshim.h defined as macros (the header's inline functions were
 * compiled with them), so that the library's pageref/page_ref.h and liburcu
 * may follow in the same translation unit. The functions the header defined
 * keep their names: lab/kernel/rename.h gave them a kernel_ prefix.
 */
#undef likely
#undef unlikely
#undef IS_ENABLED
#undef CONFIG_DEBUG_VM
#undef VM_BUG_ON
#undef VM_BUG_ON_PAGE
#undef VM_WARN_ON_ONCE
#undef VM_WARN_ON_ONCE_PAGE
#undef VM_WARN_ON_ONCE_FOLIO
#undef WARN_ON_ONCE
#undef EXPORT_SYMBOL
#undef EXPORT_SYMBOL_GPL
#undef DECLARE_TRACEPOINT
#undef tracepoint_enabled
#undef rcu_read_lock
#undef rcu_read_unlock
#undef synchronize_rcu
#undef atomic_t
#undef page
#undef folio
#undef page_is_fake_head
#undef page_folio
#undef atomic_read
#undef atomic_set
#undef atomic_set_release
#undef atomic_add
#undef atomic_sub
#undef atomic_inc
#undef atomic_dec
#undef atomic_or
#undef atomic_add_return_relaxed
#undef atomic_sub_return_relaxed
#undef atomic_inc_return_relaxed
#undef atomic_dec_return_relaxed
#undef atomic_add_return
#undef atomic_sub_return
#undef atomic_inc_return
#undef atomic_dec_return
#undef atomic_sub_and_test
#undef atomic_dec_and_test
#undef atomic_try_cmpxchg
#undef atomic_try_cmpxchg_acquire
#undef atomic_try_cmpxchg_release
#undef atomic_try_cmpxchg_relaxed
#undef atomic_cmpxchg
#undef atomic_add_unless
