/* SPDX-License-Identifier: ISC */
/*
 * This file contains the coordinator's account and whole-instance
 * subcommands: "rota login" (asks for the API token without echo and
 * stores it with mode 0600), "rota import", "rota export" and "rota feed"
 * (makes, shows, rotates and revokes subscribe links).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "api_paths.h"
#include "rota.h"

#define LOGIN_USAGE "login URL"
#define LOGIN_HELP                                                                \
	_("Asks for an API token (made with 'rotad token create NAME'), checks\n" \
	  "it against the server at URL, and stores both in\n"                    \
	  "$XDG_CONFIG_HOME/rota/config (mode 0600).  The token is read from\n"   \
	  "the terminal without echo, or as one line from standard input.\n"      \
	  "ROTA_SERVER and ROTA_TOKEN override the stored values.\n")
#define IMPORT_USAGE "import FILE [--force]"
#define IMPORT_HELP                                                               \
	_("Replaces the whole stored schedule with an instance file (JSON, see\n" \
	  "docs/instance.md); FILE '-' is standard input.  All or nothing.\n\n"   \
	  "  -f, --force       store it even when assignments break rules\n")
#define EXPORT_USAGE "export [-o FILE]"
#define EXPORT_HELP                                                            \
	_("Prints the stored schedule as an instance file (JSON) that 'rota\n" \
	  "import' reads back.\n\n"                                            \
	  "  -o, --output FILE write to FILE instead of standard output\n")
#define FEED_USAGE                                                             \
	"feed youth|home ID | feed all [--rotate | --revoke] [--json]"
#define FEED_HELP                                                                \
	_("Prints the subscribe links of a youth's, a home's or the\n"           \
	  "coordinators' feed.  The server keeps only a hash of each link, so\n" \
	  "a link can be shown only when it is made; rota remembers the links\n" \
	  "it made in $XDG_CONFIG_HOME/rota/links (mode 0600).  When none is\n"  \
	  "known, a new one is made (which replaces any earlier link).\n\n"      \
	  "  -r, --rotate      make a new link; the old one stops working\n"     \
	  "  -d, --revoke      withdraw the link\n"                              \
	  "  -j, --json        print JSON for scripts\n")

int
cmd_login(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	const char *keys[] = {"server", "token"};
	const char *values[2];
	char *server, *token, *prompt;
	json_t *v = NULL;
	size_t n;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (ch == 'h')
			return rota_usage(LOGIN_USAGE, LOGIN_HELP, true);
		return rota_usage(LOGIN_USAGE, NULL, false);
	}
	if (argc - optind != 1)
		return rota_usage(LOGIN_USAGE, NULL, false);
	server = xstrdup(argv[optind]);
	n = strlen(server);
	while (n > 0 && server[n - 1] == '/')
		server[--n] = '\0';
	if (strncmp(server, "https://", 8) != 0 &&
	    strncmp(server, "http://", 7) != 0) {
		rota_warnx(_("'%s' is not a server URL (https://host[:port])"),
		    server);
		free(server);
		return ROTA_EXIT_USAGE;
	}
	if (config_check_server(server) == -1) {
		free(server);
		return ROTA_EXIT_USAGE;
	}
	prompt = xasprintf(_("API token for %s: "), server);
	token = util_read_secret_dup(prompt);
	free(prompt);
	if (token == NULL || token[0] == '\0') {
		rota_warnx(_("no token given"));
		free(server);
		free(token);
		return ROTA_EXIT_USAGE;
	}
	/* Check the pair before it is stored. */
	api_use(server, token);
	if ((rc = api_call("GET", API_VERSION_PATH, NULL, &v)) ==
	    ROTA_EXIT_OK) {
		values[0] = server;
		values[1] = token;
		if (config_update(keys, values, 2) == -1)
			rc = ROTA_EXIT_USAGE;
	}
	json_decref(v);
	free(server);
	free(token);
	return rc;
}

int
cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {{"force", no_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	json_t *doc, *out = NULL, *sum;
	json_error_t jerr;
	bool force = false;
	char *data;
	size_t len;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "fh", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			force = true;
			break;
		case 'h':
			return rota_usage(IMPORT_USAGE, IMPORT_HELP, true);
		default:
			return rota_usage(IMPORT_USAGE, NULL, false);
		}
	}
	if (argc - optind != 1)
		return rota_usage(IMPORT_USAGE, NULL, false);
	if ((data = util_read_file(argv[optind], &len)) == NULL)
		return ROTA_EXIT_USAGE;
	doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	free(data);
	if (doc == NULL) {
		rota_warnx("%s:%d:%d: %s", argv[optind], jerr.line, jerr.column,
		    jerr.text);
		return ROTA_EXIT_USAGE;
	}
	rc = api_call_progress("POST",
	    force ? API_IMPORT "?" API_FORCE_QUERY : API_IMPORT, doc, &out);
	json_decref(doc);
	if (rc == ROTA_EXIT_OK &&
	    (sum = json_object_get(out, "imported")) != NULL) {
		printf(_("imported %lld homes, %lld youths, %lld slots, %lld "
		         "assignments\n"),
		    (long long)json_integer_value(
		        json_object_get(sum, "homes")),
		    (long long)json_integer_value(
		        json_object_get(sum, "youths")),
		    (long long)json_integer_value(
		        json_object_get(sum, "slots")),
		    (long long)json_integer_value(
		        json_object_get(sum, "assignments")));
		if (json_array_size(
		        json_object_get(sum, "forced_violations"))) {
			rota_warnx(
			    _("stored with these rule violations (forced):"));
			api_print_violations(
			    json_object_get(sum, "forced_violations"), stderr);
		}
	}
	json_decref(out);
	return rc;
}

