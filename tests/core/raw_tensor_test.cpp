// .raw files and input lists as the Qualcomm tools use them (seed 002's to_raw).
#include "core/raw_tensor.h"

#include <gtest/gtest.h>

#include <cstring>

#include "core/error.h"
#include "core/input_list.h"

namespace onnxbench {
namespace {

Tensor counting(const Shape& shape) {
  Tensor t(DType::kFloat32, shape);
  for (std::int64_t i = 0; i < t.element_count(); ++i) t.as<float>()[i] = static_cast<float>(i);
  return t;
}

std::vector<float> floats_of(const std::string& bytes) {
  std::vector<float> v(bytes.size() / 4);
  std::memcpy(v.data(), bytes.data(), bytes.size());
  return v;
}

TEST(RawTensor, ChannelsLastTransposesNchwToNhwc) {
  // [1,2,2,2]: channel 0 holds 0..3, channel 1 holds 4..7; NHWC interleaves them.
  const auto bytes =
      format_raw(counting({1, 2, 2, 2}), RawLayout::kChannelsLast, RawType::kFloat32);
  EXPECT_EQ(floats_of(bytes), (std::vector<float>{0, 4, 1, 5, 2, 6, 3, 7}));
  EXPECT_EQ(raw_shape({1, 3, 224, 224}, RawLayout::kChannelsLast), (Shape{1, 224, 224, 3}));
  // seed 002: ONNX (1, 85, 18, 32) comes back from the DLC as (1, 18, 32, 85).
  EXPECT_EQ(raw_shape({1, 85, 18, 32}, RawLayout::kChannelsLast), (Shape{1, 18, 32, 85}));
}

TEST(RawTensor, RoundTripsInEveryTypeAndLayout) {
  const Tensor t = counting({2, 3, 4, 5});
  for (RawLayout layout : {RawLayout::kAsDeclared, RawLayout::kChannelsLast}) {
    for (RawType type : {RawType::kFloat32, RawType::kFloat16}) {
      const Tensor back = parse_raw(format_raw(t, layout, type), t.shape, layout, type, "x.raw");
      EXPECT_EQ(back.shape, t.shape);
      EXPECT_EQ(back.data, t.data);  // small integers are exact in float16
    }
    const RawEncoding enc{0.5, -10};  // q = x / 0.5 + 10
    const Tensor back = parse_raw(format_raw(t, layout, RawType::kUInt8, enc), t.shape, layout,
                                  RawType::kUInt8, "q.raw", enc);
    for (std::int64_t i = 0; i < t.element_count(); ++i)
      EXPECT_FLOAT_EQ(back.as<float>()[i], t.as<float>()[i]);
  }
}

TEST(RawTensor, Uint8ClampsToItsRange) {
  Tensor t(DType::kFloat32, {3});
  t.as<float>()[0] = -100;
  t.as<float>()[1] = 1;
  t.as<float>()[2] = 1000;
  const RawEncoding enc{0.5, -10};
  const std::string q = format_raw(t, RawLayout::kAsDeclared, RawType::kUInt8, enc);
  EXPECT_EQ(q, std::string("\x00\x0c\xff", 3));
}

TEST(RawTensor, WrongSizeNamesTheFileAndTheExpectedShape) {
  try {
    parse_raw(std::string(10, '\0'), {1, 3, 2, 2}, RawLayout::kChannelsLast, RawType::kUInt8,
              "Result_0/out.raw");
    FAIL();
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("Result_0/out.raw: 10 bytes, expected 12 for [1,2,2,3] in uint8"),
              std::string::npos)
        << m;
  }
}

TEST(InputList, PairsAndOutputsHeaderRoundTrip) {
  InputList list;
  list.outputs = {"output0", "boxes"};
  list.inferences = {{{"images", "data/0.raw"}, {"scale", "data/s0.raw"}},
                     {{"images", "data/1.raw"}, {"scale", "data/s1.raw"}}};
  const std::string text = format_input_list(list);
  EXPECT_EQ(text,
            "%output0 boxes\nimages:=data/0.raw scale:=data/s0.raw\n"
            "images:=data/1.raw scale:=data/s1.raw\n");
  const InputList back = parse_input_list("# made by to_raw\n" + text, "inputs_raw.txt");
  EXPECT_EQ(back.outputs, list.outputs);
  EXPECT_EQ(back.inferences, list.inferences);
}

TEST(InputList, SinglePathsAndBadLines) {
  const auto list = parse_input_list("a.raw\nb.raw\n", "list.txt");
  ASSERT_EQ(list.inferences.size(), 2u);
  EXPECT_EQ(list.inferences[1][0], (std::pair<std::string, std::string>{"", "b.raw"}));
  EXPECT_THROW(parse_input_list("x:=\n", "list.txt"), InputError);
  EXPECT_THROW(parse_input_list("a:=1.raw b:=2.raw\na:=3.raw\n", "list.txt"), InputError);
}

}  // namespace
}  // namespace onnxbench
