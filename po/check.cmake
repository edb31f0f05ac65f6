# SPDX-License-Identifier: ISC
# The check behind the po.check test: po/rota.pot is what xgettext makes
# of the sources today, and every po/LANG.po translates all of it.
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${XGETTEXT} ${ARGS} -o ${OUT}/rota.pot ${SOURCES}
  WORKING_DIRECTORY ${SRC} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed")
endif()
file(READ ${OUT}/rota.pot fresh)
file(READ ${SRC}/po/rota.pot stored)
if(NOT fresh STREQUAL stored)
  message(FATAL_ERROR "po/rota.pot is out of date with the sources: run "
    "'cmake --build build --target pot' and translate what is new")
endif()
file(GLOB pos ${SRC}/po/*.po)
foreach(po ${pos})
  execute_process(COMMAND ${MSGFMT} --check -o /dev/null ${po}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${po} does not compile")
  endif()
  foreach(what --untranslated --only-fuzzy)
    execute_process(COMMAND ${MSGATTRIB} ${what} --no-obsolete ${po}
      OUTPUT_VARIABLE out RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0 OR NOT out STREQUAL "")
      message(FATAL_ERROR "${po} has ${what} entries:\n${out}")
    endif()
  endforeach()
  # Every msgid of the template is in the language file.
  execute_process(COMMAND ${MSGATTRIB} --no-obsolete ${po}
    OUTPUT_VARIABLE all)
  file(STRINGS ${OUT}/rota.pot ids REGEX "^msgid \".+\"$")
  foreach(id ${ids})
    string(FIND "${all}" "${id}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${po} lacks ${id}")
    endif()
  endforeach()
endforeach()
