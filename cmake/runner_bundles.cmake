# In the cross build (ONNXBENCH_RUNNERS_ONLY): each runner becomes a self-contained bundle in
# ONNXBENCH_BUNDLE_DIR/<engine>/ (scripts/make-bundle.sh): the runner finds its libraries beside
# itself. DT_RPATH, not RUNPATH, so that the libraries' own NEEDED libraries are found there too.
set(ONNXBENCH_BUNDLE_DIR "" CACHE PATH "where the runner bundles go")
get_filename_component(_bundle_cxx_dir ${CMAKE_CXX_COMPILER} DIRECTORY)
find_program(BUNDLE_OBJDUMP ${CMAKE_LIBRARY_ARCHITECTURE}-objdump REQUIRED)
find_program(BUNDLE_STRIP ${CMAKE_LIBRARY_ARCHITECTURE}-strip REQUIRED)
set(_bundle_search
  ${ONNXBENCH_AARCH64_SYSROOT}/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}
  ${ONNXBENCH_AARCH64_SYSROOT}/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/lapack
  ${ONNXBENCH_AARCH64_SYSROOT}/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/blas
  ${ONNXBENCH_AARCH64_SYSROOT}/lib/${CMAKE_LIBRARY_ARCHITECTURE}
  /usr/${CMAKE_LIBRARY_ARCHITECTURE}/lib)

# onnxbench_runner_bundle(TARGET ENGINE ENGINE_VERSION [EXTRA_LIBRARY...])
function(onnxbench_runner_bundle target engine engine_version)
  set_target_properties(${target} PROPERTIES BUILD_WITH_INSTALL_RPATH ON INSTALL_RPATH "$ORIGIN")
  target_link_options(${target} PRIVATE -Wl,--disable-new-dtags)
  set(search_args)
  foreach(dir ${_bundle_search})
    list(APPEND search_args --search ${dir})
  endforeach()
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/bundle-${engine}.stamp)
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${PROJECT_SOURCE_DIR}/scripts/make-bundle.sh --out ${ONNXBENCH_BUNDLE_DIR}/${engine}
      --engine ${engine} --engine-version ${engine_version} --runner-version ${PROJECT_VERSION}
      --arch ${CMAKE_SYSTEM_PROCESSOR} --objdump ${BUNDLE_OBJDUMP} --strip ${BUNDLE_STRIP}
      ${search_args} $<TARGET_FILE:${target}> ${ARGN}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${target} ${PROJECT_SOURCE_DIR}/scripts/make-bundle.sh ${ARGN}
    VERBATIM)
  add_custom_target(bundle-${engine} ALL DEPENDS ${stamp})
endfunction()

# OpenCV's version from its own header in the sysroot.
file(STRINGS ${OPENCV_INCLUDE_DIR}/opencv2/core/version.hpp _cv_version_lines
  REGEX "^#define CV_VERSION_(MAJOR|MINOR|REVISION) ")
string(REGEX REPLACE ".*MAJOR +([0-9]+).*MINOR +([0-9]+).*REVISION +([0-9]+).*" "\\1.\\2.\\3"
  _cv_version "${_cv_version_lines}")
# OpenCV's C++ API hands std::string and exceptions across the library boundary, so the OpenCV
# runner shares the board's libstdc++.so.6 with the OpenCV libraries instead of a static copy.
onnxbench_runner_bundle(onnxbench-runner-opencv opencv ${_cv_version})

# The ONNX Runtime runner calls ONNX Runtime's C API only, so it can carry its own libstdc++ and
# libgcc; libonnxruntime.so.1 (onnxruntime-node's arm64 build) uses the board's libstdc++. The
# static libstdc++ of GCC 12 brings std::random_device's arc4random (glibc 2.36) and its unwinder
# _dl_find_object (2.35): OFF gives a bundle that runs on glibc 2.34 (Ubuntu 22.04, JetPack 6)
# with the board's libstdc++ instead.
option(ONNXBENCH_AARCH64_STATIC_LIBSTDCXX "link the aarch64 ONNX Runtime runner's libstdc++ statically" ON)
if(TARGET onnxbench-runner-onnxruntime AND EXISTS "${ORT_LIBRARY}")
  if(ONNXBENCH_AARCH64_STATIC_LIBSTDCXX)
    target_link_options(onnxbench-runner-onnxruntime PRIVATE -static-libstdc++ -static-libgcc)
  endif()
  file(READ ${ORT_NODE_PACKAGE}/package.json _ort_package)
  string(JSON _ort_version GET "${_ort_package}" version)
  onnxbench_runner_bundle(onnxbench-runner-onnxruntime onnxruntime ${_ort_version} ${ORT_LIBRARY})
endif()
