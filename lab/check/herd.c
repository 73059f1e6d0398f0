// SPDX-License-Identifier: MIT
/*
 * C11 litmus files in herd7's C format, explored with the checker's model:
 * 'pageref litmus FILE...' (pageref-litmus FILE...).
 *
 * The subset read: "C name", an optional "quoted" doc string, an init block
 * { x=0; y=1; } (a "TYPE x = V;" form too), threads P0(atomic_int *x, int *y)
 * { ... } with statements "int r = E;", "r = E;", "E;", "*x = E;", "if (E) S
 * [else S]" and { blocks }, expressions of numbers, registers, *x (a plain
 * access), + - & | == != < > <= >= && || ! ( ), and the calls
 * atomic_load[_explicit], atomic_store[_explicit], atomic_fetch_{add,sub,or,
 * and}[_explicit], atomic_exchange[_explicit],
 * atomic_compare_exchange_{strong,weak}[_explicit] (weak is strong: it never
 * fails spuriously) and atomic_thread_fence; then one clause, exists,
 * ~exists or forall, over N:r=V and x=V atoms with /\ \/ ~ and parentheses.
 *
 * Each location is a word of the model (c11.c): atomic ones with the orders
 * written, plain (int *) ones as relaxed accesses whose conflicts must be
 * ordered by happens-before (else the run has a data race, reported as
 * herd7's "Flag data-race" and otherwise explored on). The output is
 * herd7's: the final states (what the clause names, as herd7 shows them),
 * Ok/No for whether the clause holds, and Observation NAME Never|Sometimes|
 * Always POS NEG, where POS and NEG count the final states that do and do
 * not satisfy the clause's proposition (herd7 counts candidate executions
 * there, so the words agree, the numbers need not).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define H_MAX_LOCS	(CHK_NR_VARS - CHK_VAR_LIT)
#define H_MAX_REGS	8
#define H_MAX_NODES	2048
#define H_MAX_STATES	256
#define H_NAME		32

/* ---- the tree ------------------------------------------------------------- */

enum h_kind {
	/* expressions */
	HE_NUM, HE_REG, HE_PLAIN_LOAD, HE_UNARY, HE_BINARY, HE_ATOMIC,
	/* statements */
	HS_EXPR, HS_ASSIGN, HS_PLAIN_STORE, HS_IF, HS_BLOCK, HS_FENCE,
};

struct h_node {
	enum h_kind kind;
	int op;			/* an operator token, or a pageref_atomic_op */
	int loc, reg;		/* a location index, a register index */
	uint32_t num;
	memory_order mo, fail_mo;
	int a, b, c;		/* child nodes, -1 for none; a block: first, next in c */
	int next;		/* the next statement of a block */
};

struct h_thread {
	int body;		/* a block */
	int nr_regs;
	char reg[H_MAX_REGS][H_NAME];
	int loc_of_param[H_MAX_LOCS];
};

struct h_test {
	char name[64];
	int nr_locs;
	char loc[H_MAX_LOCS][H_NAME];
	bool atomic[H_MAX_LOCS];
	bool declared[H_MAX_LOCS];
	uint32_t init[H_MAX_LOCS];
	int nr_threads;
	struct h_thread t[CHK_MAX_THREADS];
	int quant;		/* 0 exists, 1 ~exists, 2 forall */
	int prop;		/* a proposition node */
};

/* Proposition nodes reuse h_node: HE_BINARY with '&' '|', HE_UNARY '!', atoms: */
#define HP_REG	100	/* thread a, register reg == num */
#define HP_LOC	101	/* location loc == num */
#define HP_TRUE	102

static struct h_node nodes[H_MAX_NODES];
static bool shown_reg[CHK_MAX_THREADS][H_MAX_REGS], shown_loc[H_MAX_LOCS];	/* in the clause */
static int nr_nodes;
static struct h_test T;

/* ---- the lexer ------------------------------------------------------------ */

enum { TK_EOF = 256, TK_ID, TK_NUM, TK_STR, TK_EQ, TK_NE, TK_LE, TK_GE, TK_AND, TK_OR,
       TK_PAND, TK_POR };

static const char *src, *pos, *file, *tok_start;
static int line, tok, tok_line;
static char tok_text[128];
static uint32_t tok_num;

