// The passes by name, made from parameters written as text, the way the command line names them:
//   set-batch=4   set-dims=N=4,seq=128   expose=conv1,relu1   expose=all   div-to-mul
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "passes/pass.h"

namespace onnxbench::model {

struct PassInfo {
  std::string name;
  std::string parameter;    // how the parameter is written ("N"); "" when the pass takes none
  std::string description;  // one line
  bool list = false;        // the parameter is a comma-separated list
  std::function<std::unique_ptr<Pass>(const std::string& parameter)> make;
};

const std::vector<PassInfo>& pass_registry();
// nullptr when no pass has that name.
const PassInfo* find_pass(const std::string& name);

struct PassRequest {
  std::string name, parameter;

  std::string text() const { return parameter.empty() ? name : name + "=" + parameter; }
};

// Splits "set-batch=4,set-dims=N=4,seq=128,div-to-mul" into passes, in order. A comma starts a new
// pass where the text after it names one; otherwise it continues the previous pass's list
// parameter. Throws InputError for an unknown pass (listing the known ones) or an empty entry.
std::vector<PassRequest> parse_pass_list(const std::string& text);

// Throws InputError for an unknown pass, a missing or unexpected parameter, or a parameter the
// pass cannot read.
std::unique_ptr<Pass> make_pass(const PassRequest& request);

}  // namespace onnxbench::model
