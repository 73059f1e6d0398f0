#pragma once
struct page { atomic_t _refcount; };
struct folio { union { struct page page; struct { atomic_t _refcount; }; }; };
