#include "graph/loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/file_io.h"
#include "core/sha256.h"
#include "graph/builder.h"
#include "support/model_test_util.h"
#include "support/test_paths.h"

namespace onnxbench::model {
namespace {

namespace fs = std::filesystem;
using onnxbench::testing::contains;
using onnxbench::testing::input_error_of;
using onnxbench::testing::scratch_dir;

std::string write_model(const onnx::ModelProto& m, const std::string& path) {
  save_model(m, path);
  return path;
}

// A model with one initializer "w" of 6 floats: y = x + w.
onnx::ModelProto add_model() {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2, 3})
      .random_initializer("w", {2, 3}, 7)
      .node("Add", {"x", "w"}, {"y"}, {}, "add")
      .output("y", DType::kFloat32, {2, 3});
  return b.build();
}

// Moves initializer "w" of `m` to external data at `location` (offset/length keys when given).
onnx::ModelProto with_external(onnx::ModelProto m, const std::string& location,
                               const std::string& offset = "", const std::string& length = "") {
  auto* t = m.mutable_graph()->mutable_initializer(0);
  t->clear_raw_data();
  t->set_data_location(onnx::TensorProto_DataLocation_EXTERNAL);
  auto add = [&](const std::string& k, const std::string& v) {
    auto* e = t->add_external_data();
    e->set_key(k);
    e->set_value(v);
  };
  add("location", location);
  if (!offset.empty()) add("offset", offset);
  if (!length.empty()) add("length", length);
  return m;
}

std::string weights_of(const onnx::ModelProto& m) { return m.graph().initializer(0).raw_data(); }

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::string million(1000000, 'a');
  EXPECT_EQ(sha256_hex(million),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  Sha256 pieces;  // the same bytes fed in odd-sized pieces
  for (std::size_t at = 0; at < million.size(); at += 777)
    pieces.update(std::string_view(million).substr(at, 777));
  EXPECT_EQ(pieces.hex_digest(), sha256_hex(million));
}

TEST(Sha256, FileIsHashedInChunksAsItsBytes) {
  const std::string dir = scratch_dir();
  const std::string path = dir + "/three_mib";
  std::string bytes(3 * (1 << 20) + 5, '\0');  // more than one chunk, the last one short
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 131 % 251);
  write_file(path, bytes);
  EXPECT_EQ(sha256_file(path), sha256_hex(bytes));
  EXPECT_THROW(sha256_file(dir + "/missing"), InputError);
}

TEST(LoadModel, LoadsAGoodModelWithHashAndFolder) {
  const std::string dir = scratch_dir();
  const std::string path = write_model(add_model(), dir + "/add.onnx");
  const LoadedModel m = load_model(path);
  EXPECT_EQ(m.path, path);
  EXPECT_EQ(fs::canonical(m.folder), fs::canonical(dir));
  EXPECT_EQ(m.sha256, sha256_hex(read_file(path)));
  EXPECT_EQ(m.file_bytes, fs::file_size(path));
  EXPECT_EQ(m.proto.graph().node(0).op_type(), "Add");
}

TEST(LoadModel, MissingFile) {
  const std::string path = scratch_dir() + "/nope.onnx";
  const std::string msg = input_error_of([&] { load_model(path); });
  EXPECT_TRUE(contains(msg, path));
  EXPECT_TRUE(contains(msg, "no such file"));
}

TEST(LoadModel, Folder) {
  const std::string dir = scratch_dir();
  const std::string msg = input_error_of([&] { load_model(dir); });
  EXPECT_TRUE(contains(msg, dir));
  EXPECT_TRUE(contains(msg, "is a folder"));
}

TEST(LoadModel, SizeLimit) {
  const std::string path = write_model(add_model(), scratch_dir() + "/add.onnx");
  LoadLimits limits;
  limits.max_file_bytes = 50;
  const std::string msg = input_error_of([&] { load_model(path, limits); });
  EXPECT_TRUE(contains(msg, path));
  EXPECT_TRUE(contains(msg, "over the limit of 50"));
  limits.max_file_bytes = fs::file_size(path);
  EXPECT_NO_THROW(load_model(path, limits));
}

TEST(LoadModel, GarbageBytes) {
  const std::string path = scratch_dir() + "/garbage.onnx";
  std::string bytes = "this is not an onnx model, just text\n";
  const Tensor noise = random_tensor(DType::kUInt8, {4096}, 99);
  for (std::int64_t i = 0; i < 4096; ++i) bytes += static_cast<char>(noise.data[i] * 25 + i);
  write_file(path, bytes);
  const std::string msg = input_error_of([&] { load_model(path); });
  EXPECT_TRUE(contains(msg, path));
  EXPECT_TRUE(contains(msg, "not an ONNX model (protobuf parse failed)"));
  EXPECT_FALSE(contains(msg, "truncated"));
}

