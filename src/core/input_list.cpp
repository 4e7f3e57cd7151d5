#include "core/input_list.h"

#include <sstream>

#include "core/error.h"

namespace onnxbench {

std::string format_input_list(const InputList& list) {
  std::string text;
  if (!list.outputs.empty()) {
    text += "%";
    for (std::size_t i = 0; i < list.outputs.size(); ++i) text += (i ? " " : "") + list.outputs[i];
    text += "\n";
  }
  for (const auto& inference : list.inferences) {
    for (std::size_t i = 0; i < inference.size(); ++i) {
      const auto& [name, path] = inference[i];
      text += (i ? " " : "") + (name.empty() ? path : name + ":=" + path);
    }
    text += "\n";
  }
  return text;
}

InputList parse_input_list(const std::string& text, const std::string& file_name) {
  InputList list;
  std::istringstream in(text);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line[0] == '#') continue;
    std::istringstream words(line[0] == '%' ? line.substr(1) : line);
    if (line[0] == '%') {
      for (std::string w; words >> w;) list.outputs.push_back(w);
      continue;
    }
    const std::string where = file_name + ": line " + std::to_string(number);
    std::vector<std::pair<std::string, std::string>> inference;
    for (std::string w; words >> w;) {
      const auto sep = w.find(":=");
      if (sep == std::string::npos) {
        inference.emplace_back("", w);
      } else if (sep == 0 || sep + 2 == w.size()) {
        throw InputError(where + ": '" + w + "': expected name:=path");
      } else {
        inference.emplace_back(w.substr(0, sep), w.substr(sep + 2));
      }
    }
    if (!list.inferences.empty() && inference.size() != list.inferences.front().size())
      throw InputError(where + ": " + std::to_string(inference.size()) +
                       " inputs, the first line has " +
                       std::to_string(list.inferences.front().size()));
    list.inferences.push_back(std::move(inference));
  }
  return list;
}

}  // namespace onnxbench
