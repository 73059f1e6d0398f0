/* SPDX-License-Identifier: MIT */
/*
 * lab/sim/pagecache.h - a page cache: (file, index) -> folio, on liburcu's
 * lock-free hash table (cds_lfht).
 *
 * It plays the part of the kernel's address_space xarray: readers find a
 * folio under rcu_read_lock() and take their reference with folio_try_get(),
 * then look again to check the folio is still the one mapped there, exactly
 * as filemap_get_read_batch() does. The cache holds no reference itself and
 * never touches a folio's refcount: the caller that inserts a folio hands
 * the cache one of its references, and the caller that removes or replaces
 * it gets that reference back.
 *
 * Entries are the xarray's nodes: allocated per insertion, freed after an
 * RCU grace period (call_rcu). Folios are struct page: type-stable memory
 * that the caller may free and reuse at once, with no grace period; that is
 * what makes the speculative try-get necessary.
 *
 * Threads: every thread that calls any function below must be registered
 * with liburcu's default flavour (urcu-memb): rcu_register_thread() before
 * the first call, rcu_unregister_thread() before it exits. Link with
 * -lurcu-cds -lurcu.
 *
 * This file depends on nothing but liburcu and struct folio's name, so the
 * benchmarks use it from any build of the library.
 */
#ifndef PAGEREF_SIM_PAGECACHE_H
#define PAGEREF_SIM_PAGECACHE_H

#include <stdbool.h>
#include <stdint.h>

struct folio;
struct pagecache;

/**
 * pagecache_create - an empty page cache.
 * @order: the table starts with 2^@order buckets and grows as needed
 *
 * Return: the cache, or NULL if out of memory (errno is set).
 */
struct pagecache *pagecache_create(unsigned int order);

/**
 * pagecache_destroy - free @pc and every entry left in it.
 * @pc: the cache; no other thread may use it any more
 *
 * The folios still mapped are not touched: account for them first. The
 * calling thread must be registered with RCU and outside a read-side
 * critical section (it waits for pending call_rcu() callbacks).
 */
void pagecache_destroy(struct pagecache *pc);

/**
 * pagecache_lookup - the folio mapped at (@file, @index), if any.
 * @pc:    the cache
 * @file:  which file
 * @index: which page of it
 *
 * The caller holds rcu_read_lock() and takes no reference here: the folio
 * may be freed and reused as soon as this returns. Use folio_try_get(), then
 * call this again and compare, before trusting it.
 *
 * Ordering: acquire: pairs with the release that published the entry in
 * pagecache_insert() and pagecache_replace(), so the caller sees the folio
 * as the inserter left it before insertion.
 * Return: the folio, or NULL.
 */
struct folio *pagecache_lookup(struct pagecache *pc, uint64_t file, uint64_t index);

/**
 * pagecache_insert - map @folio at (@file, @index) unless something is there.
 * @pc:    the cache
 * @file:  which file
 * @index: which page of it
 * @folio: the folio; on success the cache owns one of the caller's references
 *
 * Write the folio's contents first: the insertion publishes them.
 * Return: true if inserted; false if (@file, @index) was taken.
 */
bool pagecache_insert(struct pagecache *pc, uint64_t file, uint64_t index,
		      struct folio *folio);

/**
 * pagecache_replace - map @new where @old is mapped (migration).
 * @pc:    the cache
 * @file:  which file
 * @index: which page of it
 * @old:   the folio expected at (@file, @index)
 * @new:   its replacement; the cache owns one of the caller's references
 *
 * Return: true if replaced: the cache's reference to @old now belongs to
 * the caller. False if @old was not mapped there (nothing changed).
 */
bool pagecache_replace(struct pagecache *pc, uint64_t file, uint64_t index,
		       struct folio *old, struct folio *new);

/**
 * pagecache_remove - unmap @folio from (@file, @index).
 * @pc:    the cache
 * @file:  which file
 * @index: which page of it
 * @folio: the folio expected there
 *
 * Return: true if removed: the cache's reference now belongs to the caller.
 * False if @folio was not mapped there (nothing changed).
 */
bool pagecache_remove(struct pagecache *pc, uint64_t file, uint64_t index,
		      struct folio *folio);

#endif /* PAGEREF_SIM_PAGECACHE_H */