int
cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	const char *file = NULL;
	json_t *out = NULL;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			file = optarg;
			break;
		case 'h':
			return rota_usage(EXPORT_USAGE, EXPORT_HELP, true);
		default:
			return rota_usage(EXPORT_USAGE, NULL, false);
		}
	}
	if (argc != optind)
		return rota_usage(EXPORT_USAGE, NULL, false);
	if ((rc = api_call_progress("GET", API_EXPORT, NULL, &out)) !=
	    ROTA_EXIT_OK)
		return rc;
	if (file == NULL)
		api_print_json(out, stdout);
	else if (json_dump_file(
	             out, file, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == -1) {
		rota_warnx(_("cannot write '%s'"), file);
		rc = ROTA_EXIT_USAGE;
	}
	json_decref(out);
	return rc;
}

static void
print_links(const json_t *links, bool json)
{
	if (json) {
		api_print_json(links, stdout);
		return;
	}
	printf("url     %s\n", tsafe(api_str(links, "url")));
	printf("webcal  %s\n", tsafe(api_str(links, "webcal")));
	if (api_str(links, "page")[0] != '\0')
		printf("page    %s\n", tsafe(api_str(links, "page")));
}

int
cmd_feed(int argc, char **argv)
{
	static const struct option opts[] = {{"rotate", no_argument, NULL, 'r'},
	    {"revoke", no_argument, NULL, 'd'},
	    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	bool rotate = false, revoke = false, json = false;
	char *file, *key, *known = NULL, *path, *esc;
	const char *kind, *id = "*";
	json_t *links = NULL;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "rdjh", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			rotate = true;
			break;
		case 'd':
			revoke = true;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			return rota_usage(FEED_USAGE, FEED_HELP, true);
		default:
			return rota_usage(FEED_USAGE, NULL, false);
		}
	}
	if (argc - optind < 1 || (rotate && revoke))
		return rota_usage(FEED_USAGE, NULL, false);
	kind = argv[optind];
	if (strcmp(kind, "all") == 0) {
		if (argc - optind != 1)
			return rota_usage(FEED_USAGE, NULL, false);
		path = xstrdup(API_ALL_FEED);
	} else if (strcmp(kind, "youth") == 0 || strcmp(kind, "home") == 0) {
		if (argc - optind != 2)
			return rota_usage(FEED_USAGE, NULL, false);
		id = argv[optind + 1];
		esc = net_escape_dup(id);
		path = xasprintf("%s/%s" API_FEED_SUFFIX,
		    kind[0] == 'y' ? API_YOUTHS : API_HOMES, esc);
		free(esc);
	} else {
		rota_warnx(
		    _("'%s': the feed kind is youth, home or all"), kind);
		return ROTA_EXIT_USAGE;
	}
	/* The server is part of the key: links of other servers differ. */
	if ((rc = api_call_check()) != ROTA_EXIT_OK) {
		free(path);
		return rc;
	}
	file = config_path_dup("links");
	key = xasprintf("%s/%s/%s", api_server(), kind, id);
	for (char *p = key; *p; p++)
		if (*p == ' ' || *p == '\t')
			*p = '_';
	if (revoke) {
		if ((rc = api_call("DELETE", path, NULL, NULL)) == ROTA_EXIT_OK)
			config_kv_set(file, key, "");
		goto done;
	}
	if (!rotate && config_kv_get(file, key, &known) == 0 && known != NULL &&
	    (links = json_loads(known, 0, NULL)) != NULL) {
		print_links(links, json);
		goto done;
	}
	if ((rc = api_call("POST", path, NULL, &links)) == ROTA_EXIT_OK) {
		char *s = json_dumps(links, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (s != NULL && config_kv_set(file, key, s) == -1)
			rota_warnx(_("the link was made but could not be "
			             "remembered"));
		free(s);
		print_links(links, json);
	}
done:
	json_decref(links);
	free(known);
	free(key);
	free(file);
	free(path);
	return rc;
}
