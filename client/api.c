/* SPDX-License-Identifier: ISC */
/*
 * This file contains the client side of the coordinator API: requests
 * with the configured server and token, JSON in and out, paging through
 * lists, and the readable reports of what failed (the server's error, a
 * refused change with its violations, or a connection problem), each
 * mapped to the exit status rota(1) documents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_paths.h"
#include "rota.h"

static struct rota_config api_conf;
static bool api_conf_loaded;
static long api_status; /* of the last answer, 0 when none */

long
api_last_status(void)
{
	return api_status;
}

const char *
api_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

void
api_print_json(const json_t *j, FILE *out)
{
	char *s = json_dumps(
	    j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	char *t;

	if (s == NULL)
		rota_fatalx("%s", _("cannot encode the answer"));
	/* The same JSON, with C1 and bidi controls as \u escapes. */
	t = safe_json_dup(s);
	fputs(t, out);
	fputc('\n', out);
	free(t);
	free(s);
}

void
api_print_violations(const json_t *violations, FILE *out)
{
	size_t i;
	json_t *v;

	json_array_foreach(violations, i, v)
	{
		const json_t *slots = json_object_get(v, "slots");
		const char *youth = api_str(v, "youth");
		const char *day = api_str(v, "day");
		const char *week = api_str(v, "week");
		const char *ref = api_str(v, "reference");
		size_t j;
		json_t *s;

		fprintf(out, "  - %s", tsafe(api_str(v, "rule")));
		if (youth[0] != '\0')
			fprintf(out, _(": youth %s"), tsafe(youth));
		if (day[0] != '\0') {
			char *d = lang_date_text_dup(day, 0);
			fprintf(out, _(", %s"), tsafe(d));
			free(d);
		} else if (week[0] != '\0') {
			fprintf(out, _(", week %s"), tsafe(week));
		} else if (api_str(v, "week_start")[0] != '\0') {
			char *d =
			    lang_date_text_dup(api_str(v, "week_start"), 0);
			fprintf(out, _(", week from %s"), tsafe(d));
			free(d);
		}
		if (json_array_size(slots) > 0) {
			fputs(P_(", slot", ", slots", json_array_size(slots)),
			    out);
			json_array_foreach(slots, j, s) fprintf(out, "%s%s",
			    j ? ", " : " ",
			    json_string_value(s) ? tsafe(json_string_value(s))
			                         : "?");
		}
		fputc('\n', out);
		if (api_str(v, "message")[0] != '\0')
			fprintf(out, "    %s\n", tsafe(api_str(v, "message")));
		if (ref[0] != '\0')
			fprintf(out, _("    reference: %s\n"), tsafe(ref));
	}
}

static int
api_setup(void)
{
	if (!api_conf_loaded) {
		if (config_load(&api_conf) == -1)
			return -1;
		api_conf_loaded = true;
	}
	if (api_conf.server == NULL || api_conf.server[0] == '\0') {
		rota_warnx("%s",
		    _("no server is configured: run 'rota login "
		      "URL' or set ROTA_SERVER"));
		return -1;
	}
	if (config_check_server(api_conf.server) == -1)
		return -1;
	if (api_conf.token == NULL || api_conf.token[0] == '\0') {
		rota_warnx(_("no API token is configured: run 'rota login %s' "
		             "or set ROTA_TOKEN"),
		    api_conf.server);
		return -1;
	}
	return 0;
}

/* Reports a server's error answer; returns the exit status. */
static int
report_error(
    const char *method, const char *path, const struct net_response *rs)
{
	json_t *j = json_loadb(rs->body, rs->len, 0, NULL);
	const json_t *e = json_object_get(j, "error");
	const char *code = api_str(e, "code"), *msg = api_str(e, "message");
	const char *field = api_str(e, "field");
	int rc = ROTA_EXIT_SERVER;

	if (!json_is_object(e)) {
		rota_warnx(_("%s %s: the server answered HTTP %ld"), method,
		    path, rs->status);
	} else if (strcmp(code, API_ERR_RULE) == 0) {
		const json_t *v = json_object_get(j, "violations");
		size_t n = json_array_size(v);
		rota_warnx(P_("refused: the change would break %zu rule:",
		               "refused: the change would break %zu rules:", n),
		    n);
		api_print_violations(v, stderr);
		fputs(_("rota: nothing was changed; use --force to make the "
		        "change anyway\n"),
		    stderr);
		rc = ROTA_EXIT_REFUSED;
	} else {
		char *f = field[0] ? xasprintf(_(" [field '%s']"), field)
		                   : xstrdup("");
		rota_warnx("%s %s: %s%s (%ld %s)", method, path, msg, f,
		    rs->status, code);
		free(f);
		if (rs->status == 401)
			fputs(
			    _("rota: check the API token ('rota login URL' or "
			      "ROTA_TOKEN)\n"),
			    stderr);
	}
	json_decref(j);
	return rc;
}

static int
api_call_flags(const char *method, const char *path, const json_t *body,
    json_t **out, bool progress, const char *if_match, char **etag,
    json_t **current)
{
	struct net_request rq = {0};
	struct net_response rs;
	char *url, *data = NULL;
	int rc = ROTA_EXIT_OK;

	if (out != NULL)
		*out = NULL;
	if (etag != NULL)
		*etag = NULL;
	if (current != NULL)
		*current = NULL;
	if (api_setup() == -1)
		return ROTA_EXIT_USAGE;
	url = xasprintf("%s%s", api_conf.server, path);
	if (body != NULL) {
		if ((data = json_dumps(
		         body, JSON_COMPACT | JSON_PRESERVE_ORDER)) == NULL)
			rota_fatalx("%s", _("cannot encode the request"));
		rq.body = data;
		rq.body_len = strlen(data);
	}
	rq.method = method;
	rq.url = url;
	rq.token = api_conf.token;
	rq.if_match = if_match;
	rq.progress =
	    progress && isatty(STDERR_FILENO) && isatty(STDOUT_FILENO);
	api_status = 0;
	if (net_perform(&rq, &rs) == -1) {
		rota_warnx(_("cannot reach the server at %s: %s"),
		    api_conf.server, rs.error);
		rc = ROTA_EXIT_USAGE;
	} else if ((api_status = rs.status) == 412 && current != NULL) {
		/* The caller says what changed (api_change). */
		json_t *j = json_loadb(rs.body, rs.len, 0, NULL);
		*current = json_incref(json_object_get(j, "current"));
		json_decref(j);
		if (etag != NULL && rs.etag != NULL)
			*etag = xstrdup(rs.etag);
		rc = ROTA_EXIT_CHANGED;
	} else if (rs.status < 200 || rs.status > 299) {
		rc = report_error(method, path, &rs);
	} else if (rs.len > 0 && out != NULL) {
		json_error_t jerr;
		if ((*out = json_loadb(rs.body, rs.len, 0, &jerr)) == NULL) {
			rota_warnx(
			    _("%s %s: the server's answer is not JSON: %s"),
			    method, path, jerr.text);
			rc = ROTA_EXIT_SERVER;
		}
	}
	if (rc == ROTA_EXIT_OK && etag != NULL && rs.etag != NULL)
		*etag = xstrdup(rs.etag);
	net_response_release(&rs);
	free(data);
	free(url);
	return rc;
}

int
api_call(const char *method, const char *path, const json_t *body, json_t **out)
{
	return api_call_flags(method, path, body, out, false, NULL, NULL, NULL);
}

int
api_call_versioned(const char *method, const char *path, const json_t *body,
    const char *if_match, json_t **out, char **etag, json_t **current)
{
	return api_call_flags(
	    method, path, body, out, false, if_match, etag, current);
}

int
api_change(const char *method, const char *entity_path, const char *path,
    const json_t *body, const char *kind, const char *id, json_t **out)
{
	json_t *old = NULL, *current = NULL, *got = NULL;
	char *tag = NULL, *newtag = NULL;
	int rc;

	if (out != NULL)
		*out = NULL;
	/* The server is part of a version's key. */
	if (api_setup() == -1)
		return ROTA_EXIT_USAGE;
	/* The version this user last read, else the one there is now. */
	if (version_get(entity_path, &old, &tag) == -1 &&
	    (rc = api_call_versioned(
	         "GET", entity_path, NULL, NULL, &old, &tag, NULL)) != 0)
		return rc;
	rc = api_call_versioned(
	    method, path, body, tag, &got, &newtag, &current);
	if (rc == ROTA_EXIT_CHANGED) {
		rota_warnx(_("the %s '%s' was changed by someone else since "
		             "you read it; nothing was changed"),
		    kind, id);
		if (json_is_object(old) && json_is_object(current))
			version_print_changes(old, current, stderr);
		if (json_is_object(current))
			version_put(entity_path, current, newtag);
		else
			version_forget(entity_path);
		fprintf(stderr, "%s",
		    _("rota: check the current version ('show'), then run "
		      "the command again if your change still applies\n"));
	} else if (rc == ROTA_EXIT_OK && strcmp(method, "PATCH") == 0 &&
	    newtag != NULL && json_is_object(got)) {
		version_put(entity_path, got, newtag);
	} else if (rc == ROTA_EXIT_OK || api_status == 404) {
		version_forget(entity_path);
	}
	if (out != NULL)
		*out = got;
	else
		json_decref(got);
	json_decref(old);
	json_decref(current);
	free(tag);
	free(newtag);
	return rc;
}

int
api_call_progress(
    const char *method, const char *path, const json_t *body, json_t **out)
{
	return api_call_flags(method, path, body, out, true, NULL, NULL, NULL);
}

int
api_list_all(const char *path, const char *key, json_t **items)
{
	char *cursor = NULL;
	int rc;

	*items = json_array();
	for (;;) {
		char *esc = cursor ? net_escape_dup(cursor) : NULL;
		char *p = xasprintf("%s%slimit=" API_PAGE_LIMIT "%s%s", path,
		    strchr(path, '?') ? "&" : "?", esc ? "&cursor=" : "",
		    esc ? esc : "");
		json_t *page = NULL;
		const char *next;

		free(esc);
		rc = api_call("GET", p, NULL, &page);
		free(p);
		if (rc != ROTA_EXIT_OK)
			break;
		json_array_extend(*items, json_object_get(page, key));
		next =
		    json_string_value(json_object_get(page, API_NEXT_CURSOR));
		free(cursor);
		cursor = next ? xstrdup(next) : NULL;
		json_decref(page);
		if (cursor == NULL)
			break;
	}
	free(cursor);
	if (rc != ROTA_EXIT_OK) {
		json_decref(*items);
		*items = NULL;
	}
	return rc;
}

void
api_use(const char *server, const char *token)
{
	config_release(&api_conf);
	api_conf.server = xstrdup(server);
	api_conf.token = xstrdup(token);
	api_conf_loaded = true;
}

int
api_call_check(void)
{
	return api_setup() == -1 ? ROTA_EXIT_USAGE : ROTA_EXIT_OK;
}

const char *
api_server(void)
{
	return api_conf.server;
}
