/* This file is being written; see its header. */
typedef int rota_placeholder_instance_json;
