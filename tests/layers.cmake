# SPDX-License-Identifier: ISC
# The layer rule of docs/architecture.md: every daemon/*.c and daemon/*.h
# is in exactly one layer of the table in daemon/CMakeLists.txt (written
# to TABLE), and includes only headers of its own layer or of a layer
# below, and none of the external headers its layer forbids.
#   cmake -DTABLE=build/rota_layers.cmake -DSRC=daemon -P tests/layers.cmake
include(${TABLE})

# The rank of each file, by name.
set(rank 0)
foreach(layer IN LISTS ROTA_LAYERS)
  foreach(e IN LISTS ROTA_LAYER_${layer})
    if(e MATCHES "\\.[ch]$")
      set(names ${e})
    else()
      set(names ${e}.c ${e}.h)
    endif()
    foreach(n IN LISTS names)
      if(DEFINED layer_of_${n})
        message(SEND_ERROR "${n} is in two layers: ${layer_of_${n}}, ${layer}")
      endif()
      set(layer_of_${n} ${layer})
      set(rank_of_${n} ${rank})
    endforeach()
  endforeach()
  math(EXPR rank "${rank} + 1")
endforeach()

set(bad 0)
file(GLOB files RELATIVE ${SRC} ${SRC}/*.c ${SRC}/*.h)
list(SORT files)
foreach(f IN LISTS files)
  if(NOT DEFINED layer_of_${f})
    message(SEND_ERROR "daemon/${f} is in no layer: add it to the table "
      "in daemon/CMakeLists.txt")
    math(EXPR bad "${bad} + 1")
    continue()
  endif()
  set(my ${layer_of_${f}})
  file(STRINGS ${SRC}/${f} lines REGEX "^[ \t]*#[ \t]*include")
  foreach(line IN LISTS lines)
    if(line MATCHES "#[ \t]*include[ \t]*\"([^\"]+)\"")
      set(h ${CMAKE_MATCH_1})
      if(NOT DEFINED layer_of_${h})
        continue() # a generated or test header, not ours to rank
      endif()
      if(rank_of_${h} GREATER rank_of_${f})
        message(SEND_ERROR "daemon/${f} (${my}) includes ${h} "
          "(${layer_of_${h}}): an include may not point up a layer")
        math(EXPR bad "${bad} + 1")
      endif()
    elseif(line MATCHES "#[ \t]*include[ \t]*<([^>]+)>")
      set(h ${CMAKE_MATCH_1})
      foreach(x IN LISTS ROTA_LAYER_FORBID_${my})
        string(FIND "${h}" "${x}" at)
        if(at EQUAL 0)
          message(SEND_ERROR "daemon/${f} (${my}) includes <${h}>, which "
            "the ${my} layer may not")
          math(EXPR bad "${bad} + 1")
        endif()
      endforeach()
    endif()
  endforeach()
endforeach()
if(bad GREATER 0)
  message(FATAL_ERROR "${bad} include(s) against the layers")
endif()
list(LENGTH files n)
message(STATUS "layers: ${n} files, every include points down or across")
