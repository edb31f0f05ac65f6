/* SPDX-License-Identifier: ISC */
/*
 * This file contains what a handler reads of the loaded state through its
 * request (api.h): the linked instance, dropping it after a write that
 * replaced much of it, and the language of a reader who states none.
 * Kept out of http.c, which carries requests and replies and knows no
 * model.
 */
#include "api.h"
#include "i18n.h"
#include "model.h"
#include "rotad.h"
#include "state.h"

const struct model_instance *
api_instance(struct api_ctx *ctx, struct rotad_error *err)
{
	return state_get(ctx->rd, err);
}

int
api_default_lang(struct rotad *rd)
{
	enum i18n_lang l = I18N_EN;
	struct rotad_error err;

	/*
	 * The handler loads the instance anyway, so loading it here (when
	 * a failed write dropped it) costs nothing more.  If it cannot be
	 * loaded, model_language(NULL) is the NO default.
	 */
	rotad_error_clear(&err);
	(void)i18n_parse_tag(model_language(state_get(rd, &err)), &l);
	return (int)l;
}
