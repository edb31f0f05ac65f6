// SPDX-License-Identifier: ISC
import { t } from "./i18n.js";
console.log(t("Log in"));