TEST(LoadModel, EmptyFile) {
  const std::string path = scratch_dir() + "/empty.onnx";
  write_file(path, "");
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }), "empty"));
}

TEST(LoadModel, TruncatedRealModel) {
  const std::string dir = scratch_dir();
  const std::string full = write_model(demo_cnn(1, false), dir + "/full.onnx");
  const std::string bytes = read_file(full);
  ASSERT_GT(bytes.size(), 50000u);
  for (const double fraction : {0.5, 0.9, 0.1}) {
    const std::string path = dir + "/cut.onnx";
    write_file(path, bytes.substr(0, static_cast<std::size_t>(bytes.size() * fraction)));
    const std::string msg = input_error_of([&] { load_model(path); });
    EXPECT_TRUE(contains(msg, path));
    EXPECT_TRUE(contains(msg, "protobuf parse failed"));
    EXPECT_TRUE(contains(msg, "looks truncated")) << "cut at " << fraction;
    EXPECT_TRUE(contains(msg, "'graph'"));
  }
}

TEST(LoadModel, MissingGraph) {
  onnx::ModelProto m = add_model();
  m.clear_graph();
  const std::string path = write_model(m, scratch_dir() + "/m.onnx");
  const std::string msg = input_error_of([&] { load_model(path); });
  EXPECT_TRUE(contains(msg, path));
  EXPECT_TRUE(contains(msg, "'graph' missing"));
}

TEST(LoadModel, MissingIrVersion) {
  onnx::ModelProto m = add_model();
  m.clear_ir_version();
  const std::string path = write_model(m, scratch_dir() + "/m.onnx");
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }), "'ir_version' missing"));
}

TEST(LoadModel, IrVersionTooNew) {
  onnx::ModelProto m = add_model();
  m.set_ir_version(99);
  const std::string path = write_model(m, scratch_dir() + "/m.onnx");
  // Newer than ONNX 1.12 knows is a note, not an error (the engine decides).
  const auto notes = load_model(path).notes;
  ASSERT_FALSE(notes.empty());
  EXPECT_TRUE(contains(notes[0], "IR version 99 is newer"));
}

TEST(LoadModel, MissingOpset) {
  onnx::ModelProto m = add_model();
  m.clear_opset_import();
  const std::string path = write_model(m, scratch_dir() + "/m.onnx");
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }), "'opset_import' missing"));
}

TEST(LoadModel, OpsetTooNew) {
  onnx::ModelProto m = add_model();
  m.mutable_opset_import(0)->set_version(max_known_opset("") + 1);
  const std::string path = write_model(m, scratch_dir() + "/m.onnx");
  const auto notes = load_model(path).notes;
  ASSERT_FALSE(notes.empty());
  EXPECT_TRUE(contains(notes[0], "opset 18 of the default domain (ai.onnx) is newer"));
  EXPECT_TRUE(contains(notes[0], "knows (17)"));
}

TEST(LoadModel, MlOpsetTooNew) {
  onnx::ModelProto m = add_model();
  auto* op = m.add_opset_import();
  op->set_domain("ai.onnx.ml");
  op->set_version(99);
  const std::string path = write_model(m, scratch_dir() + "/m.onnx");
  const auto notes = load_model(path).notes;
  ASSERT_FALSE(notes.empty());
  EXPECT_TRUE(contains(notes[0], "opset 99 of domain 'ai.onnx.ml' is newer"));
}

TEST(LoadModel, UnknownOp) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2})
      .node("Relu", {"x"}, {"r"}, {}, "fine")
      .node("FrobnicateV2", {"r"}, {"y"}, {}, "frob")
      .output("y", DType::kFloat32);
  const std::string path = write_model(b.build(), scratch_dir() + "/m.onnx");
  const std::string msg = input_error_of([&] { load_model(path); });
  EXPECT_TRUE(contains(msg, path));
  EXPECT_TRUE(contains(msg, "node 'frob' (#1)"));
  EXPECT_TRUE(contains(msg, "op 'FrobnicateV2'"));
  EXPECT_TRUE(contains(msg, "unknown op"));
}

TEST(LoadModel, OpNewerThanImportedOpset) {
  // LayerNormalization joined the default domain at opset 17.
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2, 4})
      .random_initializer("scale", {4}, 1)
      .node("LayerNormalization", {"x", "scale"}, {"y"}, {}, "ln")
      .output("y", DType::kFloat32, {2, 4});
  const std::string path = write_model(b.build(), scratch_dir() + "/m.onnx");
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }),
                       "op 'LayerNormalization' is not an operator of the default domain "
                       "(ai.onnx) at opset 13"));
  b.opset("", 17);
  EXPECT_NO_THROW(load_model(write_model(b.build(), path)));
}

