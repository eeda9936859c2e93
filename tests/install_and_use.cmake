# What a user does after `cmake --install`: installs chatbind into a scratch prefix, then configures
# and builds the separate project in APP_DIR against that installed copy (find_package(chatbind))
# and runs its tests with ctest.
#   cmake -DSOURCE_DIR=… -DAPP_DIR=… -DWORK_DIR=… -DCXX=… -DGENERATOR=… -P install_and_use.cmake
file(REMOVE_RECURSE "${WORK_DIR}")
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
endfunction()
run(${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${WORK_DIR}/lib-build" -G "${GENERATOR}"
    -DCMAKE_CXX_COMPILER=${CXX} -DCHATBIND_BUILD_TESTS=OFF -DCHATBIND_BUILD_EXAMPLES=OFF -DCHATBIND_BUILD_FAKE=OFF
    -DCMAKE_INSTALL_PREFIX=${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --build "${WORK_DIR}/lib-build")  # the separate-compilation libraries
run(${CMAKE_COMMAND} --install "${WORK_DIR}/lib-build")
run(${CMAKE_COMMAND} -S "${APP_DIR}" -B "${WORK_DIR}/app-build" -G "${GENERATOR}"
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --build "${WORK_DIR}/app-build")
run(${CMAKE_CTEST_COMMAND} --test-dir "${WORK_DIR}/app-build" --output-on-failure)
