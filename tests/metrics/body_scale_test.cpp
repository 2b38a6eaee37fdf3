// Shot scale by body framing (docs/metrics.md, "Framing"): each class boundary of the keypoint rules,
// the nearest of several people, the face refining the close end, and the join with shots.
#include "herlens/metrics/body_scale.hpp"
#include "herlens/metrics/faces.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <tuple>
#include <utility>
#include <vector>

#include "support/shots.hpp"

using herlens::metrics::BodyScaleParams;
using herlens::metrics::ShotScale;
using herlens::models::BodyPart;
using herlens::models::Person;

namespace {

// A standing figure of `height` (eyes to ankles, fractions of the picture) whose eyes are at `top`,
// its parts at their usual share of that height; parts below the picture's bottom are not seen (a
// pose model gives them a low score).
Person figure(double top, double height, float score = 0.9f) {
  struct Level {
    BodyPart part;
    double down;  // share of the height below the eyes
  };
  static constexpr Level levels[] = {
      {BodyPart::left_eye, 0},       {BodyPart::right_eye, 0},       {BodyPart::nose, 0.03},
      {BodyPart::left_ear, 0.01},    {BodyPart::right_ear, 0.01},    {BodyPart::left_shoulder, 0.13},
      {BodyPart::right_shoulder, 0.13}, {BodyPart::left_elbow, 0.3}, {BodyPart::right_elbow, 0.3},
      {BodyPart::left_wrist, 0.44},  {BodyPart::right_wrist, 0.44},  {BodyPart::left_hip, 0.46},
      {BodyPart::right_hip, 0.46},   {BodyPart::left_knee, 0.72},    {BodyPart::right_knee, 0.72},
      {BodyPart::left_ankle, 1.0},   {BodyPart::right_ankle, 1.0}};
  Person person;
  for (const Level& level : levels) {
    const double y = top + level.down * height;
    person[level.part] = {{0.5f, float(y)}, y <= 1 ? score : 0.05f};
  }
  person.score = score;
  return person;
}

ShotScale classify(const Person& person) { return herlens::metrics::classify_person(person, BodyScaleParams{}, 1.0); }

}  // namespace

// A figure `height` tall (eyes to ankles) whose head's centre lies `cut` of its height above the
// picture's bottom edge.
Person cut_at(double cut, double height = 0.8) { return figure(1.0 - cut * height - 0.01 * height, height); }

TEST_CASE("body framing: where the picture's bottom cuts the figure sets the class, at each bound") {
  // The head's centre lies 0.01 of the height below the eyes, 0.12 above the shoulders.
  const std::pair<double, ShotScale> bounds[] = {{0.17, ShotScale::mcu}, {0.30, ShotScale::ms},
                                                 {0.55, ShotScale::mls}, {1.0, ShotScale::ls}};
  ShotScale tighter = ShotScale::cu;
  for (const auto& [bound, wider] : bounds) {
    CAPTURE(bound);
    CHECK(classify(cut_at(bound * 0.98)) == tighter);
    CHECK(classify(cut_at(bound * 1.02)) == wider);
    tighter = wider;
  }
}

TEST_CASE("body framing: the lowest body level seen is the least class, without head or shoulders too") {
  // Only the legs of a figure seen (its upper body above the picture): an ankle makes it an LS;
  // with its ankles hidden, hips and knees tell that the picture's bottom lies below them: LS still.
  Person legs = figure(-0.5, 1.2);
  CHECK(classify(legs) == ShotScale::ls);
  legs[BodyPart::left_ankle].score = legs[BodyPart::right_ankle].score = 0.1f;
  CHECK(classify(legs) == ShotScale::ls);
  // The knees alone (hips above the picture, ankles below): an MLS, no cut measured.
  CHECK(classify(figure(-1.5, 3.0)) == ShotScale::mls);
  // A back cut at the waist: shoulders and hips seen, no head part: MS from the hips.
  Person back = figure(0.47, 1.0);
  for (const BodyPart part : {BodyPart::nose, BodyPart::left_eye, BodyPart::right_eye, BodyPart::left_ear,
                              BodyPart::right_ear})
    back[part].score = 0.05f;
  CHECK(classify(back) == ShotScale::ms);
  // Shoulders alone: a CU, no cut measured.
  for (const BodyPart part : {BodyPart::left_hip, BodyPart::right_hip}) back[part].score = 0.05f;
  CHECK(classify(back) == ShotScale::cu);
  // A figure hidden below its waist (a desk): the cut through its shins makes it an MLS.
  Person behind_desk = cut_at(0.8);
  for (const BodyPart part : {BodyPart::left_knee, BodyPart::right_knee, BodyPart::left_hip, BodyPart::right_hip})
    behind_desk[part].score = 0.05f;
  CHECK(classify(behind_desk) == ShotScale::mls);
}