TEST(LoadModel, UnknownOpInsideSubgraph) {
  ModelBuilder body(13, "then");
  body.node("NoSuchOp", {}, {"t"}, {}, "inner").output("t", DType::kFloat32);
  onnx::AttributeProto then_branch;
  then_branch.set_name("then_branch");
  then_branch.set_type(onnx::AttributeProto_AttributeType_GRAPH);
  *then_branch.mutable_g() = body.build().graph();
  onnx::AttributeProto else_branch = then_branch;
  else_branch.set_name("else_branch");
  ModelBuilder b(13);
  b.input("c", DType::kBool, {})
      .node("If", {"c"}, {"y"}, {then_branch, else_branch}, "branch")
      .output("y", DType::kFloat32);
  const std::string path = write_model(b.build(), scratch_dir() + "/m.onnx");
  const std::string msg = input_error_of([&] { load_model(path); });
  EXPECT_TRUE(contains(msg, "node 'inner'"));
  EXPECT_TRUE(contains(msg, "of node 'branch'"));
}

TEST(LoadModel, DeprecatedOp) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {1, 1, 2, 2})
      .input("s", DType::kFloat32, {4})
      .node("Upsample", {"x", "s"}, {"y"}, {}, "up")
      .output("y", DType::kFloat32);
  const std::string path = write_model(b.build(), scratch_dir() + "/m.onnx");
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }), "'Upsample' is deprecated"));
}

TEST(LoadModel, CustomDomainNeedsImport) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2})
      .node("Fancy", {"x"}, {"y"}, {}, "fancy", "com.example")
      .output("y", DType::kFloat32, {2});
  const std::string path = write_model(b.build(), scratch_dir() + "/m.onnx");
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }),
                       "domain 'com.example', which has no entry in opset_import"));
  b.opset("com.example", 1);  // an imported custom domain is not checked further
  EXPECT_NO_THROW(load_model(write_model(b.build(), path)));
}

TEST(ExternalData, LoadsRelativeFileIntoRawData) {
  const std::string dir = scratch_dir();
  const onnx::ModelProto inline_model = add_model();
  fs::create_directories(dir + "/data");
  write_file(dir + "/data/w.bin", weights_of(inline_model));
  const std::string path = write_model(with_external(inline_model, "data/w.bin"), dir + "/m.onnx");
  const LoadedModel m = load_model(path);
  const auto& t = m.proto.graph().initializer(0);
  EXPECT_EQ(t.data_location(), onnx::TensorProto_DataLocation_DEFAULT);
  EXPECT_EQ(t.external_data_size(), 0);
  EXPECT_EQ(t.raw_data(), weights_of(inline_model));
  EXPECT_EQ(m.external_bytes, 24u);
}

TEST(ExternalData, Sha256CoversTheExternalFilesInPathOrder) {
  const std::string dir = scratch_dir();
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2, 3})
      .random_initializer("w", {2, 3}, 7)
      .random_initializer("v", {2, 3}, 8)
      .node("Add", {"x", "w"}, {"s"}, {}, "add")
      .node("Add", {"s", "v"}, {"y"}, {}, "add2")
      .output("y", DType::kFloat32, {2, 3});
  onnx::ModelProto m = b.build();
  const std::string w = m.graph().initializer(0).raw_data(),
                    v = m.graph().initializer(1).raw_data();
  write_file(dir + "/b_w.bin", w);
  write_file(dir + "/a_v.bin", v);
  // Initializer order (w, then v) differs from path order (a_v, then b_w) on purpose.
  for (auto [index, location] : {std::pair{0, "b_w.bin"}, std::pair{1, "a_v.bin"}}) {
    auto* t = m.mutable_graph()->mutable_initializer(index);
    t->clear_raw_data();
    t->set_data_location(onnx::TensorProto_DataLocation_EXTERNAL);
    auto* e = t->add_external_data();
    e->set_key("location");
    e->set_value(location);
  }
  const std::string path = write_model(m, dir + "/m.onnx");
  const std::string model_bytes = read_file(path);
  EXPECT_EQ(load_model(path).sha256, sha256_hex(model_bytes + v + w));
  std::string changed = v;
  changed[0] ^= 1;
  write_file(dir + "/a_v.bin", changed);
  EXPECT_EQ(load_model(path).sha256, sha256_hex(model_bytes + changed + w));
}

