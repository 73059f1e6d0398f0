#pragma once
static inline int page_is_fake_head(const struct page *page) { (void)page; return 0; }