// A person whose head is hidden (a back, a face behind a board) seen down to its hips, its height
// told by shoulders and hips alone, with the picture's bottom `cut` of that height below the head.
Person headless_cut_at(double cut, double height = 0.8) {
  Person person = cut_at(cut, height);
  for (const BodyPart part : {BodyPart::nose, BodyPart::left_eye, BodyPart::right_eye, BodyPart::left_ear,
                              BodyPart::right_ear})
    person[part].score = 0.05f;
  return person;
}

// A figure bending forward: head, shoulders and hips on a line `lean` radians from the vertical,
// `height` tall along its body, its hips `below_hips` of its height above the picture's bottom
// (its knees and ankles below the picture).
Person leaning(double lean, double below_hips, double height = 0.8) {
  const double hips_y = 1.0 - below_hips * height;
  const auto along = [&](double depth) {  // the point `depth` of the height from the head's centre
    const double back = 0.45 - depth;
    return cv::Point2f(float(0.5 + back * height * std::sin(lean)), float(hips_y - back * height * std::cos(lean)));
  };
  Person person;
  for (const BodyPart part : {BodyPart::nose, BodyPart::left_eye, BodyPart::right_eye}) person[part] = {along(0), 0.9f};
  for (const BodyPart part : {BodyPart::left_shoulder, BodyPart::right_shoulder}) person[part] = {along(0.12), 0.9f};
  for (const BodyPart part : {BodyPart::left_hip, BodyPart::right_hip}) person[part] = {along(0.45), 0.9f};
  return person;
}

TEST_CASE("body framing: the height told by the longest stretch of body seen, along the body") {
  // Head hidden: shoulders and hips tell the height, and the cut bounds hold as with the head.
  for (const auto& [bound, tighter, wider] : {std::tuple{0.55, ShotScale::ms, ShotScale::mls},
                                              std::tuple{1.0, ShotScale::mls, ShotScale::ls}}) {
    CAPTURE(bound);
    CHECK(classify(headless_cut_at(bound * 0.98)) == tighter);
    CHECK(classify(headless_cut_at(bound * 1.02)) == wider);
  }
  // A torso bent 50 degrees forward: its length along the body, not its upright extent, tells the
  // height, and the legs below the hips hang straight down: the hips 0.08 or 0.12 of the height above
  // the picture's bottom cut the figure at 0.53 (MS) or 0.57 (MLS); its upright extent (0.64 of
  // its length) would make the figure short and the cut wide of the truth.
  CHECK(classify(leaning(0.87, 0.08)) == ShotScale::ms);
  CHECK(classify(leaning(0.87, 0.12)) == ShotScale::mls);
  CHECK(classify(leaning(0, 0.08)) == ShotScale::ms);
  CHECK(classify(leaning(0, 0.12)) == ShotScale::mls);
  // In a 16:9 picture a part's x is a share of the width: the same bent figure keeps its class when
  // the picture's shape is given, and measured in mixed units its torso would look short (0.78 of
  // its length), the cut past 0.55.
  Person wide = leaning(0.87, 0.08);
  for (auto& part : wide.parts) part.at.x = float(0.5 + (part.at.x - 0.5) / (16.0 / 9.0));
  CHECK(herlens::metrics::classify_person(wide, {}, 16.0 / 9.0) == ShotScale::ms);
  CHECK(herlens::metrics::classify_person(wide, {}, 1.0) == ShotScale::mls);
}

TEST_CASE("body framing: a whole figure shorter than els_height is an ELS") {
  const BodyScaleParams params;
  CHECK(classify(figure(0.5, params.els_height * 1.02)) == ShotScale::ls);
  CHECK(classify(figure(0.5, params.els_height * 0.98)) == ShotScale::els);
  BodyScaleParams taller;
  taller.els_height = 0.5;
  CHECK(herlens::metrics::classify_person(figure(0.2, 0.45), taller, 1.0) == ShotScale::els);
}