TEST(ExternalData, HonoursOffsetAndLength) {
  const std::string dir = scratch_dir();
  const onnx::ModelProto inline_model = add_model();
  write_file(dir + "/w.bin", std::string(16, 'x') + weights_of(inline_model) + "tail");
  const std::string path =
      write_model(with_external(inline_model, "w.bin", "16", "24"), dir + "/m.onnx");
  EXPECT_EQ(load_model(path).proto.graph().initializer(0).raw_data(), weights_of(inline_model));
  // Beyond the end of the file.
  write_model(with_external(inline_model, "w.bin", "30", "24"), path);
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }), "which has only 44 bytes"));
  // Length that does not match the tensor's dims.
  write_model(with_external(inline_model, "w.bin", "0", "20"), path);
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }), "need 24"));
  write_model(with_external(inline_model, "w.bin", "-1"), path);
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }),
                       "'offset' is '-1', expected a non-negative decimal integer"));
}

TEST(ExternalData, RejectsParentFolder) {
  const std::string dir = scratch_dir();
  fs::create_directories(dir + "/model");
  write_file(dir + "/x", weights_of(add_model()));
  const std::string path = write_model(with_external(add_model(), "../x"), dir + "/model/m.onnx");
  const std::string msg = input_error_of([&] { load_model(path); });
  EXPECT_TRUE(contains(msg, path));
  EXPECT_TRUE(contains(msg, "tensor 'w'"));
  EXPECT_TRUE(contains(msg, "contains '..'"));
  write_model(with_external(add_model(), "sub/../../x"), path);
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }), "contains '..'"));
  write_model(with_external(add_model(), "..\\x"), path);
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }), "contains '..'"));
}

TEST(ExternalData, RejectsAbsolutePath) {
  const std::string dir = scratch_dir();
  write_file(dir + "/w.bin", weights_of(add_model()));
  const std::string path = write_model(with_external(add_model(), dir + "/w.bin"), dir + "/m.onnx");
  const std::string msg = input_error_of([&] { load_model(path); });
  EXPECT_TRUE(contains(msg, "an absolute path"));
  write_model(with_external(add_model(), "C:\\weights\\w.bin"), path);
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }), "an absolute path"));
}

TEST(ExternalData, RejectsSymlinkOutOfFolder) {
  const std::string dir = scratch_dir();
  fs::create_directories(dir + "/model");
  fs::create_directories(dir + "/outside");
  write_file(dir + "/outside/w.bin", weights_of(add_model()));
  fs::create_symlink("../outside/w.bin", dir + "/model/w.bin");
  const std::string path = write_model(with_external(add_model(), "w.bin"), dir + "/model/m.onnx");
  const std::string msg = input_error_of([&] { load_model(path); });
  EXPECT_TRUE(contains(msg, "outside the model's folder"));
  // A symlinked folder leading out is refused the same way.
  fs::create_directory_symlink("../outside", dir + "/model/sub");
  write_model(with_external(add_model(), "sub/w.bin"), path);
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }), "outside the model's folder"));
}

TEST(ExternalData, AcceptsSymlinkInsideFolder) {
  const std::string dir = scratch_dir();
  fs::create_directories(dir + "/blobs");
  write_file(dir + "/blobs/real.bin", weights_of(add_model()));
  fs::create_symlink("blobs/real.bin", dir + "/w.bin");
  const std::string path = write_model(with_external(add_model(), "w.bin"), dir + "/m.onnx");
  EXPECT_EQ(load_model(path).proto.graph().initializer(0).raw_data(), weights_of(add_model()));
}

TEST(ExternalData, MissingFileIsNamed) {
  const std::string dir = scratch_dir();
  const std::string path =
      write_model(with_external(add_model(), "weights/missing.bin"), dir + "/m.onnx");
  const std::string msg = input_error_of([&] { load_model(path); });
  EXPECT_TRUE(contains(msg, path));
  EXPECT_TRUE(contains(msg, "'weights/missing.bin' does not exist"));
}

TEST(ExternalData, MissingLocation) {
  onnx::ModelProto m = with_external(add_model(), "w.bin");
  m.mutable_graph()->mutable_initializer(0)->mutable_external_data(0)->set_key("place");
  const std::string path = write_model(m, scratch_dir() + "/m.onnx");
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path); }), "'location' missing"));
}

TEST(ExternalData, TotalLimit) {
  const std::string dir = scratch_dir();
  write_file(dir + "/w.bin", weights_of(add_model()));
  const std::string path = write_model(with_external(add_model(), "w.bin"), dir + "/m.onnx");
  LoadLimits limits;
  limits.max_external_bytes = 10;
  EXPECT_TRUE(contains(input_error_of([&] { load_model(path, limits); }), "limit of 10 bytes"));
}

}  // namespace
}  // namespace onnxbench::model
