// Settings of submitted pipelines filled in later: seed 000's accuracy stages wait until a data
// set is configured (`farm set dataset=DIR`), then they are queued and run.
#pragma once

#include <string>

#include "store/store.h"

namespace onnxbench::farm {

// Fills {key} with `value` in the waiting stages of one model (or of every model when
// `model_sha256` is empty); a stage with nothing left to wait for is queued. Returns how many
// stages took the setting.
int apply_setting(store::Store& s, const std::string& model_sha256, const std::string& key,
                  const std::string& value);

}  // namespace onnxbench::farm
