// SPDX-License-Identifier: MIT
/* runas UID PROG ARGS...: drop to an unprivileged uid/gid and exec PROG
 * (stress-ng --madvise as root injects MADV_HWPOISON and dies of SIGBUS). */
#define _GNU_SOURCE
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: runas UID PROG ARGS...\n");
		return 2;
	}
	uid_t id = (uid_t)atoi(argv[1]);

	if (setgroups(0, NULL) || setgid(id) || setuid(id)) {
		perror("runas");
		return 1;
	}
	execvp(argv[2], argv + 2);
	perror("runas: exec");
	return 1;
}
