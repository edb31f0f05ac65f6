# SPDX-License-Identifier: ISC
# How xgettext reads the web app's texts (web/*.js): every t("...") call.
# Shared by the pot target (po/CMakeLists.txt), the po.check test
# (po/check.cmake) and the catalogue embedded in rotad
# (cmake/embed_web.cmake), so the three read the same msgids.
set(ROTA_XGETTEXT_WEB_ARGS --language=JavaScript --from-code=UTF-8
  --omit-header --add-location=file --sort-by-file
  --add-comments=TRANSLATORS: --keyword=t)
