/* SPDX-License-Identifier: ISC */
/*
 * This file contains "rota users" (issue 14): an admin's accounts over
 * /api/v1/users.  list shows them as a table; add makes one with a role
 * and a scope of homes and regions, with a password (read without echo on a
 * terminal) or an invitation code the person uses to choose it; passwd
 * sets a new password (ending the user's sessions); edit changes the
 * name, role or scope; rm removes the user
 * with their sessions and tokens.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_paths.h"
#include "rota.h"

#define USERS_USAGE "users list|add|edit|passwd|rm ..."
#define USERS_HELP                                                              \
	_("  rota users list [--json]\n"                                        \
	  "  rota users add LOGIN --role admin|coordinator|viewer\n"            \
	  "                 [--homes ID,ID...] [--region NAME,NAME...]\n"       \
	  "                 [--name NAME] [--invite] [--json]\n"                \
	  "  rota users edit LOGIN [--role ROLE] [--homes ID,ID...]\n"          \
	  "                 [--region NAME,NAME...] [--name NAME] [--json]\n"   \
	  "  rota users passwd LOGIN\n"                                         \
	  "  rota users rm LOGIN\n\n"                                           \
	  "Accounts of people (admins only).  A coordinator or viewer works\n"  \
	  "with the homes of --homes and every home of the regions of\n"        \
	  "--region, also homes added to them later (neither: every home).\n"   \
	  "edit changes only what it is given (--homes \"\" or --region \"\"\n" \
	  "empties that list).  add and passwd read the password from the\n"    \
	  "terminal without echo (twice), or as one line of standard input.\n"  \
	  "With --invite there is no password yet: add prints a one-time\n"     \
	  "code (valid 7 days) with which the person chooses it.  passwd and\n" \
	  "rm end the user's sessions; rm also removes their API tokens.\n\n"   \
	  "  -r, --role ROLE     admin, coordinator or viewer\n"                \
	  "  -H, --homes IDS     the homes, separated by commas\n"              \
	  "  -R, --region NAMES  the regions, separated by commas\n"            \
	  "  -n, --name NAME     the person's name\n"                           \
	  "  -i, --invite        an invitation code instead of a password\n"    \
	  "  -j, --json          print JSON for scripts\n")

static int
users_usage(bool help)
{
	return rota_usage(USERS_USAGE, help ? USERS_HELP : NULL, help);
}

/* The password for login: twice on a terminal, else one line; or NULL. */
static char *
read_password_dup(const char *login)
{
	char *prompt = xasprintf(_("New password for %s: "), login);
	char *pw = util_read_secret_dup(prompt), *again;

	free(prompt);
	if (pw == NULL || pw[0] == '\0') {
		rota_warnx("%s", _("no password given"));
		free(pw);
		return NULL;
	}
	if (!isatty(STDIN_FILENO))
		return pw;
	again = util_read_secret_dup(_("The same password again: "));
	if (again == NULL || strcmp(pw, again) != 0) {
		rota_warnx("%s",
		    _("the two passwords differ; nothing was "
		      "changed"));
		free(pw);
		free(again);
		return NULL;
	}
	free(again);
	return pw;
}

/* The role in the reader's words. */
static const char *
role_text(const char *role)
{
	if (strcmp(role, "admin") == 0)
		return _("admin");
	if (strcmp(role, "coordinator") == 0)
		return _("coordinator");
	if (strcmp(role, "viewer") == 0)
		return _("viewer");
	return role;
}

/* The strings of a JSON list, separated by commas. */
static void
join_names(struct sbuf *b, const json_t *list)
{
	size_t j;
	json_t *v;

	json_array_foreach(list, j, v)
	{
		if (j > 0)
			sbuf_adds(b, ",");
		sbuf_adds(b, json_string_value(v) ? json_string_value(v) : "?");
	}
}

static void
print_users(const json_t *users)
{
	const char *h[] = {_("LOGIN"), _("NAME"), _("ROLE"), _("HOMES"),
	    _("REGIONS"), _("PASSWORD")};
	struct table *t = table_new(6, h);
	size_t i;
	json_t *u;

	json_array_foreach(users, i, u)
	{
		struct sbuf b = {0}, r = {0};
		bool all;
		join_names(&b, json_object_get(u, "homes"));
		join_names(&r, json_object_get(u, "regions"));
		all = b.len == 0 && r.len == 0;
		const char *row[] = {api_str(u, "login"), api_str(u, "name"),
		    role_text(api_str(u, "role")),
		    all ? _("all") : (b.len > 0 ? b.s : "-"),
		    r.len > 0 ? r.s : "-",
		    json_is_true(json_object_get(u, "has_password"))
		        ? _("set")
		        : _("not yet (invited)")};
		table_add(t, row);
		sbuf_release(&b);
		sbuf_release(&r);
	}
	table_print(t, stdout);
	table_free(t);
}

/* "a,b" into ["a","b"] (empty parts left out). */
static json_t *
homes_json(const char *s)
{
	json_t *a = json_array();
	const char *p = s;

	while (*p != '\0') {
		size_t n = strcspn(p, ",");
		if (n > 0)
			json_array_append_new(a, json_stringn(p, n));
		p += n;
		if (*p == ',')
			p++;
	}
	return a;
}

