#include <onnx/checker.h>
#include <onnx/defs/schema.h>

#include <map>
#include <set>
#include <vector>

#include "core/error.h"
#include "graph/loader.h"

namespace onnxbench::model {
namespace {

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw InputError(name + ": " + what);
}

std::string normalize_domain(const std::string& domain) {
  return domain == "ai.onnx" ? std::string() : domain;
}

std::string domain_label(const std::string& domain) {
  return domain.empty() ? "the default domain (ai.onnx)" : "domain '" + domain + "'";
}

// The first line of an ONNX message ("...\n\n==> Context: Bad node spec ...").
std::string first_line(const std::string& message) { return message.substr(0, message.find('\n')); }

struct OpChecker {
  const std::string& name;
  std::map<std::string, std::int64_t> opsets;               // normalized domain -> version
  std::set<std::pair<std::string, std::string>> functions;  // (domain, name) of model functions

  // Inputs, outputs and attributes as the schema declares them, before shape inference runs:
  // ONNX 1.12's inference functions read attributes unchecked (a Scan without num_scan_inputs
  // crashed it; fuzz_model_loader found that).
  void verify(const onnx::OpSchema& schema, const onnx::NodeProto& n, const std::string& label) {
    try {
      schema.Verify(n);
    } catch (const onnx::checker::ValidationError& e) {
      fail(name,
           label + ": op '" + n.op_type() + "' does not match its schema: " + first_line(e.what()));
    }
  }

  void graph(const onnx::GraphProto& g, const std::string& context) {
    for (int i = 0; i < g.node_size(); ++i) node(g.node(i), i, context);
  }

  void node(const onnx::NodeProto& n, int index, const std::string& context) {
    const std::string label =
        (n.name().empty() ? std::string("node #") + std::to_string(index)
                          : "node '" + n.name() + "' (#" + std::to_string(index) + ")") +
        context;
    const std::string domain = normalize_domain(n.domain());
    if (functions.count({n.domain(), n.op_type()}) == 0) {
      const auto it = opsets.find(domain);
      if (it == opsets.end())
        fail(name, label + ": op '" + n.op_type() + "' is in " + domain_label(domain) +
                       ", which has no entry in opset_import");
      if (max_known_opset(domain) > 0) {
        const int version = static_cast<int>(it->second);
        const auto* schema = onnx::OpSchemaRegistry::Schema(n.op_type(), version, domain);
        // An op newer than this build of ONNX is left to the engine (the header noted it).
        if (!schema && version > max_known_opset(domain)) return;
        if (!schema)
          fail(name, label + ": op '" + n.op_type() + "' is not an operator of " +
                         domain_label(domain) + " at opset " + std::to_string(version) +
                         " (unknown op)");
        if (schema->Deprecated())
          fail(name, label + ": op '" + n.op_type() + "' is deprecated since opset " +
                         std::to_string(schema->SinceVersion()) + " of " + domain_label(domain) +
                         " (the model imports opset " + std::to_string(version) + ")");
        // At an opset newer than this build knows, the schema found is an older one (Split-13
        // for a Split-18 with num_outputs): shape inference does not run there, the engine decides.
        if (version <= max_known_opset(domain)) verify(*schema, n, label);
      }
    }
    for (const auto& a : n.attribute()) {
      const std::string inner = " in attribute '" + a.name() + "' of " + label;
      if (a.has_g()) graph(a.g(), inner);
      for (const auto& g : a.graphs()) graph(g, inner);
    }
  }
};

}  // namespace

int max_known_opset(const std::string& domain) {
  const auto& map = onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  const auto it = map.find(normalize_domain(domain));
  return it == map.end() ? 0 : it->second.second;
}

bool onnx_library_knows(const onnx::ModelProto& m) {
  if (m.ir_version() > onnx::IR_VERSION) return false;
  for (const auto& op : m.opset_import()) {
    const int known = max_known_opset(op.domain());
    if (known > 0 && op.version() > known) return false;
  }
  return true;
}

std::vector<std::string> check_model_header(const onnx::ModelProto& m, const std::string& name) {
  if (!m.has_ir_version() || m.ir_version() <= 0)
    fail(name, "field 'ir_version' missing, expected the ONNX IR version (1.." +
                   std::to_string(onnx::IR_VERSION) + ")");
  std::vector<std::string> notes;
  if (m.ir_version() > onnx::IR_VERSION)
    notes.push_back("IR version " + std::to_string(m.ir_version()) +
                    " is newer than the ONNX library onnxbench is built with knows (" +
                    std::to_string(onnx::IR_VERSION) + ")");
  if (!m.has_graph()) fail(name, "field 'graph' missing, expected the model's GraphProto");
  if (m.opset_import_size() == 0)
    fail(name, "field 'opset_import' missing, expected the operator set versions the model uses");
  std::set<std::string> seen;
  for (const auto& op : m.opset_import()) {
    const std::string domain = normalize_domain(op.domain());
    if (!seen.insert(domain).second)
      fail(name, "field 'opset_import' lists " + domain_label(domain) + " twice");
    if (op.version() <= 0)
      fail(name, "opset_import for " + domain_label(domain) + " is version " +
                     std::to_string(op.version()) + ", expected a positive version");
    const int known = max_known_opset(domain);
    if (known > 0 && op.version() > known)
      notes.push_back("opset " + std::to_string(op.version()) + " of " + domain_label(domain) +
                      " is newer than the ONNX library onnxbench is built with knows (" +
                      std::to_string(known) + ")");
  }
  return notes;
}

void check_model_ops(const onnx::ModelProto& m, const std::string& name) {
  OpChecker checker{name, {}, {}};
  for (const auto& op : m.opset_import())
    checker.opsets[normalize_domain(op.domain())] = op.version();
  for (const auto& f : m.functions()) checker.functions.insert({f.domain(), f.name()});
  checker.graph(m.graph(), "");
}

}  // namespace onnxbench::model
