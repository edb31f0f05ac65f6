/* This file is being written; see its header. */
typedef int rota_placeholder_rules;