static int
users_add(const char *login, json_t *body, bool invite, bool json)
{
	json_t *out = NULL;
	char *pw = NULL;
	int rc;

	json_object_set_new(body, "login", json_string(login));
	if (invite) {
		json_object_set_new(body, "invite", json_true());
	} else {
		if ((pw = read_password_dup(login)) == NULL)
			return ROTA_EXIT_USAGE;
		json_object_set_new(body, "password", json_string(pw));
	}
	rc = api_call("POST", API_USERS, body, &out);
	if (pw != NULL) {
		/* The password leaves memory with the request. */
		json_object_del(body, "password");
		memset(pw, 0, strlen(pw));
		free(pw);
	}
	if (rc != ROTA_EXIT_OK)
		goto done;
	if (json) {
		api_print_json(out, stdout);
	} else if (invite) {
		printf(_("Invitation for %s (once, within 7 days):\n%s\n"),
		    tsafe(login), tsafe(api_str(out, "invite_code")));
		printf(_("The person chooses a password with it at %s%s "
		         "(POST, {\"code\": ..., \"password\": ...}).\n"),
		    tsafe(api_server()), API_PREFIX "/invite");
	} else {
		printf(_("user %s added (%s)\n"), tsafe(login),
		    role_text(api_str(out, "role")));
	}
done:
	json_decref(out);
	return rc;
}

static int
users_edit(const char *login, json_t *body, bool json)
{
	char *esc = net_escape_dup(login);
	char *path = xasprintf(API_USERS "/%s", esc);
	json_t *out = NULL;
	int rc;

	if (json_object_size(body) == 0) {
		rota_warnx("%s",
		    _("edit: give what changes (--role, --homes, --region, "
		      "--name)"));
		rc = ROTA_EXIT_USAGE;
	} else if ((rc = api_call("PATCH", path, body, &out)) == ROTA_EXIT_OK) {
		if (json)
			api_print_json(out, stdout);
		else
			printf(_("user %s changed\n"), tsafe(login));
	}
	json_decref(out);
	free(path);
	free(esc);
	return rc;
}

static int
users_passwd(const char *login)
{
	char *pw = read_password_dup(login), *esc, *path;
	json_t *body;
	int rc;

	if (pw == NULL)
		return ROTA_EXIT_USAGE;
	esc = net_escape_dup(login);
	path = xasprintf(API_USERS "/%s" API_PASSWORD_SUFFIX, esc);
	body = json_pack("{s:s}", "password", pw);
	memset(pw, 0, strlen(pw));
	free(pw);
	if ((rc = api_call("PUT", path, body, NULL)) == ROTA_EXIT_OK)
		printf(_("password of %s changed; their sessions are ended\n"),
		    tsafe(login));
	json_decref(body);
	free(path);
	free(esc);
	return rc;
}

int
cmd_users(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"role", required_argument, NULL, 'r'},
	    {"homes", required_argument, NULL, 'H'},
	    {"region", required_argument, NULL, 'R'},
	    {"regions", required_argument, NULL, 'R'},
	    {"name", required_argument, NULL, 'n'},
	    {"invite", no_argument, NULL, 'i'},
	    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	json_t *body, *out = NULL;
	bool invite = false, json = false, role = false;
	const char *action;
	char *esc, *path;
	int ch, rc = ROTA_EXIT_OK, nargs;

	if (argc < 2)
		return users_usage(false);
	action = argv[1];
	if (strcmp(action, "--help") == 0 || strcmp(action, "-h") == 0 ||
	    strcmp(action, "help") == 0)
		return users_usage(true);
	argv[1] = argv[0]; /* "rota", for getopt's messages */
	body = json_object();
	optind = 0;
	while ((ch = getopt_long(
	            argc - 1, argv + 1, "r:H:R:n:ijh", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			json_object_set_new(body, "role", json_string(optarg));
			role = true;
			break;
		case 'H':
			json_object_set_new(body, "homes", homes_json(optarg));
			break;
		case 'R':
			json_object_set_new(
			    body, "regions", homes_json(optarg));
			break;
		case 'n':
			json_object_set_new(body, "name", json_string(optarg));
			break;
		case 'i':
			invite = true;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			json_decref(body);
			return users_usage(true);
		default:
			json_decref(body);
			return users_usage(false);
		}
	}
	nargs = argc - 1 - optind;
	argv += 1 + optind;
	/* Only add and edit take the account's fields. */
	if (((strcmp(action, "add") != 0 && strcmp(action, "edit") != 0) &&
	        json_object_size(body) > 0) ||
	    (strcmp(action, "add") != 0 && invite)) {
		json_decref(body);
		return users_usage(false);
	}
	if (strcmp(action, "list") == 0 && nargs == 0) {
		if ((rc = api_call("GET", API_USERS, NULL, &out)) == 0) {
			if (json)
				api_print_json(
				    json_object_get(out, "users"), stdout);
			else
				print_users(json_object_get(out, "users"));
		}
	} else if (strcmp(action, "add") == 0 && nargs == 1) {
		if (!role) {
			rota_warnx("%s",
			    _("add: give the role with --role "
			      "admin|coordinator|viewer"));
			rc = ROTA_EXIT_USAGE;
		} else {
			rc = users_add(argv[0], body, invite, json);
		}
	} else if (strcmp(action, "edit") == 0 && nargs == 1) {
		rc = users_edit(argv[0], body, json);
	} else if (strcmp(action, "passwd") == 0 && nargs == 1) {
		rc = users_passwd(argv[0]);
	} else if (strcmp(action, "rm") == 0 && nargs == 1) {
		esc = net_escape_dup(argv[0]);
		path = xasprintf(API_USERS "/%s", esc);
		if ((rc = api_call("DELETE", path, NULL, NULL)) == 0)
			printf(_("user %s removed\n"), tsafe(argv[0]));
		free(path);
		free(esc);
	} else {
		rc = users_usage(false);
	}
	json_decref(out);
	json_decref(body);
	return rc;
}