TEST_CASE("body framing: parts below the score, outside the picture, or only arms frame no one") {
  CHECK(classify(figure(0.1, 0.5, 0.2f)) == ShotScale::none);  // every part under min_part_score
  Person arms;
  arms[BodyPart::left_wrist] = {{0.5f, 0.5f}, 0.9f};
  arms[BodyPart::left_elbow] = {{0.5f, 0.7f}, 0.9f};
  CHECK(classify(arms) == ShotScale::none);
  Person outside = figure(0.1, 0.5);
  for (auto& part : outside.parts) part.at.x = 1.2f;  // to the right of the picture
  CHECK(classify(outside) == ShotScale::none);
}

TEST_CASE("body framing: several people take the tightest-framed one's class") {
  const std::vector<Person> people{cut_at(0.6, 0.4), cut_at(0.4, 1.5), cut_at(2, 0.1)};
  CHECK(herlens::metrics::classify_people(people, {}, 1.0, false) == ShotScale::ms);
  CHECK(herlens::metrics::classify_people(people, {}, 1.0, true) == ShotScale::ms);
  CHECK(herlens::metrics::classify_people({}, {}, 1.0, false) == ShotScale::none);
}

namespace {

// `person` moved across the picture so that its parts lie around `x`.
Person at_x(Person person, float x) {
  for (auto& part : person.parts) part.at.x += x - 0.5f;
  return person;
}

// `person` turned from the camera: one eye seen at most (a profile), or none (a back).
Person turned(Person person, bool profile) {
  person[BodyPart::left_eye].score = 0.1f;
  if (!profile) person[BodyPart::right_eye].score = person[BodyPart::nose].score = 0.1f;
  return person;
}

}  // namespace

TEST_CASE("body framing: a figure framed over the shoulder yields to whom the shot looks at") {
  using herlens::metrics::classify_people;
  const BodyScaleParams params;
  const float side = float(params.over_shoulder_side);
  const Person facing = at_x(cut_at(0.4), 0.5f);  // an MS, both eyes seen
  for (const bool profile : {true, false}) {
    CAPTURE(profile);
    // Near the left or right edge, turned away, and tighter (an MCU): the one facing decides.
    const Person shoulder = turned(cut_at(0.2), profile);
    CHECK(classify_people(std::vector<Person>{at_x(shoulder, side - 0.02f), facing}, params, 1.0, false) ==
          ShotScale::ms);
    CHECK(classify_people(std::vector<Person>{facing, at_x(shoulder, 1 - side + 0.02f)}, params, 1.0, false) ==
          ShotScale::ms);
    // Nearer the middle, it is the nearest person, and decides.
    CHECK(classify_people(std::vector<Person>{at_x(shoulder, side + 0.02f), facing}, params, 1.0, false) ==
          ShotScale::mcu);
    // With no one facing the camera (two profiles), the nearest decides.
    CHECK(classify_people(std::vector<Person>{at_x(shoulder, side - 0.02f), turned(facing, true)}, params, 1.0,
                          false) == ShotScale::mcu);
  }
  // Facing the camera at the picture's edge, it is the nearest person.
  CHECK(classify_people(std::vector<Person>{at_x(cut_at(0.2), side - 0.02f), facing}, params, 1.0, false) ==
        ShotScale::mcu);
  // The head unseen (a back cut by the top edge), its shoulders tell where it stands.
  Person back = turned(at_x(cut_at(0.2), side - 0.02f), false);
  for (const BodyPart part : {BodyPart::left_ear, BodyPart::right_ear}) back[part].score = 0.1f;
  CHECK(classify_people(std::vector<Person>{back, facing}, params, 1.0, false) == ShotScale::ms);
}

TEST_CASE("body framing: the face of a figure framed over the shoulder is passed over as the figure is") {
  using herlens::metrics::largest_face_read;
  using herlens::models::Face;
  const BodyScaleParams params;
  const Person profile = at_x(turned(cut_at(0.15), true), 0.1f);  // a large profile at the left edge
  const Person facing = at_x(cut_at(0.4), 0.6f);
  // Each face box centred on its owner's head (eyes 0.01 of the height above the head's centre).
  const auto face_of = [](const Person& person, float height) {
    const cv::Point2f eye = person[BodyPart::right_eye].at;
    return Face{{eye.x - height / 2, eye.y - height / 2, height, height}, 0.9f};
  };
  const std::vector<Face> faces{face_of(profile, 0.3f), face_of(facing, 0.1f)};
  CHECK(largest_face_read(faces, std::vector<Person>{profile, facing}, params) == doctest::Approx(0.1));
  // No one facing the camera: the profile is the nearest person, and its face is read.
  CHECK(largest_face_read(faces, std::vector<Person>{profile}, params) == doctest::Approx(0.3));
  CHECK(largest_face_read(faces, {}, params) == doctest::Approx(0.3));
  CHECK(largest_face_read({}, std::vector<Person>{profile, facing}, params) == 0);
}

