# libprotobuf as the oracle (tests) and the reference (benchmarks) of chatbind's protobuf codec.
# chatbind_protobuf_oracle(<target> <proto file> <proto root> <package>) compiles a copy of the
# .proto whose package is renamed to oracle.<last part>, so that the classes protoc generates do not
# clash with chatbind's structs of the same names; field names and numbers stay the same.
function(chatbind_protobuf_oracle target proto root package)
  file(RELATIVE_PATH rel ${root} ${proto})
  string(REGEX REPLACE "\\.proto$" "" stem ${rel})
  string(REGEX REPLACE "^.*\\." "oracle." oracle_package ${package})
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/oracle)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${proto})
  file(READ ${proto} text)
  string(REPLACE "package ${package};" "package ${oracle_package};" text "${text}")
  file(CONFIGURE OUTPUT ${dir}/${rel} CONTENT "${text}" @ONLY)
  add_custom_command(
    OUTPUT ${dir}/${stem}.pb.cc ${dir}/${stem}.pb.h
    COMMAND protobuf::protoc --cpp_out=${dir} -I${dir} ${dir}/${rel}
    DEPENDS ${dir}/${rel}
    COMMENT "protoc --cpp_out: the libprotobuf oracle of ${rel}")
  add_library(${target} STATIC ${dir}/${stem}.pb.cc)
  target_include_directories(${target} SYSTEM PUBLIC ${dir})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf)
endfunction()
