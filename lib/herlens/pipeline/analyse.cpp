#include "herlens/pipeline/analyse.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/models/model_files.hpp"
#include "herlens/pipeline/analyses.hpp"
#include "herlens/version.hpp"

namespace herlens::pipeline {

namespace {

using metrics::Analysis;

bool has(const media::SourceInfo& info, Stream stream) {
  return stream == Stream::video ? info.has_video : info.has_audio;
}

const std::optional<media::UndecodableStream>& undecodable(const media::SourceInfo& info, Stream stream) {
  return stream == Stream::video ? info.undecodable_video : info.undecodable_audio;
}

std::string_view name(Stream stream) { return stream == Stream::video ? "video" : "audio"; }

// The analyses to run, in the order asked (each once); the others are skipped or fail.
std::vector<const AnalysisDefinition*> choose(const std::filesystem::path& input, const AnalysisRequest& request,
                                              const media::SourceInfo& info, metrics::FilmSummary& summary) {
  std::vector<const AnalysisDefinition*> chosen;
  ErrorKind first_skip = ErrorKind::missing_stream;  // what a run left with nothing fails as
  for (const Analysis analysis : request.analyses) {
    const AnalysisDefinition& definition = definition_of(analysis);
    if (std::find(chosen.begin(), chosen.end(), &definition) != chosen.end()) continue;
    if (has(info, definition.needs)) {
      chosen.push_back(&definition);
      continue;
    }
    // A stream that is there but cannot be decoded is named, and fails as nothing decodable.
    const std::optional<media::UndecodableStream>& broken = undecodable(info, definition.needs);
    const ErrorKind kind = broken ? ErrorKind::decode : ErrorKind::missing_stream;
    if (request.missing_stream == WhenStreamMissing::fail)
      throw Error(kind, broken ? fmt::format("{}: {} cannot be decoded: {} ({} needs it)", input.string(),
                                             broken->stream, broken->why, metrics::name(analysis))
                               : fmt::format("{}: no {} stream ({} needs one)", input.string(),
                                             name(definition.needs), metrics::name(analysis)));
    if (summary.skipped.empty()) first_skip = kind;
    summary.skipped.push_back({analysis, broken ? fmt::format("{} that cannot be decoded: {}", broken->stream, broken->why)
                                                : fmt::format("no {} stream", name(definition.needs))});
  }
  if (!request.analyses.empty() && chosen.empty())
    throw Error(first_skip, fmt::format("{}: nothing to analyse: {}", input.string(), summary.skipped.front().reason));
  return chosen;
}

metrics::Provenance provenance(const std::vector<const AnalysisDefinition*>& chosen, const AnalysisRequest& request,
                               const std::vector<Analyzer*>& analyzers) {
  metrics::Provenance made{std::string(version()), {}, {}, {}};
  params::Group pass = params::values(request.pass, request.pass.table());
  pass.values.push_back({"start", request.pass.start});
  pass.values.push_back({"end", request.pass.end});
  made.options.push_back(std::move(pass));
  for (const AnalysisDefinition* definition : chosen)
    for (params::Group& group : definition->parameters(request.options))
      if (std::none_of(made.options.begin(), made.options.end(),
                       [&group](const params::Group& g) { return g.owner == group.owner; }))
        made.options.push_back(std::move(group));
  for (const Analyzer* analyzer : analyzers)
    for (const std::filesystem::path& file : analyzer->model_files())
      made.models.push_back({file.string(), models::sha256_of_file(file)});
  const auto per_shot = [](const AnalysisDefinition* d) {
    return std::find(d->analyzers.begin(), d->analyzers.end(), AnalyzerKind::shot_detector) != d->analyzers.end();
  };
  if (const auto& list = request.options.shot_list; list && std::any_of(chosen.begin(), chosen.end(), per_shot))
    made.shot_list = metrics::FileDigest{list->file, list->sha256};
  return made;
}

}  // namespace

void AnalysisOptions::validate() const {
  shot_boundaries.validate();
  shots.validate();
  colour.validate();
  faces.validate();
  scale.validate();
  speech.validate();
  picture_level.validate();
  dialogue.validate();
}

FilmAnalysis analyse(const std::filesystem::path& input, const AnalysisRequest& request) {
  request.options.validate();
  const std::unique_ptr<media::Source> source = open_for_pass(input, request.pass);
  const media::SourceInfo& info = source->info();
  metrics::FilmSummary summary;
  summary.input = input.string();
  summary.input_path = std::filesystem::absolute(input).lexically_normal().string();
  const std::vector<const AnalysisDefinition*> chosen = choose(input, request, info, summary);

  std::vector<AnalyzerKind> kinds;
  bool needs_audio = false;
  for (const AnalysisDefinition* definition : chosen) {
    kinds.insert(kinds.end(), definition->analyzers.begin(), definition->analyzers.end());
    needs_audio |= definition->needs == Stream::audio;
  }
  // The runtime counts sound when sound is decoded anyway, or when there is nothing else to count.
  const std::optional<std::filesystem::path> record_audio_in = info.has_audio ? request.record_audio_in : std::nullopt;
  AnalyzerSet analyzers(kinds, request.options, needs_audio || !info.has_video, record_audio_in);
  const PassResult pass = run_pass(*source, analyzers.all(), request.pass);

  summary.provenance = provenance(chosen, request, analyzers.all());
  Observations seen = analyzers.take_observations();
  summary.decode = pass.stats;
  summary.timing = seen.timing;
  summary.clock.start_offset = info.start_offset;
  summary.clock.has_audio = info.has_audio;
  if (info.has_video) {
    summary.clock.frame_rate = info.frame_rate;
    summary.clock.width = info.width;
    summary.clock.height = info.height;
  }
  for (const AnalysisDefinition* definition : chosen) {
    definition->join(seen, request.options, summary);
    summary.analyses.push_back(definition->analysis);
  }
  return {std::move(summary), std::move(seen.audio)};
}

}  // namespace herlens::pipeline
