/* SPDX-License-Identifier: ISC */
/*
 * This file contains main() of rota, the command-line client of rotad:
 * the subcommand table, global options (--help, --version) and the
 * dispatch to cmd_*.c.  Each subcommand parses its own options.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rota.h"

static const struct rota_cmd rota_cmds[] = {
    {"shifts", "shifts [URL] [--from DATE] [--to DATE] [--json]",
        N_("show the shifts of a feed link"), cmd_shifts},
    {"next", "next [URL] [--json]", N_("show the next shift in one line"),
        cmd_next},
    {"login", "login URL", N_("store the server and an API token"), cmd_login},
    {"homes", "homes list|show|add|edit|rm ...", N_("manage homes"), cmd_homes},
    {"youths", "youths list|show|add|edit|rm ...", N_("manage youths"),
        cmd_youths},
    {"slots", "slots list|show|add|edit|rm ...", N_("manage visit slots"),
        cmd_slots},
    {"series", "series list|show|add|edit|rm ...", "manage weekly visit series",
        cmd_series},
    {"assignments", "assignments list|show|move ...",
        N_("list, show and move assignments"), cmd_assignments},
    {"assign", "assign SLOT YOUTH [--force]", N_("put a youth on a slot"),
        cmd_assign},
    {"unassign", "unassign ASSIGNMENT [--force]", N_("delete an assignment"),
        cmd_unassign},
    {"cancel", "cancel ASSIGNMENT [--refill]",
        N_("cancel an assignment (a sick call)"), cmd_cancel},
    {"schedule", "schedule --from DATE --to DATE [--dry-run] [--replan]",
        N_("fill open slots with the solver"), cmd_schedule},
    {"candidates", "candidates SLOT [--eligible] [--json]",
        N_("who can take a visit, and why not"), cmd_candidates},
    {"limits", "limits YOUTH [--from DATE] [--to DATE] [--json]",
        N_("a youth's legal caps and the time used"), cmd_limits},
    {"publish",
        "publish [--from DATE] [--to DATE] [--home ID]... [--dry-run] "
        "[--preview V] [--json]",
        N_("publish the drafts: who will be told what, then publish"),
        cmd_publish},
    {"violations", "violations [--from DATE] [--to DATE] [--json]",
        N_("list rule violations in the schedule"), cmd_violations},
    {"hours", "hours --month YYYY-MM [--csv|--json]",
        N_("hours per youth in a month"), cmd_hours},
    {"settings", "settings [--json] | settings set KEY=VALUE... [--force]",
        N_("show or change the instance settings"), cmd_settings},
    {"school-calendar", "school-calendar [--json] | school-calendar set FILE",
        N_("show or replace the school calendar"), cmd_school_calendar},
    {"school-calendars", "school-calendars list|show ID|set ID FILE|rm ID",
        N_("the named school calendars (one per municipality)"),
        cmd_school_calendars},
    {"import", "import FILE [--force]",
        N_("replace everything with an instance file"), cmd_import},
    {"export", "export", N_("print everything as an instance file"),
        cmd_export},
    {"feed", "feed youth|home ID | feed all [--rotate|--revoke]",
        N_("print subscribe links"), cmd_feed},
    {"users", "users list|add|passwd|rm ...",
        N_("manage the accounts of people (admins)"), cmd_users},
};

/* argv[0] of every subcommand, so getopt's messages start "rota: ". */
char rota_progname[] = "rota";

#define ROTA_NCMDS (sizeof(rota_cmds) / sizeof(rota_cmds[0]))

int
rota_usage(const char *usage, const char *help, bool to_stdout)
{
	FILE *out = to_stdout ? stdout : stderr;

	fprintf(out, _("usage: rota %s\n"), usage);
	if (help != NULL)
		fprintf(out, "\n%s", help);
	else
		fputs(_("Try 'rota help' or 'man rota' for more.\n"), out);
	return to_stdout ? ROTA_EXIT_OK : ROTA_EXIT_USAGE;
}

static void
main_usage(FILE *out)
{
	int w = 0;

	for (size_t i = 0; i < ROTA_NCMDS; i++)
		if ((int)strlen(rota_cmds[i].name) > w)
			w = (int)strlen(rota_cmds[i].name);
	fputs(_("usage: rota [--version] [--help] COMMAND [ARGS]\n\n"
	        "Feed holders:\n"),
	    out);
	for (size_t i = 0; i < ROTA_NCMDS; i++) {
		if (i == 2)
			fputs(_("\nCoordinators (need 'rota login' or "
			        "ROTA_SERVER and ROTA_TOKEN):\n"),
			    out);
		fprintf(out, "  %-*s %s\n", w, rota_cmds[i].name,
		    _(rota_cmds[i].summary));
	}
	fputs(_("\n'rota COMMAND --help' describes a command; 'man rota' "
	        "has the details.\n"),
	    out);
}

int
main(int argc, char **argv)
{
	const char *name;
	int rc;

	/* The user's language, also without its system locale (lang.c). */
	lang_init();
	if (argc < 2) {
		main_usage(stderr);
		return ROTA_EXIT_USAGE;
	}
	name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
	    strcmp(name, "help") == 0) {
		if (argc > 2 && strcmp(name, "help") == 0) {
			for (size_t i = 0; i < ROTA_NCMDS; i++)
				if (strcmp(rota_cmds[i].name, argv[2]) == 0) {
					char *av[] = {
					    rota_progname, "--help", NULL};
					optind = 0;
					return rota_cmds[i].run(2, av);
				}
		}
		main_usage(stdout);
		return ROTA_EXIT_OK;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("rota %s\n", ROTA_VERSION);
		return ROTA_EXIT_OK;
	}
	for (size_t i = 0; i < ROTA_NCMDS; i++) {
		if (strcmp(rota_cmds[i].name, name) != 0)
			continue;
		net_init();
		/* getopt's messages then read "rota: unrecognized ...". */
		argv[1] = rota_progname;
		optind = 0; /* GNU getopt: start afresh at argv[1] */
		rc = rota_cmds[i].run(argc - 1, argv + 1);
		net_cleanup();
		if (fflush(stdout) != 0) {
			rota_warnx("%s", _("cannot write the output"));
			rc = ROTA_EXIT_USAGE;
		}
		return rc;
	}
	rota_warnx(_("'%s' is not a rota command; see 'rota --help'"), name);
	return ROTA_EXIT_USAGE;
}
