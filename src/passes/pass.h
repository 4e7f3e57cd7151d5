// Graph passes: small rewrites of a model, in place, each reporting what it changed. The catalogue
// is in passes.h, the registry by name in pass_registry.h, running a chain in transform.h.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace onnxbench::model {

struct PassReport {
  std::vector<std::pair<std::string, int>> changes;  // rewrite kind -> count, in first-seen order
  std::vector<std::string> notes;                    // what was left alone, and why

  void add(const std::string& kind, int count = 1);
  // 0 when nothing of that kind was rewritten.
  int count(const std::string& kind) const;
  int total() const;
  // "removed Identity: 3, Constant nodes -> initializers: 2", for one-line notes.
  std::string changes_text() const;
};

// The pass applies, but this model has nothing for it to change. A chain of passes goes on with
// the next one ("no change"); a pass run alone is refused with this message.
class NothingToDo : public InputError {
 public:
  using InputError::InputError;
};

class Pass {
 public:
  explicit Pass(std::string name) : name_(std::move(name)) {}
  virtual ~Pass() = default;

  const std::string& name() const { return name_; }
  // Rewrites `model` in place. Throws InputError "<name>: <why>" when the pass cannot apply to
  // this model, and leaves the model untouched then.
  virtual PassReport run(onnx::ModelProto& model) const = 0;

 protected:
  [[noreturn]] void refuse(const std::string& why) const;
  [[noreturn]] void nothing_to_do(const std::string& why) const;  // throws NothingToDo

 private:
  std::string name_;
};

}  // namespace onnxbench::model
