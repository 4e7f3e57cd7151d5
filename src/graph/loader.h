// Safe loading of ONNX models: every check a model file can fail is reported as one InputError
// line that names the file, the field and what was expected.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace onnxbench::model {

struct LoadLimits {
  // Largest model file accepted (protobuf itself cannot parse 2 GiB or more).
  std::uint64_t max_file_bytes = std::uint64_t{2} << 30;
  // Largest total of external-data bytes pulled into the model.
  std::uint64_t max_external_bytes = std::uint64_t{16} << 30;
};

struct LoadedModel {
  onnx::ModelProto proto;  // self-contained: external data already loaded into raw_data
  std::string path;        // as given
  std::string folder;      // the folder holding the file (external data is resolved against it)
  std::string sha256;      // of the model file's bytes followed by its external-data files
                           // (each once, in byte order of their canonical paths)
  std::uint64_t file_bytes = 0;
  std::uint64_t external_bytes = 0;  // bytes loaded from external-data files
  // What could not be checked (an IR or opset newer than this build of ONNX knows): for the
  // command to print as notes; the engine decides whether it runs the model.
  std::vector<std::string> notes;
};

// Reads, parses and checks a model:
// - the file exists, is a regular file and is at most limits.max_file_bytes;
// - it parses as a ModelProto (a file cut short is reported as looking truncated);
// - check_model_header() and check_model_ops() pass;
// - check_model_structure() passes (cycles, undefined inputs, duplicate outputs, tensor sizes);
// - ONNX's checker and strict shape inference (model_problem()) pass, where this build of ONNX
//   knows the model's IR and opsets; otherwise `notes` says what was not checked;
// - external data (TensorProto.data_location EXTERNAL) names a relative path inside the model's
//   folder (no absolute paths, no '..', no symlink leading out), the file exists and holds the
//   bytes at "offset"/"length"; they are copied into raw_data.
// Throws InputError.
LoadedModel load_model(const std::string& path, const LoadLimits& limits = {});

// The same as load_model for bytes already in memory; `name` is used in messages and `folder`
// resolves external data ("" rejects any external data).
LoadedModel parse_model(const std::string& bytes, const std::string& name,
                        const std::string& folder, const LoadLimits& limits = {});

// graph, ir_version and opset_import present and well formed. Returns notes for an IR or opset
// newer than this build of ONNX (1.12: IR 8, default-domain opset 17) knows.
std::vector<std::string> check_model_header(const onnx::ModelProto& model, const std::string& name);
// Every node (subgraphs included) in an ONNX domain names an operator that exists at the
// imported opset; nodes in other domains need an opset_import for their domain.
void check_model_ops(const onnx::ModelProto& model, const std::string& name);

// Whether this build of ONNX knows the model's IR and every ONNX-domain opset it imports, so that
// its checker and static shape inference apply. On a newer model its older schemas would infer
// wrong shapes (ReduceMean-18 takes its axes as an input, ReduceMean-13 as an attribute).
bool onnx_library_knows(const onnx::ModelProto& model);

// The highest opset of `domain` ("" is the default domain) this build of ONNX knows; 0 if the
// domain is not an ONNX one.
int max_known_opset(const std::string& domain);

}  // namespace onnxbench::model
