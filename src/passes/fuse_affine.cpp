// fuse-affine-into-conv (seed 002 findings 3, 4 and 7): Mul, Div, Add and Sub by per-channel
// constants right after a Conv fold into its weights and bias (W[o] *= s[o], B[o] = B[o]*s[o] +
// a[o]); right before a Conv, a scale folds into W[:, c] and a shift into the bias as a[c] times
// the sum of the weights reading input channel c. That last fold is exact only when the Conv pads
// nothing, since padding inserts zeros, not shifted values; such nodes are left with a note.
#include <unordered_map>
#include <unordered_set>

#include "graph/editing.h"
#include "graph/graph_index.h"
#include "graph/shapes.h"
#include "passes/conv_fold.h"
#include "passes/passes.h"

namespace onnxbench::model {
namespace {

// The operand of an affine node that is its constant.
std::string constant_operand(const onnx::NodeProto& n, const AffineNode& f) {
  return n.input(0) == f.input ? n.input(1) : n.input(0);
}

class FuseAffineIntoConv : public Pass {
 public:
  FuseAffineIntoConv() : Pass("fuse-affine-into-conv") {}

  PassReport run(onnx::ModelProto& model) const override {
    onnx::ModelProto inferred = model;
    infer_shapes(inferred);
    Fold fold(model, value_shapes(inferred.graph()));
    auto& nodes = *model.mutable_graph()->mutable_node();
    for (int i = 0; i < nodes.size(); ++i) {
      auto& conv = nodes[i];
      if (conv.op_type() != "Conv" || !(conv.domain().empty() || conv.domain() == "ai.onnx"))
        continue;
      std::string problem;
      auto weights = conv_weights(model, conv, problem);
      if (!weights) {
        fold.notes.push_back("Conv '" + node_label(conv, i) + "' left alone: " + problem);
        continue;
      }
      const int after = fold.after(conv, i, *weights), before = fold.before(conv, i, *weights);
      if (after + before > 0) fold.replace_weights(conv, i, *weights);
    }
    if (fold.report.total() == 0)
      nothing_to_do("nothing to fold: " +
                    (fold.notes.empty()
                         ? std::string("no Mul, Div, Add or Sub by a constant next to a Conv")
                         : fold.notes[0]));
    fold.finish();
    return fold.report;
  }

 private:
  struct Fold {
    Fold(onnx::ModelProto& m, std::unordered_map<std::string, Dims> inferred)
        : model(m),
          use(m.graph()),
          shapes(std::move(inferred)),
          names(m.graph()),
          removed(m.graph().node_size(), false) {}

    onnx::ModelProto& model;
    GraphIndex use;
    std::unordered_map<std::string, Dims> shapes;  // of the model before the pass
    NameSet names;
    std::vector<bool> removed;             // nodes folded away
    std::set<std::string> old_constants;   // replaced weights and folded constants
    std::unordered_set<std::string> gone;  // values no node writes any more
    PassReport report;
    std::vector<std::string> notes;

    const onnx::NodeProto& node(int j) const { return model.graph().node(j); }

    // Folds the chain of affine nodes reading the Conv's output; returns how many.
    int after(onnx::NodeProto& conv, int index, ConvWeights& weights) {
      int folded = 0;
      for (;;) {
        const std::string y = conv.output(0);
        int j = -1;
        std::optional<AffineNode> f;
        for (const int r : use.readers(y)) {
          f = affine_node(model, node(r), weights.dims.size(), weights.out_channels());
          if (!removed[r] && f && f->input == y) {
            j = r;
            break;
          }
        }
        if (j < 0) return folded;
        const std::string why = f->problem.empty() ? use.why_shared(y) : f->problem;
        if (!why.empty()) {
          leave(j, "after Conv '" + node_label(conv, index) + "': " + why);
          return folded;
        }
        weights.fold_after(f->map);
        gone.insert(y);
        conv.set_output(0, node(j).output(0));
        use.set_producer(conv.output(0), index);
        take(j, *f, " after Conv folded");
        ++folded;
      }
    }

    // Folds the chain of affine nodes writing the Conv's input; returns how many.
    int before(onnx::NodeProto& conv, int index, ConvWeights& weights) {
      int folded = 0;
      for (;;) {
        const std::string x = conv.input(0);
        const int j = use.producer(x);
        if (j < 0 || removed[j]) return folded;
        const auto f = affine_node(model, node(j), weights.dims.size(), weights.in_channels());
        if (!f) return folded;
        const std::string label = "before Conv '" + node_label(conv, index) + "': ";
        std::string why = f->problem.empty() ? use.why_shared(x) : f->problem;
        if (why.empty() && f->map.shifts() && conv_pads(conv))
          why = "the Conv pads its input and the padded zeros would not be shifted";
        if (why.empty() && !keeps_shape(f->input, weights))
          why = "the shape of '" + f->input + "' is not known to be that of '" + x + "'";
        if (!why.empty()) {
          leave(j, label + why);
          return folded;
        }
        weights.fold_before(f->map);
        gone.insert(x);
        conv.set_input(0, f->input);
        take(j, *f, " before Conv folded");
        ++folded;
      }
    }

    // Whether `input` has the Conv input's rank and channels, so that the broadcast of a
    // per-channel constant did not enlarge it.
    bool keeps_shape(const std::string& input, const ConvWeights& weights) const {
      const auto it = shapes.find(input);
      return it != shapes.end() && it->second.size() == weights.dims.size() &&
             it->second[1].value == weights.in_channels();
    }

    void leave(int j, const std::string& why) {
      notes.push_back("node '" + node_label(node(j), j) + "' left alone " + why);
    }

    void take(int j, const AffineNode& f, const std::string& kind) {
      removed[j] = true;
      old_constants.insert(constant_operand(node(j), f));
      report.add(node(j).op_type() + kind);
    }

    void replace_weights(onnx::NodeProto& conv, int index, const ConvWeights& weights) {
      const std::string w = names.fresh(conv.input(1) + "_fused");
      add_initializer(model, float_tensor(w, weights.data_type, weights.dims, weights.w));
      old_constants.insert(conv.input(1));
      conv.set_input(1, w);
      const bool has_bias = conv.input_size() > 2 && !conv.input(2).empty();
      const std::string b =
          names.fresh(has_bias ? conv.input(2) + "_fused" : node_label(conv, index) + "_bias");
      add_initializer(model,
                      float_tensor(b, weights.data_type, {weights.out_channels()}, weights.b));
      if (has_bias) {
        old_constants.insert(conv.input(2));
        conv.set_input(2, b);
      } else if (conv.input_size() > 2) {
        conv.set_input(2, b);
      } else {
        conv.add_input(b);
      }
      report.add("Conv weights and bias replaced");
    }

    void finish() {
      auto* g = model.mutable_graph();
      google::protobuf::RepeatedPtrField<onnx::NodeProto> kept;
      for (int j = 0; j < g->node_size(); ++j)
        if (!removed[j]) *kept.Add() = g->node(j);
      g->mutable_node()->Swap(&kept);
      auto* infos = g->mutable_value_info();
      infos->erase(std::remove_if(infos->begin(), infos->end(),
                                  [&](const auto& v) { return gone.count(v.name()) > 0; }),
                   infos->end());
      if (const int n = remove_unread_constants(model, old_constants))
        report.add("constants no longer read, removed", n);
      report.notes = notes;
    }
  };
};

}  // namespace

std::unique_ptr<Pass> fuse_affine_into_conv_pass() {
  return std::make_unique<FuseAffineIntoConv>();
}

}  // namespace onnxbench::model
