#include "herlens/models/posenet.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/models/model_files.hpp"
#include "herlens/models/onnx_reader.hpp"

namespace herlens::models {
namespace {

using P = BodyPart;
// The body tree PoseNet's displacements follow, parent to child, in the order of their channels.
constexpr std::pair<BodyPart, BodyPart> edges[posenet_edge_count] = {
    {P::nose, P::left_eye},          {P::left_eye, P::left_ear},        {P::nose, P::right_eye},
    {P::right_eye, P::right_ear},    {P::nose, P::left_shoulder},       {P::left_shoulder, P::left_elbow},
    {P::left_elbow, P::left_wrist},  {P::left_shoulder, P::left_hip},   {P::left_hip, P::left_knee},
    {P::left_knee, P::left_ankle},   {P::nose, P::right_shoulder},      {P::right_shoulder, P::right_elbow},
    {P::right_elbow, P::right_wrist}, {P::right_shoulder, P::right_hip}, {P::right_hip, P::right_knee},
    {P::right_knee, P::right_ankle}};

// The centre of the box of a person's parts scoring at least `min_part_score`; none when no part does.
std::optional<cv::Point2f> seen_centre(const Person& person, float min_part_score) {
  if (std::none_of(person.parts.begin(), person.parts.end(),
                   [&](const BodyPoint& p) { return p.score >= min_part_score; }))
    return std::nullopt;
  const cv::Rect2f seen = person.box(min_part_score);
  return cv::Point2f(seen.x + seen.width / 2, seen.y + seen.height / 2);
}

// The widest input, as a multiple of its height: wider than the widest films (2.76:1).
constexpr double max_input_aspect = 3;

// Refining a part found along an edge: each step reads the offset at the cell the part lies in.
constexpr int refine_steps = 2;

constexpr const char* output_names[] = {"MobilenetV1/heatmap_2/BiasAdd", "MobilenetV1/offset_2/BiasAdd",
                                        "MobilenetV1/displacement_fwd_2/BiasAdd",
                                        "MobilenetV1/displacement_bwd_2/BiasAdd"};

struct Grid {
  const PoseNetOutputs& out;
  cv::Point cell_of(cv::Point2f at) const {
    return {std::clamp(int(std::lround(at.x / posenet_stride)), 0, out.width - 1),
            std::clamp(int(std::lround(at.y / posenet_stride)), 0, out.height - 1)};
  }
  size_t index(cv::Point cell) const { return static_cast<size_t>(cell.y) * out.width + cell.x; }
  float score(cv::Point cell, size_t part) const { return out.heatmaps[index(cell) * body_part_count + part]; }
  cv::Point2f position(cv::Point cell, size_t part) const {
    const size_t at = index(cell) * 2 * body_part_count;
    return {float(cell.x * posenet_stride) + out.offsets[at + body_part_count + part],
            float(cell.y * posenet_stride) + out.offsets[at + part]};
  }
  // The part at the end of `edge`, from `from` along the forward or backward displacement.
  BodyPoint follow(cv::Point2f from, size_t edge, size_t target, std::span<const float> displacement) const {
    const size_t at = index(cell_of(from)) * 2 * posenet_edge_count;
    cv::Point2f guess = from + cv::Point2f(displacement[at + posenet_edge_count + edge], displacement[at + edge]);
    cv::Point cell = cell_of(guess);
    for (int step = 0; step < refine_steps; ++step) {
      guess = position(cell, target);
      cell = cell_of(guess);
    }
    return {guess, score(cell, target)};
  }
};

float squared_distance(cv::Point2f a, cv::Point2f b) {
  const cv::Point2f d = a - b;
  return d.dot(d);
}

bool near_kept(const std::vector<Person>& kept, size_t part, cv::Point2f at, float radius) {
  return std::any_of(kept.begin(), kept.end(), [&](const Person& p) {
    return squared_distance(p.parts[part].at, at) < radius * radius;
  });
}

}  // namespace

std::string_view name(BodyPart part) {
  static constexpr const char* names[body_part_count] = {
      "nose",       "left_eye",    "right_eye",  "left_ear",  "right_ear",  "left_shoulder",
      "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip",
      "right_hip",  "left_knee",   "right_knee", "left_ankle", "right_ankle"};
  return names[static_cast<size_t>(part)];
}

cv::Rect2f Person::box(float min_part_score) const {
  float left = INFINITY, top = INFINITY, right = -INFINITY, bottom = -INFINITY;
  for (const BodyPoint& p : parts) {
    if (p.score < min_part_score) continue;
    left = std::min(left, p.at.x);
    right = std::max(right, p.at.x);
    top = std::min(top, p.at.y);
    bottom = std::max(bottom, p.at.y);
  }
  if (left > right) return {};
  return {left, top, right - left, bottom - top};
}

std::vector<Person> decode_posenet(const PoseNetOutputs& out, const PoseNetDecoding& decoding) {
  const size_t cells = static_cast<size_t>(out.height) * out.width;
  if (out.height <= 0 || out.width <= 0 || out.heatmaps.size() != cells * body_part_count ||
      out.offsets.size() != cells * 2 * body_part_count || out.forward.size() != cells * 2 * posenet_edge_count ||
      out.backward.size() != cells * 2 * posenet_edge_count)
    throw Error(ErrorKind::internal, "posenet: output grids of the wrong size");
  const Grid grid{out};

  // Roots: cells scoring at least min_root_score that no neighbour (3x3) of the same part beats.
  struct Root {
    float score;
    cv::Point cell;
    size_t part;
  };
  std::vector<Root> roots;
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x)
      for (size_t part = 0; part < body_part_count; ++part) {
        const float score = grid.score({x, y}, part);
        if (score < decoding.min_root_score) continue;
        bool peak = true;
        for (int ny = std::max(y - 1, 0); peak && ny <= std::min(y + 1, out.height - 1); ++ny)
          for (int nx = std::max(x - 1, 0); nx <= std::min(x + 1, out.width - 1); ++nx)
            if (grid.score({nx, ny}, part) > score) peak = false;
        if (peak) roots.push_back({score, {x, y}, part});
      }
  std::stable_sort(roots.begin(), roots.end(), [](const Root& a, const Root& b) { return a.score > b.score; });

