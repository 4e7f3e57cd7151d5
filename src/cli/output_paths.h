// Checks on the files and folders a command will write or read, made before any work starts so
// that a typo in --json does not cost a five-minute benchmark.
#pragma once

#include <string>

namespace onnxbench::cli {

// `path` can be written: its folder exists and is writable, and it is not itself a folder.
// "-" (stdout) and "" (not given) pass. Throws InputError naming the option.
void check_output_file(const std::string& path, const std::string& option);
// `path` is a folder or can be created as one (its nearest existing parent is writable).
void check_output_folder(const std::string& path, const std::string& option);
// The output would overwrite the input model: refused.
void check_not_input(const std::string& output, const std::string& option,
                     const std::string& input);
// A file the user named must exist: "--calib x: no such file or folder".
void check_input_exists(const std::string& path, const std::string& option);

}  // namespace onnxbench::cli