TEST_CASE("body framing: one level alone with a figure box ending inside the picture is a whole figure") {
  const BodyScaleParams params;
  // A figure lying across the picture: PoseNet found an ear alone, CenterNet boxed it whole.
  Person lying;
  lying[BodyPart::left_ear] = {{0.3f, 0.6f}, 0.9f};
  CHECK(classify(lying) == ShotScale::cu);  // no box: a head says CU or wider
  lying.figure = {0.05f, 0.55f, 0.35f, 0.2f};
  CHECK(classify(lying) == ShotScale::ls);
  lying.figure.height = float(params.els_height) * 0.9f;
  CHECK(classify(lying) == ShotScale::els);
  // A box reaching the picture's bottom (within the margin) may hold a figure cut there: the floor.
  lying.figure = {0.05f, 0.5f, 0.35f, 0.5f - float(params.whole_figure_margin) * 0.5f};
  CHECK(classify(lying) == ShotScale::cu);
  // Two levels seen: the cut is measured, the box does not decide (something in front may end it).
  Person seated = cut_at(0.4);
  seated.figure = {0.3f, 0.1f, 0.4f, 0.5f};
  CHECK(classify(seated) == ShotScale::ms);
}

TEST_CASE("body framing: a head seen alone is a floor, which a face's size overrules") {
  // A head alone (its shoulders missed, or below the picture): CU or wider, no cut measured.
  Person head;
  head[BodyPart::nose] = {{0.5f, 0.5f}, 0.9f};
  head[BodyPart::left_eye] = {{0.45f, 0.45f}, 0.9f};
  CHECK(classify(head) == ShotScale::cu);
  CHECK(!herlens::metrics::cut_measured(head, {}));
  const std::vector<Person> alone{head};
  CHECK(herlens::metrics::classify_people(alone, {}, 1.0, false) == ShotScale::cu);  // a back of a head: a CU
  CHECK(herlens::metrics::classify_people(alone, {}, 1.0, true) == ShotScale::none);  // the face decides
  // Head and shoulders seen: the cut is measured, and stands beside a face.
  const Person close = cut_at(0.15);
  CHECK(herlens::metrics::cut_measured(close, {}));
  CHECK(herlens::metrics::classify_people(std::vector<Person>{close}, {}, 1.0, true) == ShotScale::cu);
  // The tightest person rests on a head alone: a face overrules it even beside a measured figure.
  CHECK(herlens::metrics::classify_people(std::vector<Person>{cut_at(0.4), head}, {}, 1.0, true) == ShotScale::none);
}

TEST_CASE("body framing: the face decides an ECU, where no body is seen, and where the body reads two classes wider") {
  using herlens::metrics::combine_scales;
  CHECK(combine_scales(ShotScale::ecu, ShotScale::cu) == ShotScale::ecu);   // parts show no ECU
  CHECK(combine_scales(ShotScale::mcu, ShotScale::cu) == ShotScale::cu);     // the cut decides the close end
  CHECK(combine_scales(ShotScale::cu, ShotScale::mcu) == ShotScale::mcu);
  CHECK(combine_scales(ShotScale::mcu, ShotScale::none) == ShotScale::mcu);  // no body seen
  CHECK(combine_scales(ShotScale::mcu, ShotScale::ms) == ShotScale::ms);     // one class wider: the body
  CHECK(combine_scales(ShotScale::cu, ShotScale::ms) == ShotScale::cu);      // two wider: not the face's owner
  CHECK(combine_scales(ShotScale::mcu, ShotScale::ls) == ShotScale::mcu);
  CHECK(combine_scales(ShotScale::ls, ShotScale::els) == ShotScale::els);
  CHECK(combine_scales(ShotScale::ms, ShotScale::cu) == ShotScale::cu);      // a nearer back: the body decides
  CHECK(combine_scales(ShotScale::ls, ShotScale::none) == ShotScale::ls);    // face alone
  CHECK(combine_scales(ShotScale::none, ShotScale::mls) == ShotScale::mls);  // a back, a profile
  CHECK(combine_scales(ShotScale::none, ShotScale::none) == ShotScale::none);
}