  std::vector<Person> people;
  for (const Root& root : roots) {
    if (int(people.size()) >= decoding.max_people) break;
    const cv::Point2f at = grid.position(root.cell, root.part);
    if (near_kept(people, root.part, at, decoding.nms_radius)) continue;

    Person person;
    std::array<bool, body_part_count> found{};
    person.parts[root.part] = {at, root.score};
    found[root.part] = true;
    for (size_t e = posenet_edge_count; e-- > 0;) {  // towards the root of the tree
      const auto [parent, child] = edges[e];
      const auto p = static_cast<size_t>(parent), c = static_cast<size_t>(child);
      if (found[c] && !found[p]) {
        person.parts[p] = grid.follow(person.parts[c].at, e, p, out.backward);
        found[p] = true;
      }
    }
    for (size_t e = 0; e < posenet_edge_count; ++e) {  // out to the limbs
      const auto [parent, child] = edges[e];
      const auto p = static_cast<size_t>(parent), c = static_cast<size_t>(child);
      if (found[p] && !found[c]) {
        person.parts[c] = grid.follow(person.parts[p].at, e, c, out.forward);
        found[c] = true;
      }
    }
    float total = 0;
    for (size_t part = 0; part < body_part_count; ++part)
      if (!near_kept(people, part, person.parts[part].at, decoding.nms_radius)) total += person.parts[part].score;
    person.score = total / float(body_part_count);
    if (person.score >= decoding.min_pose_score) people.push_back(person);
  }
  std::stable_sort(people.begin(), people.end(), [](const Person& a, const Person& b) { return a.score > b.score; });
  return people;
}

bool wants_closer_look(std::span<const Person> people, int rows, const PoseNetParams& params) {
  return std::none_of(people.begin(), people.end(), [&](const Person& person) {
    return person.box(params.closer_part_score).height >= params.closer_below * rows;
  });
}

void PoseNetParams::validate() const {
  check_range("posenet", "input_height", input_height, 161, 1025);
  check_range("posenet", "closer_below", closer_below, 1e-3, 1.0);
  check_range("posenet", "closer_part_score", closer_part_score, 1e-3, 0.999);
  check_range("posenet", "box_look_height", box_look_height, 161, 1025);
  check_range("posenet", "box_margin", box_margin, 0.0, 1.0);
  check_range("posenet", "max_box_looks", max_box_looks, 1, 20);
  check_range("posenet", "closer_height", closer_height, input_height + 1, 1025);
  check_range("posenet", "unboxed_min_score", unboxed_min_score, 1e-3, 0.999);
  check_range("posenet", "min_root_score", decoding.min_root_score, 1e-3, 0.999);
  check_range("posenet", "min_pose_score", decoding.min_pose_score, 1e-3, 0.999);
  check_range("posenet", "nms_radius", decoding.nms_radius, 0, 1000);
  check_range("posenet", "max_people", decoding.max_people, 1, 100);
  check_range("posenet", "box min_root_score", box_decoding.min_root_score, 1e-3, 0.999);
  check_range("posenet", "box min_pose_score", box_decoding.min_pose_score, 1e-3, 0.999);
  boxes.validate();
}

PoseNetDetector::PoseNetDetector(const std::filesystem::path& model_dir, PoseNetParams params)
    : params_(params), boxes_(model_dir, params.boxes) {
  params_.validate();
  const std::filesystem::path topology = find_model("posenet.json", model_dir);
  files_ = {topology, topology.parent_path() / "posenet.bin"};
  for (const auto& file : boxes_.model_files()) files_.push_back(file);
  graph_ = TfjsGraph::load(topology);
}

std::vector<Person> PoseNetDetector::detect(const cv::Mat& bgr, bool face_seen) {
  if (bgr.empty()) return {};
  std::vector<Person> people = look(bgr, params_.input_height, params_.decoding);
  if (params_.closer_look && !face_seen && wants_closer_look(people, bgr.rows, params_)) people = look_closer(bgr);
  return people;
}

