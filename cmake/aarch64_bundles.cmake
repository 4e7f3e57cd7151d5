# The runners cross-built for aarch64 Linux into self-contained bundles in
# build/runners/aarch64/<engine>/ (docs/arm-boards.md), whenever Debian's cross compiler
# and the arm64 libraries (scripts/aarch64-sysroot.sh, run by setup) are here. A second
# configure of this project with only the core room and the runners: cheap, and ccache'd.
find_program(AARCH64_CXX aarch64-linux-gnu-g++)
set(ONNXBENCH_AARCH64_SYSROOT ${PROJECT_SOURCE_DIR}/sysroots/aarch64 CACHE PATH
  "the arm64 libraries the aarch64 runners link against (scripts/aarch64-sysroot.sh)")
if(NOT AARCH64_CXX OR NOT EXISTS ${ONNXBENCH_AARCH64_SYSROOT}/.packages)
  message(STATUS "aarch64 runner bundles: not built (needs g++-aarch64-linux-gnu and "
    "scripts/aarch64-sysroot.sh ${ONNXBENCH_AARCH64_SYSROOT}; scripts/setup.sh does both)")
  return()
endif()
include(ExternalProject)
ExternalProject_Add(aarch64_runners
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${PROJECT_BINARY_DIR}/cross/aarch64
  # Its stamps inside its folder: removing build/cross/aarch64 starts the cross build afresh.
  STAMP_DIR ${PROJECT_BINARY_DIR}/cross/aarch64/stamps
  CMAKE_ARGS
    -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/aarch64-linux-gnu.cmake
    -DCMAKE_BUILD_TYPE=Release
    -DONNXBENCH_RUNNERS_ONLY=ON
    -DONNXBENCH_AARCH64_SYSROOT=${ONNXBENCH_AARCH64_SYSROOT}
    -DONNXBENCH_BUNDLE_DIR=${PROJECT_BINARY_DIR}/runners/aarch64
  BUILD_ALWAYS ON
  INSTALL_COMMAND "")
