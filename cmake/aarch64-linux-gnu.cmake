# Cross-compiles for aarch64 Linux with Debian's g++-aarch64-linux-gnu. Its own sysroot
# (/usr/aarch64-linux-gnu: glibc, libstdc++) plus ONNXBENCH_AARCH64_SYSROOT, the arm64 libraries
# that scripts/aarch64-sysroot.sh unpacks (OpenCV, ONNX, protobuf, OpenSSL).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ONNXBENCH_AARCH64_SYSROOT)

set(CMAKE_FIND_ROOT_PATH ${ONNXBENCH_AARCH64_SYSROOT} /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Multiarch headers (OpenSSL's configuration.h, OpenCV's cvconfig.h) and the libraries' own
# NEEDED libraries, which the linker must find but the runner does not link directly.
set(_arch_lib ${ONNXBENCH_AARCH64_SYSROOT}/usr/lib/aarch64-linux-gnu)
set(CMAKE_CXX_FLAGS_INIT
  "-isystem ${ONNXBENCH_AARCH64_SYSROOT}/usr/include/aarch64-linux-gnu -isystem ${ONNXBENCH_AARCH64_SYSROOT}/usr/include")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,-rpath-link,${_arch_lib} -Wl,-rpath-link,${_arch_lib}/lapack \
-Wl,-rpath-link,${_arch_lib}/blas -Wl,-rpath-link,${ONNXBENCH_AARCH64_SYSROOT}/lib/aarch64-linux-gnu")
