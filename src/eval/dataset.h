// Labelled data sets, listed up front and read one sample at a time (a 10k-image set is never
// all in memory). The kind follows from the path:
//   FOLDER of class folders         classification, classes = sorted folder names
//   LIST.txt ("file label") or .csv ("file,label")   classification, files relative to the list
//   FILE-images-idx3-ubyte[.gz]     classification (MNIST layout), labels from the matching
//                                   -labels-idx1-ubyte[.gz] or --labels
//   INPUTS.npy + --labels LABELS.npy  classification on ready tensors (no preprocessing)
//   INSTANCES.json                  detection (COCO), images in --images (default: its folder)
//   FOLDER of N.png + N_seg.png     segmentation, masks of class indices
#pragma once

#include <cstdint>
#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "eval/coco.h"

namespace onnxbench::eval {

enum class Task { kClassification, kDetection, kSegmentation };

struct Sample {
  std::string name;  // the file, or "FILE[index]" for samples inside one file
  std::int64_t label = -1;
  std::int64_t image_id = 0;  // detection
  std::string mask;           // segmentation
  // The position in the whole data set, kept by subsets: where an array file holds the sample,
  // and N of its outputs folder Result_N (--from-outputs).
  std::size_t index = 0;
};

// Samples stored back to back in one file (IDX images, .npy rows).
struct ArrayFile {
  std::string path;
  std::uint64_t offset = 0;  // of sample 0
  Shape sample_shape;        // IDX: [rows, cols]
  DType dtype = DType::kUInt8;
  std::shared_ptr<const std::string> memory;  // the decompressed bytes of a .gz file
  std::size_t sample_bytes() const;
};

struct Dataset {
  Task task = Task::kClassification;
  std::string kind;  // "class folders", "label list", "idx", "npy", "coco", "segmentation"
  std::string path;
  std::vector<Sample> samples;
  bool tensors = false;  // samples are ready input tensors (npy), not images
  ArrayFile array;       // idx, npy
  std::int64_t label_max = -1;
  std::vector<std::string> class_names;  // class folders
  std::shared_ptr<const CocoGroundTruth> coco;
};

struct DataOptions {
  std::string path;
  std::string labels;  // idx, npy
  std::string images;  // coco
};

// Lists the samples and checks what can be checked without decoding: files exist, labels are
// integers, IDX and .npy sizes match their headers. Throws InputError naming file and sample.
Dataset open_dataset(const DataOptions& o);

// A deterministic subset of n samples (all when n >= size), in the data set's order; for COCO the
// ground truth keeps only the chosen images.
Dataset subset(Dataset d, std::size_t n, std::uint64_t seed);

// Sample i: an 8-bit image (1 or 3 channels as asked) or, for .npy data, its tensor [1, ...].
struct SampleContent {
  cv::Mat image;
  Tensor tensor;
};
SampleContent load_sample(const Dataset& d, std::size_t i, std::int64_t channels);

// Segmentation: sample i's mask of class indices (8-bit, one channel).
cv::Mat load_mask(const Dataset& d, std::size_t i);

// Internal to the dataset_*.cpp files: one reader per kind.
Dataset open_class_folders(const std::string& path);
Dataset open_label_list(const std::string& path);
Dataset open_segmentation(const std::string& path);
Dataset open_idx(const std::string& images, const std::string& labels);
Dataset open_npy(const std::string& inputs, const std::string& labels);
Dataset open_coco(const std::string& json, const std::string& images);
// Where a COCO JSON's images are when --images is not given: images/ beside it, else its folder.
std::string coco_images_folder(const std::string& json);

}  // namespace onnxbench::eval