static _Noreturn void __attribute__((format(printf, 1, 2))) perr(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: ", file, tok_line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void next(void)
{
	for (;;) {
		while (isspace((unsigned char)*pos))
			line += *pos++ == '\n';
		if (pos[0] == '/' && pos[1] == '/') {
			while (*pos && *pos != '\n')
				pos++;
		} else if (pos[0] == '/' && pos[1] == '*') {
			for (pos += 2; *pos && !(pos[0] == '*' && pos[1] == '/'); pos++)
				line += *pos == '\n';
			if (*pos)
				pos += 2;
		} else if (pos[0] == '(' && pos[1] == '*') {
			for (pos += 2; *pos && !(pos[0] == '*' && pos[1] == ')'); pos++)
				line += *pos == '\n';
			if (*pos)
				pos += 2;
		} else
			break;
	}
	tok_line = line;
	tok_start = pos;
	if (!*pos) {
		tok = TK_EOF;
		return;
	}
	if (isalpha((unsigned char)*pos) || *pos == '_') {
		size_t n = 0;

		while ((isalnum((unsigned char)*pos) || *pos == '_' || *pos == '.') && n < sizeof(tok_text) - 1)
			tok_text[n++] = *pos++;
		tok_text[n] = '\0';
		tok = TK_ID;
		return;
	}
	if (isdigit((unsigned char)*pos)) {
		char *end;

		errno = 0;
		tok_num = (uint32_t)strtol(pos, &end, 0);
		pos = end;
		tok = TK_NUM;
		return;
	}
	if (*pos == '"') {
		for (pos++; *pos && *pos != '"'; pos++)
			line += *pos == '\n';
		if (*pos)
			pos++;
		tok = TK_STR;
		return;
	}
	static const struct { const char *s; int t; } two[] = {
		{ "==", TK_EQ }, { "!=", TK_NE }, { "<=", TK_LE }, { ">=", TK_GE },
		{ "&&", TK_AND }, { "||", TK_OR }, { "/\\", TK_PAND }, { "\\/", TK_POR },
	};
	for (size_t i = 0; i < sizeof(two) / sizeof(two[0]); i++)
		if (pos[0] == two[i].s[0] && pos[1] == two[i].s[1]) {
			pos += 2;
			tok = two[i].t;
			return;
		}
	tok = (unsigned char)*pos++;
}

static const char *tok_name(void)
{
	static char buf[160];

	if (tok == TK_EOF)
		return "end of file";
	if (tok == TK_ID)
		snprintf(buf, sizeof(buf), "'%s'", tok_text);
	else if (tok == TK_NUM)
		snprintf(buf, sizeof(buf), "the number %d", (int)tok_num);
	else if (tok < 256)
		snprintf(buf, sizeof(buf), "'%c'", tok);
	else
		snprintf(buf, sizeof(buf), "an operator");
	return buf;
}

static void expect(int t, const char *what)
{
	if (tok != t)
		perr("expected %s, found %s", what, tok_name());
	next();
}

static bool accept(int t)
{
	if (tok != t)
		return false;
	next();
	return true;
}

static bool accept_id(const char *s)
{
	if (tok != TK_ID || strcmp(tok_text, s))
		return false;
	next();
	return true;
}

static int new_node(enum h_kind k)
{
	if (nr_nodes == H_MAX_NODES)
		perr("the test is too large (%d nodes)", H_MAX_NODES);
	nodes[nr_nodes] = (struct h_node){ .kind = k, .a = -1, .b = -1, .c = -1, .next = -1 };
	return nr_nodes++;
}

/* ---- the parser ----------------------------------------------------------- */

static int find_loc(const char *name, bool create)
{
	for (int i = 0; i < T.nr_locs; i++)
		if (!strcmp(T.loc[i], name))
			return i;
	if (!create)
		return -1;
	if (T.nr_locs == H_MAX_LOCS)
		perr("more than %d locations", H_MAX_LOCS);
	snprintf(T.loc[T.nr_locs], H_NAME, "%s", name);
	T.atomic[T.nr_locs] = true;
	return T.nr_locs++;
}

static struct h_thread *cur_t;

static int find_reg(const char *name, bool create)
{
	for (int i = 0; i < cur_t->nr_regs; i++)
		if (!strcmp(cur_t->reg[i], name))
			return i;
	if (!create)
		return -1;
	if (cur_t->nr_regs == H_MAX_REGS)
		perr("more than %d registers in one thread", H_MAX_REGS);
	snprintf(cur_t->reg[cur_t->nr_regs], H_NAME, "%s", name);
	return cur_t->nr_regs++;
}

static bool is_type_word(const char *s)
{
	static const char *const w[] = { "int", "atomic_int", "volatile", "const", "unsigned",
					 "_Atomic", "long", "intptr_t", "atomic_uint", NULL };

	for (int i = 0; w[i]; i++)
		if (!strcmp(s, w[i]))
			return true;
	return false;
}

static memory_order parse_mo(void)
{
	static const struct { const char *s; memory_order mo; } m[] = {
		{ "memory_order_relaxed", memory_order_relaxed },
		{ "memory_order_consume", memory_order_acquire },	/* as herd7: consume is acquire */
		{ "memory_order_acquire", memory_order_acquire },
		{ "memory_order_release", memory_order_release },
		{ "memory_order_acq_rel", memory_order_acq_rel },
		{ "memory_order_seq_cst", memory_order_seq_cst },
	};

	if (tok == TK_ID)
		for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
			if (!strcmp(tok_text, m[i].s)) {
				next();
				return m[i].mo;
			}
	perr("expected a memory order (memory_order_relaxed ...), found %s", tok_name());
}

/* A location argument: a parameter's name (x, or &x spelt as the pointer). */
static int parse_loc_arg(void)
{
	int l;

	accept('&');
	if (tok != TK_ID)
		perr("expected a location, found %s", tok_name());
	l = find_loc(tok_text, false);
	if (l < 0 || !cur_t->loc_of_param[l])
		perr("'%s' is not a parameter of this thread", tok_text);
	next();
	return l;
}

static int parse_expr(void);

static int parse_call(const char *fn)
{
	static const struct { const char *s; int op; } rmw[] = {
		{ "atomic_fetch_add", PAGEREF_OP_FETCH_ADD }, { "atomic_fetch_sub", PAGEREF_OP_FETCH_SUB },
		{ "atomic_fetch_or", PAGEREF_OP_FETCH_OR }, { "atomic_fetch_and", PAGEREF_OP_FETCH_AND },
		{ "atomic_exchange", PAGEREF_OP_XCHG },
	};
	char base[64];
	bool expl;
	size_t n = strlen(fn);
	int e;

	expl = n > 9 && !strcmp(fn + n - 9, "_explicit");
	snprintf(base, sizeof(base), "%.*s", (int)(expl ? n - 9 : n), fn);
	expect('(', "'('");
	if (!strcmp(base, "atomic_thread_fence")) {
		e = new_node(HS_FENCE);
		nodes[e].mo = parse_mo();
		expect(')', "')'");
		return e;
	}
	e = new_node(HE_ATOMIC);
	nodes[e].mo = nodes[e].fail_mo = memory_order_seq_cst;
	if (!strcmp(base, "atomic_load")) {
		nodes[e].op = PAGEREF_OP_LOAD;
		nodes[e].loc = parse_loc_arg();
	} else if (!strcmp(base, "atomic_store")) {
		nodes[e].op = PAGEREF_OP_STORE;
		nodes[e].loc = parse_loc_arg();
		expect(',', "','");
		nodes[e].a = parse_expr();
	} else if (!strcmp(base, "atomic_compare_exchange_strong") ||
		   !strcmp(base, "atomic_compare_exchange_weak")) {
		nodes[e].op = PAGEREF_OP_CMPXCHG;
		nodes[e].loc = parse_loc_arg();
		expect(',', "','");
		if (accept('&')) {	/* an extension: the expected value in a register */
			if (tok != TK_ID || (nodes[e].reg = find_reg(tok_text, false)) < 0)
				perr("expected a declared register after '&', found %s", tok_name());
			next();
			nodes[e].b = -1;
		} else {		/* herd7's form: a location holding the expected value */
			nodes[e].b = parse_loc_arg();
			nodes[e].reg = -1;
		}
		expect(',', "','");
		nodes[e].a = parse_expr();
		if (expl) {
			expect(',', "','");
			nodes[e].mo = parse_mo();
			expect(',', "','");
			nodes[e].fail_mo = parse_mo();
		}
		expect(')', "')'");
		return e;
	} else {
		size_t i;

		for (i = 0; i < sizeof(rmw) / sizeof(rmw[0]); i++)
			if (!strcmp(base, rmw[i].s))
				break;
		if (i == sizeof(rmw) / sizeof(rmw[0]))
			perr("unknown function '%s'", fn);
		nodes[e].op = rmw[i].op;
		nodes[e].loc = parse_loc_arg();
		expect(',', "','");
		nodes[e].a = parse_expr();
	}
	if (!T.atomic[nodes[e].loc])
		perr("'%s' is a plain int: no atomic access", T.loc[nodes[e].loc]);
	if (expl) {
		expect(',', "','");
		nodes[e].mo = parse_mo();
	}
	nodes[e].fail_mo = nodes[e].mo;
	expect(')', "')'");
	return e;
}

static int parse_primary(void)
{
	int e;

	if (tok == TK_NUM) {
		e = new_node(HE_NUM);
		nodes[e].num = tok_num;
		next();
		return e;
	}
	if (accept('(')) {
		e = parse_expr();
		expect(')', "')'");
		return e;
	}
	if (tok == '!' || tok == '-') {
		e = new_node(HE_UNARY);
		nodes[e].op = tok;
		next();
		nodes[e].a = parse_primary();
		return e;
	}
	if (accept('*')) {
		e = new_node(HE_PLAIN_LOAD);
		nodes[e].loc = parse_loc_arg();
		if (T.atomic[nodes[e].loc])
			perr("'%s' is atomic: read it with atomic_load_explicit()", T.loc[nodes[e].loc]);
		return e;
	}
	if (tok == TK_ID) {
		char name[128];

		snprintf(name, sizeof(name), "%s", tok_text);
		next();
		if (tok == '(')
			return parse_call(name);
		e = new_node(HE_REG);
		if ((nodes[e].reg = find_reg(name, false)) < 0)
			perr("unknown register '%s'", name);
		return e;
	}
	perr("expected an expression, found %s", tok_name());
}

static int prec(int t)
{
	switch (t) {
	case TK_OR: return 1;
	case TK_AND: return 2;
	case '|': return 3;
	case '&': return 4;
	case TK_EQ: case TK_NE: return 5;
	case '<': case '>': case TK_LE: case TK_GE: return 6;
	case '+': case '-': return 7;
	default: return 0;
	}
}

static int parse_binary(int min)
{
	int l = parse_primary();

	while (prec(tok) >= min && prec(tok)) {
		int op = tok, p = prec(tok), e;

		next();
		e = new_node(HE_BINARY);
		nodes[e].op = op;
		nodes[e].a = l;
		nodes[e].b = parse_binary(p + 1);
		l = e;
	}
	return l;
}

static int parse_expr(void)
{
	return parse_binary(1);
}

static int parse_stmt(void);

static int parse_block(void)
{
	int b = new_node(HS_BLOCK), *tail = &nodes[b].a;

	expect('{', "'{'");
	while (!accept('}')) {
		int s;

		if (tok == TK_EOF)
			perr("a '}' is missing");
		s = parse_stmt();
		if (s < 0)
			continue;
		*tail = s;
		tail = &nodes[s].next;
	}
	return b;
}

static int parse_stmt(void)
{
	int s;

	if (tok == '{')
		return parse_block();
	if (accept(';'))
		return -1;
	if (accept_id("if")) {
		s = new_node(HS_IF);
		expect('(', "'(' after if");
		nodes[s].a = parse_expr();
		expect(')', "')'");
		nodes[s].b = parse_stmt();
		if (accept_id("else"))
			nodes[s].c = parse_stmt();
		return s;
	}
	if (accept('*')) {
		s = new_node(HS_PLAIN_STORE);
		nodes[s].loc = parse_loc_arg();
		if (T.atomic[nodes[s].loc])
			perr("'%s' is atomic: write it with atomic_store_explicit()", T.loc[nodes[s].loc]);
		expect('=', "'='");
		nodes[s].a = parse_expr();
		expect(';', "';'");
		return s;
	}
	if (tok == TK_ID && is_type_word(tok_text)) {
		while (tok == TK_ID && is_type_word(tok_text))
			next();
		if (tok != TK_ID)
			perr("expected a register name, found %s", tok_name());
		s = new_node(HS_ASSIGN);
		nodes[s].reg = find_reg(tok_text, true);
		next();
		if (accept(';')) {
			nodes[s].a = new_node(HE_NUM);	/* int r; is r = 0 */
			return s;
		}
		expect('=', "'='");
		nodes[s].a = parse_expr();
		expect(';', "';'");
		return s;
	}
	if (tok == TK_ID && find_reg(tok_text, false) >= 0 && pos[strspn(pos, " \t")] == '=' &&
	    pos[strspn(pos, " \t") + 1] != '=') {
		s = new_node(HS_ASSIGN);
		nodes[s].reg = find_reg(tok_text, false);
		next();
		expect('=', "'='");
		nodes[s].a = parse_expr();
		expect(';', "';'");
		return s;
	}
	s = parse_expr();
	if (nodes[s].kind != HS_FENCE) {
		int e = new_node(HS_EXPR);

		nodes[e].a = s;
		s = e;
	}
	expect(';', "';'");
	return s;
}

static void parse_thread(int n)
{
	cur_t = &T.t[n];
	expect('(', "'(' after the thread's name");
	while (!accept(')')) {
		bool atomic = false;
		int l;

		while (tok == TK_ID && is_type_word(tok_text)) {
			atomic |= !strcmp(tok_text, "atomic_int") || !strcmp(tok_text, "_Atomic") ||
				  !strcmp(tok_text, "atomic_uint");
			next();
		}
		expect('*', "'*': parameters are pointers to the locations");
		if (tok != TK_ID)
			perr("expected a parameter name, found %s", tok_name());
		l = find_loc(tok_text, true);
		if (T.declared[l] && T.atomic[l] != atomic)
			perr("'%s' is atomic in one thread and plain in another", tok_text);
		T.atomic[l] = atomic;
		T.declared[l] = true;
		cur_t->loc_of_param[l] = 1;
		next();
		if (tok != ')')
			expect(',', "',' or ')'");
	}
	cur_t->body = parse_block();
}

static int parse_prop(int min);

static int parse_atom(void)
{
	int e;

	if (accept('(')) {
		e = parse_prop(1);
		expect(')', "')'");
		return e;
	}
	if (accept('~')) {
		e = new_node(HE_UNARY);
		nodes[e].op = '!';
		nodes[e].a = parse_atom();
		return e;
	}
	if (accept_id("true"))
		return new_node(HP_TRUE);
	e = new_node(HE_NUM);
	if (tok == TK_NUM) {
		int th = (int)tok_num;

		next();
		expect(':', "':' after a thread number");
		if (th < 0 || th >= T.nr_threads)
			perr("no thread P%d", th);
		cur_t = &T.t[th];
		if (tok != TK_ID || (nodes[e].reg = find_reg(tok_text, false)) < 0)
			perr("P%d has no register %s", th, tok_name());
		nodes[e].kind = HP_REG;
		nodes[e].a = th;
		shown_reg[th][nodes[e].reg] = true;
	} else if (tok == TK_ID) {
		if ((nodes[e].loc = find_loc(tok_text, false)) < 0)
			perr("unknown location '%s'", tok_text);
		nodes[e].kind = HP_LOC;
		shown_loc[nodes[e].loc] = true;
	} else if (accept('[')) {
		if (tok != TK_ID || (nodes[e].loc = find_loc(tok_text, false)) < 0)
			perr("unknown location %s", tok_name());
		nodes[e].kind = HP_LOC;
		shown_loc[nodes[e].loc] = true;
		next();
		expect(']', "']'");
		goto eq;
	} else
		perr("expected N:reg=V or loc=V, found %s", tok_name());
	next();
eq:
	expect('=', "'='");
	if (tok != TK_NUM)
		perr("expected a number, found %s", tok_name());
	nodes[e].num = tok_num;
	next();
	return e;
}

static int parse_prop(int min)
{
	int l = parse_atom();

	while ((tok == TK_PAND && min <= 2) || (tok == TK_POR && min <= 1)) {
		int op = tok == TK_PAND ? '&' : '|', e = new_node(HE_BINARY);

		next();
		nodes[e].op = op;
		nodes[e].a = l;
		nodes[e].b = parse_prop(op == '&' ? 3 : 2);
		l = e;
	}
	return l;
}

static void parse_file(const char *text)
{
	memset(&T, 0, sizeof(T));
	memset(shown_reg, 0, sizeof(shown_reg));
	memset(shown_loc, 0, sizeof(shown_loc));
	nr_nodes = 0;
	src = pos = text;
	line = 1;
	next();
	if (!accept_id("C"))
		perr("expected 'C' and the test's name (a C11 litmus test)");
	if (tok != TK_ID && tok != TK_NUM)
		perr("expected the test's name, found %s", tok_name());
	/* the name runs to the end of its line */
	{
		const char *s = tok_start, *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		while (n && isspace((unsigned char)s[n - 1]))
			n--;
		snprintf(T.name, sizeof(T.name), "%.*s", (int)n, s);
		pos = s + n;
		next();
	}
	/* The doc string, and herd7's metadata lines (Source=..., Expect=...,
	 * Hash=...: a name, '=' and anything to the end of the line). */
	for (;;) {
		const char *eq = pos;

		if (accept(TK_STR))
			continue;
		while (*eq == ' ' || *eq == '\t')
			eq++;
		if (tok != TK_ID || *eq != '=')
			break;
		pos = eq + strcspn(eq, "\n");
		next();
	}
	expect('{', "'{' and the initial values");
	while (!accept('}')) {
		int l;

		while (tok == TK_ID && is_type_word(tok_text))
			next();
		accept('[');
		if (tok != TK_ID)
			perr("expected a location in the init block, found %s", tok_name());
		l = find_loc(tok_text, true);
		next();
		accept(']');
		expect('=', "'='");
		if (tok != TK_NUM)
			perr("expected an initial value, found %s", tok_name());
		T.init[l] = tok_num;
		next();
		if (tok != '}')
			expect(';', "';'");
	}
	while (tok == TK_ID && tok_text[0] == 'P' && isdigit((unsigned char)tok_text[1])) {
		int n = atoi(tok_text + 1);

		if (n != T.nr_threads)
			perr("threads must be P0, P1, ... in order: found %s", tok_text);
		if (n >= CHK_MAX_THREADS)
			perr("more than %d threads", CHK_MAX_THREADS);
		next();
		T.nr_threads++;
		parse_thread(n);
	}
	if (!T.nr_threads)
		perr("expected a thread P0(...) { ... }, found %s", tok_name());
	while (accept_id("locations")) {	/* "locations [x; y;]": final values shown anyway */
		while (tok != ']' && tok != TK_EOF)
			next();
		expect(']', "']'");
	}
	if (accept('~')) {
		if (!accept_id("exists"))
			perr("expected 'exists' after '~'");
		T.quant = 1;
	} else if (accept_id("exists"))
		T.quant = 0;
	else if (accept_id("forall"))
		T.quant = 2;
	else
		perr("expected exists, ~exists or forall, found %s", tok_name());
	T.prop = parse_prop(1);
	if (tok != TK_EOF)
		perr("unexpected %s after the final clause", tok_name());
}

/* ---- running it ----------------------------------------------------------- */

static uint32_t regs[CHK_MAX_THREADS][H_MAX_REGS];

struct h_plain {
	int wtid;
	uint32_t wclock;
	uint32_t rclock[CHK_MAX_THREADS];
};
static struct h_plain plain[H_MAX_LOCS];
static bool raced;

static void plain_access(int l, bool write)
{
	struct h_plain *p = &plain[l];
	int me = chk_world.cur;

	if (p->wclock && !chk_mem_hb(p->wtid, p->wclock))
		raced = true;
	if (write) {
		for (int i = 0; i < CHK_MAX_THREADS; i++)
			if (p->rclock[i] && !chk_mem_hb(i, p->rclock[i]))
				raced = true;
		memset(p->rclock, 0, sizeof(p->rclock));
		p->wtid = me;
		p->wclock = chk_mem_clock();
	} else
		p->rclock[me] = chk_mem_clock();
}

static uint32_t eval(int e);

static uint32_t binop(int op, int a, int b)
{
	uint32_t x = eval(a);

	if (op == TK_AND)
		return x && eval(b);
	if (op == TK_OR)
		return x || eval(b);
	uint32_t y = eval(b);

	switch (op) {
	case '+': return x + y;
	case '-': return x - y;
	case '&': return x & y;
	case '|': return x | y;
	case TK_EQ: return x == y;
	case TK_NE: return x != y;
	case '<': return (int32_t)x < (int32_t)y;
	case '>': return (int32_t)x > (int32_t)y;
	case TK_LE: return (int32_t)x <= (int32_t)y;
	default: return (int32_t)x >= (int32_t)y;
	}
}

static uint32_t eval(int e)
{
	const struct h_node *n = &nodes[e];
	int me = chk_world.cur;

	switch (n->kind) {
	case HE_NUM: return n->num;
	case HE_REG: return regs[me][n->reg];
	case HE_UNARY: return n->op == '!' ? !eval(n->a) : -eval(n->a);
	case HE_BINARY: return binop(n->op, n->a, n->b);
	case HE_PLAIN_LOAD: {
		uint32_t v = chk_var_access(CHK_VAR_LIT + n->loc, PAGEREF_OP_LOAD, 0, NULL,
					    memory_order_relaxed, memory_order_relaxed, NULL);

		plain_access(n->loc, false);
		return v;
	}
	case HE_ATOMIC: {
		uint32_t operand = n->a >= 0 ? eval(n->a) : 0;
		bool hit = false;

		if (n->op == PAGEREF_OP_CMPXCHG && n->reg >= 0) {
			chk_var_access(CHK_VAR_LIT + n->loc, PAGEREF_OP_CMPXCHG, operand,
				       &regs[me][n->reg], n->mo, n->fail_mo, &hit);
			return hit;
		}
		if (n->op == PAGEREF_OP_CMPXCHG) {
			/* as herd7: read *expected, CAS, on failure write back what it read;
			 * the expected location's accesses are plain or relaxed */
			int el = n->b;
			uint32_t want = chk_var_access(CHK_VAR_LIT + el, PAGEREF_OP_LOAD, 0, NULL,
						       memory_order_relaxed, memory_order_relaxed, NULL);

			if (!T.atomic[el])
				plain_access(el, false);
			chk_var_access(CHK_VAR_LIT + n->loc, PAGEREF_OP_CMPXCHG, operand, &want,
				       n->mo, n->fail_mo, &hit);
			if (!hit) {
				chk_var_access(CHK_VAR_LIT + el, PAGEREF_OP_STORE, want, NULL,
					       memory_order_relaxed, memory_order_relaxed, NULL);
				if (!T.atomic[el])
					plain_access(el, true);
			}
			return hit;
		}
		return chk_var_access(CHK_VAR_LIT + n->loc, (enum pageref_atomic_op)n->op, operand,
				      NULL, n->mo, n->fail_mo, NULL);
	}
	default:
		return 0;
	}
}

static void exec(int s)
{
	for (; s >= 0; s = -1) {
		const struct h_node *n = &nodes[s];
		int me = chk_world.cur;

		switch (n->kind) {
		case HS_BLOCK:
			for (int c = n->a; c >= 0; c = nodes[c].next)
				exec(c);
			break;
		case HS_EXPR:
			(void)eval(n->a);
			break;
		case HS_ASSIGN:
			regs[me][n->reg] = eval(n->a);
			break;
		case HS_PLAIN_STORE: {
			uint32_t v = eval(n->a);

			chk_var_access(CHK_VAR_LIT + n->loc, PAGEREF_OP_STORE, v, NULL,
				       memory_order_relaxed, memory_order_relaxed, NULL);
			plain_access(n->loc, true);
			break;
		}
		case HS_IF:
			if (eval(n->a))
				exec(n->b);
			else if (n->c >= 0)
				exec(n->c);
			break;
		case HS_FENCE:
			chk_mem_fence(n->mo);
			break;
		default:
			(void)eval(s);
		}
	}
}

static void run_thread(int t)
{
	memset(regs[t], 0, sizeof(regs[t]));
	exec(T.t[t].body);
}

static void th0(void) { run_thread(0); }
static void th1(void) { run_thread(1); }
static void th2(void) { run_thread(2); }
static void th3(void) { run_thread(3); }

static void h_setup(void)
{
	atomic_store_explicit(&chk_world.obj.counter, 0, memory_order_relaxed);
	chk_world.mapping = 0;
	memset(plain, 0, sizeof(plain));
	raced = false;	/* a run dropped by psc ended without h_end() */
	for (int l = 0; l < H_MAX_LOCS; l++)
		chk_var_initial[CHK_VAR_LIT + l] = T.init[l];
}

/* The final state of a run: every register, then every location. */
struct h_state {
	uint32_t r[CHK_MAX_THREADS][H_MAX_REGS];
	uint32_t loc[H_MAX_LOCS];
	bool raced;
	unsigned long runs;
};
static struct h_state states[H_MAX_STATES];
static int nr_states;
static bool any_race, too_many;

static bool holds(int e, const struct h_state *st)
{
	const struct h_node *n = &nodes[e];

	switch ((int)n->kind) {
	case HP_TRUE: return true;
	case HP_REG: return st->r[n->a][n->reg] == n->num;
	case HP_LOC: return st->loc[n->loc] == n->num;
	case HE_UNARY: return !holds(n->a, st);
	case HE_BINARY:
		return n->op == '&' ? holds(n->a, st) && holds(n->b, st) :
				      holds(n->a, st) || holds(n->b, st);
	default: return false;
	}
}

static void h_end(void)
{
	struct h_state st;

	/* herd7's final states: only what the clause names */
	memset(&st, 0, sizeof(st));
	for (int t = 0; t < CHK_MAX_THREADS; t++)
		for (int r = 0; r < H_MAX_REGS; r++)
			if (shown_reg[t][r])
				st.r[t][r] = regs[t][r];
	for (int l = 0; l < T.nr_locs; l++)
		if (shown_loc[l])
			st.loc[l] = chk_mem_latest(CHK_VAR_LIT + l);
	any_race |= raced;
	for (int i = 0; i < nr_states; i++)
		if (!memcmp(states[i].r, st.r, sizeof(st.r)) && !memcmp(states[i].loc, st.loc, sizeof(st.loc))) {
			states[i].runs++;
			states[i].raced |= raced;
			raced = false;
			return;
		}
	if (nr_states == H_MAX_STATES) {
		too_many = true;
		return;
	}
	st.raced = raced;
	st.runs = 1;
	states[nr_states++] = st;
	raced = false;
}

static void init_frozen(pageref_t *r) { atomic_store_explicit(&r->counter, 0, memory_order_relaxed); }
static uint32_t count0(const pageref_t *r) { (void)r; return 0; }
static bool not_frozen(const pageref_t *r) { (void)r; return false; }

static const struct pageref_scheme h_scheme = {
	.name = "litmus", .summary = "a litmus file's threads",
	.init_frozen = init_frozen, .count = count0, .is_frozen = not_frozen,
};

static void print_state(const struct h_state *st)
{
	/* herd7's form: what the clause names, registers then locations, "0:r=v; [x]=v;" */
	for (int t = 0; t < T.nr_threads; t++)
		for (int r = 0; r < T.t[t].nr_regs; r++)
			if (shown_reg[t][r])
				printf("%d:%s=%d; ", t, T.t[t].reg[r], (int)st->r[t][r]);
	for (int l = 0; l < T.nr_locs; l++)
		if (shown_loc[l])
			printf("[%s]=%d; ", T.loc[l], (int)st->loc[l]);
	printf("%s\n", st->raced ? "(data race)" : "");
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "%s: cannot read\n", path);
		exit(2);
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Explores one file; prints herd7's lines; returns whether the clause holds. */
static bool run_file(const char *path, const char *model)
{
	static struct chk_scenario sc;
	static struct chk_result res;
	void (*const th[CHK_MAX_THREADS])(void) = { th0, th1, th2, th3 };
	char *text = slurp(path);
	int pos_n = 0, neg_n = 0;
	bool ok;
	const char *obs;

	file = path;
	parse_file(text);
	sc = (struct chk_scenario){ .name = T.name, .summary = "litmus file",
				    .nr_threads = T.nr_threads, .setup = h_setup };
	for (int i = 0; i < T.nr_threads; i++)
		sc.thread[i] = th[i];
	nr_states = 0;
	any_race = too_many = raced = false;
	chk_end_hook = h_end;
	chk_explore(&h_scheme, &sc, -1, &res);
	chk_end_hook = NULL;
	if (res.failed) {
		fprintf(stderr, "%s: the checker failed a run: %s\n", path, res.why);
		exit(2);
	}
	if (too_many) {
		fprintf(stderr, "%s: more than %d final states\n", path, H_MAX_STATES);
		exit(2);
	}
	for (int i = 0; i < nr_states; i++)
		if (holds(T.prop, &states[i]))
			pos_n++;
		else
			neg_n++;
	ok = T.quant == 0 ? pos_n > 0 : T.quant == 1 ? pos_n == 0 : neg_n == 0;
	obs = !pos_n ? "Never" : !neg_n ? "Always" : "Sometimes";
	printf("Test %s %s\n", T.name, T.quant == 0 ? "Allowed" : T.quant == 1 ? "Forbidden" : "Required");
	printf("States %d\n", nr_states);
	for (int i = 0; i < nr_states; i++)
		print_state(&states[i]);
	printf("%s\n", any_race ? "Undef" : ok ? "Ok" : "No");	/* herd7: a race is undefined */
	printf("Witnesses\nPositive: %d Negative: %d\n", T.quant == 0 ? pos_n : neg_n,
	       T.quant == 0 ? neg_n : pos_n);
	if (any_race)
		printf("Flag data-race\n");
	printf("Observation %s %s %d %d\n", T.name, obs, pos_n, neg_n);
	printf("Model %s; %lu interleavings, %.3f s\n\n", model, res.runs, res.seconds);
	free(text);
	return ok;
}

/**
 * herd_main - pageref-litmus FILE...: each herd7 C11 litmus file, explored.
 * @argc: argument count
 * @argv: [--model c11|c11-fresh-cas|sc] FILE...
 *
 * Return: 0 if every file's clause holds, 1 if one does not, 2 on an
 * unreadable or unparseable file (with file:line and the reason).
 */
int herd_main(int argc, char **argv)
{
	const char *model = "c11";
	int status = 0, i = 1;

	chk_model = CHK_MODEL_C11;
	chk_mo_choices = true;	/* a store may go before newer ones in mo */
	if (i < argc && !strncmp(argv[i], "--model", 7)) {
		const char *v = argv[i][7] == '=' ? argv[i] + 8 : i + 1 < argc ? argv[++i] : "";

		if (!strcmp(v, "sc"))
			chk_model = CHK_MODEL_SC;
		else if (!strcmp(v, "c11-mo-exec")) {
			chk_mo_choices = false;	/* mo is the order stores executed in */
		}
		else if (!strcmp(v, "c11-fresh-cas"))
			chk_stale_cas = false;
		else if (strcmp(v, "c11")) {
			fprintf(stderr, "pageref litmus: --model wants c11, c11-fresh-cas, c11-mo-exec or sc\n");
			return 2;
		}
		model = v;
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "pageref litmus: no litmus file given (see --help)\n");
		return 2;
	}
	for (; i < argc; i++)
		if (!run_file(argv[i], model))
			status = 1;
	return status;
}
