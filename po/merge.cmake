# SPDX-License-Identifier: ISC
# Merges po/rota.pot into every po/LANG.po (run by the "pot" target).
file(GLOB pos ${PO_DIR}/*.po)
foreach(po ${pos})
  execute_process(COMMAND ${MSGMERGE} --quiet --update --backup=none
    --no-fuzzy-matching --add-location=file --sort-by-file
    ${po} ${PO_DIR}/rota.pot RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "msgmerge failed for ${po}")
  endif()
endforeach()
