// ONNX Runtime's C++ API, initialized by hand: the runner loads libonnxruntime.so.1 itself
// (ort_library.h), so that a missing library is one clear line instead of the loader's error.
#pragma once

#if !__has_include(<onnxruntime_cxx_api.h>)
#error \
    "ONNX Runtime's headers are missing: run 'bash scripts/ort_headers.sh' (a step of scripts/setup.sh)"
#else
#define ORT_API_MANUAL_INIT
#include <onnxruntime_cxx_api.h>
#undef ORT_API_MANUAL_INIT
#endif
