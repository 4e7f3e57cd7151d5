// Helpers shared by the model room's tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "core/error.h"

namespace onnxbench::testing {

// Runs `fn`, expects an exception of type E and returns its message ("" and a test failure
// otherwise).
template <typename E, typename Fn>
std::string exception_message_of(Fn&& fn) {
  try {
    fn();
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected another exception type, got: " << e.what();
    return "";
  }
  ADD_FAILURE() << "expected an exception, nothing was thrown";
  return "";
}

template <typename Fn>
std::string input_error_of(Fn&& fn) {
  return exception_message_of<InputError>(std::forward<Fn>(fn));
}

// `text` contains `part`; the failure message shows both.
inline ::testing::AssertionResult contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << text << "\" does not contain \"" << part << "\"";
}

}  // namespace onnxbench::testing