TEST_CASE("body framing per shot: the median body class, people counted, none only without a person") {
  using herlens::metrics::FramingSample;
  const auto shots = herlens::test::shots_of({2, 2, 2});
  // Shot 1: a back seen in three samples (no face); shot 2: a face of 0.45 (CU by its size) on a
  // body the picture cuts through the chest (MCU); shot 3: nothing.
  const std::vector<FramingSample> samples{
      {0.1, 0, 0, 1, true, ShotScale::mls},    {0.6, 0, 0, 2, true, ShotScale::ms},
      {1.2, 0, 0, 1, true, ShotScale::ls},     {2.1, 1, 0.45, 1, true, ShotScale::mcu},
      {2.6, 1, 0.45, 1, true, ShotScale::mcu}, {4.1, 0, 0, 0, true, ShotScale::none}};
  const auto framing = herlens::metrics::frame_shots(samples, shots, {});
  REQUIRE(framing.size() == 3);
  CHECK(framing[0].scale == ShotScale::mls);  // median of MS, MLS, LS
  CHECK(framing[0].people == 2);
  CHECK(!framing[0].face_size);
  CHECK(framing[1].scale == ShotScale::mcu);  // the cut, not the face's size
  CHECK(framing[2].scale == ShotScale::none);
  CHECK(framing[2].people == 0);
}

TEST_CASE("body framing per shot: the share of samples showing a person counts the samples the pose model saw") {
  using herlens::metrics::FramingSample;
  const auto shots = herlens::test::shots_of({4, 4});
  // Shot 1: the pose model looked once (an LS) of four samples, the others showing no face: one of
  // one looked at is a person. Shot 2: it looked at three, one showing a person: one of three (the
  // default share, 1/3) still counts; looked at four with one person would not.
  const std::vector<FramingSample> samples{
      {0.1, 0, 0, 1, true, ShotScale::ls},     {1.0, 0, 0, 0, false, ShotScale::none},
      {2.0, 0, 0, 0, false, ShotScale::none},  {3.0, 0, 0, 0, false, ShotScale::none},
      {4.1, 0, 0, 1, true, ShotScale::ms},     {5.0, 0, 0, 0, true, ShotScale::none},
      {6.0, 0, 0, 0, true, ShotScale::none},   {7.0, 0, 0, 0, false, ShotScale::none}};
  auto framing = herlens::metrics::frame_shots(samples, shots, {});
  REQUIRE(framing.size() == 2);
  CHECK(framing[0].scale == ShotScale::ls);
  CHECK(framing[1].scale == ShotScale::ms);
  auto more = samples;
  more.back().body_searched = true;
  framing = herlens::metrics::frame_shots(more, shots, {});
  CHECK(framing[1].scale == ShotScale::none);
}

TEST_CASE("body framing per shot: faces count as people where the pose model did not look") {
  using herlens::metrics::FaceObservation;
  FaceObservation two_faces{0, 0.1, {}, 0.5};
  two_faces.faces.resize(2);
  const auto framing = herlens::metrics::framing_samples(std::vector<FaceObservation>{two_faces}, {}, 1.0);
  REQUIRE(framing.size() == 1);
  CHECK(framing[0].people == 2);
  CHECK(!framing[0].body_searched);
  CHECK(framing[0].body_scale == ShotScale::none);
}

TEST_CASE("body framing per shot: a look beside a large face frames the nearest person and counts everyone") {
  using herlens::metrics::FaceObservation;
  // A face of 0.3 (MCU); the pose model found three people, whole figures (LS), one of them the
  // face's owner missed: the face's class stands. People: the three bodies, more than the face.
  FaceObservation close{0, 0.1, {}, 0.3};
  close.faces = {{{0.35f, 0.1f, 0.3f, 0.3f}, 0.9f}};
  close.body_searched = true;
  close.people = {figure(0.1, 0.5), figure(0.05, 0.9), figure(0.2, 0.6)};
  const auto framing = herlens::metrics::framing_samples(std::vector<FaceObservation>{close}, {}, 1.0);
  REQUIRE(framing.size() == 1);
  CHECK(framing[0].people == 3);
  CHECK(framing[0].body_searched);
  CHECK(framing[0].body_scale == ShotScale::ls);
  const auto shots = herlens::test::shots_of({1});
  CHECK(herlens::metrics::frame_shots(framing, shots, {})[0].scale == ShotScale::mcu);
}
