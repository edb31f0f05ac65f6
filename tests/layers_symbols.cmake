# SPDX-License-Identifier: ISC
# The layer rule at link level: no object of a layer's library uses a
# symbol that only a library of a higher layer defines.  LIBS is the
# layers' static libraries from the lowest up (';'-separated), NM the
# nm program.
#   cmake -DNM=nm "-DLIBS=librota_base.a;..." -P tests/layers_symbols.cmake
set(rank 0)
foreach(lib IN LISTS LIBS)
  execute_process(COMMAND ${NM} -g --defined-only ${lib}
    OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NM} ${lib} failed")
  endif()
  string(REGEX MATCHALL "[0-9a-fA-F]+ [A-Z] [A-Za-z0-9_.$]+" defs "${out}")
  foreach(d IN LISTS defs)
    string(REGEX REPLACE "^.* " "" sym "${d}")
    set(rank_of_${sym} ${rank})
    set(lib_of_${sym} ${lib})
  endforeach()
  math(EXPR rank "${rank} + 1")
endforeach()

set(rank 0)
set(bad 0)
foreach(lib IN LISTS LIBS)
  execute_process(COMMAND ${NM} -g -u ${lib} OUTPUT_VARIABLE out)
  string(REGEX MATCHALL "U [A-Za-z0-9_.$]+" uses "${out}")
  list(REMOVE_DUPLICATES uses)
  foreach(u IN LISTS uses)
    string(REGEX REPLACE "^U " "" sym "${u}")
    if(DEFINED rank_of_${sym} AND rank_of_${sym} GREATER rank)
      get_filename_component(a ${lib} NAME)
      get_filename_component(b ${lib_of_${sym}} NAME)
      message(SEND_ERROR "${a} uses ${sym}, defined only higher up in ${b}")
      math(EXPR bad "${bad} + 1")
    endif()
  endforeach()
  math(EXPR rank "${rank} + 1")
endforeach()
if(bad GREATER 0)
  message(FATAL_ERROR "${bad} use(s) of a higher layer")
endif()
message(STATUS "layers: no library uses a symbol of a layer above it")
