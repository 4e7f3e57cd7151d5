// A plain-text table for the console: a header row, aligned columns, numbers right-aligned.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace onnxbench {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out, const std::string& indent = "  ") const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// Fixed-point text with `decimals` digits: fixed(3.14159, 2) == "3.14". NaN prints as "-".
std::string fixed(double value, int decimals);
// "23.4 GiB" style sizes.
std::string bytes_text(unsigned long long bytes);

}  // namespace onnxbench