std::vector<Person> PoseNetDetector::look_closer(const cv::Mat& bgr) {
  std::vector<Person> people = look_at_boxes(bgr);
  const size_t boxed = people.size();
  for (Person& person : look(bgr, params_.closer_height, params_.decoding)) {
    const std::optional<cv::Point2f> centre = seen_centre(person, params_.closer_part_score);
    if (person.score < params_.unboxed_min_score || !centre) continue;
    // A body centred on one already found through a box is that person.
    if (std::none_of(people.begin(), people.begin() + ptrdiff_t(boxed),
                     [&](const Person& found) { return found.box(params_.closer_part_score).contains(*centre); }))
      people.push_back(person);
  }
  std::stable_sort(people.begin(), people.end(), [](const Person& a, const Person& b) { return a.score > b.score; });
  return people;
}

std::vector<Person> PoseNetDetector::look_at_boxes(const cv::Mat& bgr) {
  std::vector<PersonBox> found = boxes_.find(bgr);
  // The tallest first: the nearest figures, which set the picture's class.
  std::stable_sort(found.begin(), found.end(),
                   [](const PersonBox& a, const PersonBox& b) { return a.box.height > b.box.height; });
  if (int(found.size()) > params_.max_box_looks) found.resize(size_t(params_.max_box_looks));
  const cv::Rect picture(0, 0, bgr.cols, bgr.rows);
  std::vector<Person> people;
  for (const PersonBox& person_box : found) {
    const float margin = float(params_.box_margin) * person_box.box.height;
    const cv::Rect2f wide(person_box.box.x - margin, person_box.box.y - margin, person_box.box.width + 2 * margin,
                          person_box.box.height + 2 * margin);
    const cv::Rect crop = cv::Rect(cv::Point(int(std::floor(wide.x)), int(std::floor(wide.y))),
                                   cv::Point(int(std::ceil(wide.br().x)), int(std::ceil(wide.br().y)))) &
                          picture;
    if (crop.width < 8 || crop.height < 8) continue;
    // The body of this box: the best-scoring one whose seen parts centre inside it (the crop may
    // hold a neighbour's too).
    for (Person& person : look(bgr(crop), params_.box_look_height, params_.box_decoding)) {
      const std::optional<cv::Point2f> centre = seen_centre(person, params_.closer_part_score);
      if (!centre || !person_box.box.contains(*centre + cv::Point2f(float(crop.x), float(crop.y)))) continue;
      for (BodyPoint& part : person.parts) part.at += cv::Point2f(float(crop.x), float(crop.y));
      person.figure = person_box.box;
      people.push_back(person);
      break;
    }
  }
  return people;
}

std::vector<Person> PoseNetDetector::look(const cv::Mat& bgr, int height, const PoseNetDecoding& decoding) {
  // A grid of 16k + 1 inputs puts cells on both edges of the picture.
  const auto grid_size = [](double pixels) {
    return std::max(1, int(std::lround((pixels - 1) / posenet_stride))) * posenet_stride + 1;
  };
  // The picture's shape is kept up to `max_input_aspect` times as wide as high; a wider one (a
  // strip a few pixels tall) is squeezed to that, so the input never grows with the picture.
  const double aspect = std::min(double(bgr.cols) / bgr.rows, max_input_aspect);
  const int width = grid_size(height * aspect);
  cv::Mat resized;
  cv::resize(bgr, resized, {width, height}, 0, 0, cv::INTER_LINEAR);
  // PoseNet's MobileNet takes pixel values mapped to [-1, 1].
  std::vector<TfjsTensor> outputs = graph_.run(picture_input(resized, 1.0 / 127.5, -1.0),
                                               {output_names[0], output_names[1], output_names[2], output_names[3]});
  const int64_t channels[] = {body_part_count, 2 * body_part_count, 2 * posenet_edge_count, 2 * posenet_edge_count};
  for (size_t i = 0; i < outputs.size(); ++i)
    if (outputs[i].shape.size() != 4 || outputs[i].shape[3] != channels[i] ||
        outputs[i].shape[1] != outputs[0].shape[1] || outputs[i].shape[2] != outputs[0].shape[2])
      throw Error(ErrorKind::model, model_error(files_.front().string(), "outputs are not PoseNet's grids"));
  for (float& v : outputs[0].values) v = 1.0f / (1.0f + std::exp(-v));
  const PoseNetOutputs grids{int(outputs[0].shape[1]), int(outputs[0].shape[2]), outputs[0].values,
                             outputs[1].values, outputs[2].values, outputs[3].values};
  std::vector<Person> people = decode_posenet(grids, decoding);
  // Input pixels to the picture's.
  const float sx = float(bgr.cols) / float(width), sy = float(bgr.rows) / float(height);
  for (Person& person : people)
    for (BodyPoint& part : person.parts) part.at = {part.at.x * sx, part.at.y * sy};
  return people;
}

}  // namespace herlens::models
